// Which files a set of encodings needs. Aliases share files (p50k_edit reads p50k_base), so the
// set is deduplicated by file id; extra files from `extra-encoders` join it as their own entries.
import { ENCODINGS, PINNED_FILES, canonicalUrl, type EncodingName } from '../pins.js';
import { cacheFileName } from './cache-name.js';

/** A file from `extra-encoders`: cached under sha1(url) like the pinned ones. */
export interface ExtraEncoder {
  readonly name: string;
  readonly url: string;
  readonly sha256: string;
}

/** One file to acquire, verify and lay out. */
export interface SelectedFile {
  /** Pinned file id, or the extra's name. */
  readonly id: string;
  /** Encodings that read this file, in selection order (the extra's name for extras). */
  readonly encodings: readonly string[];
  /** The URL tiktoken derives the cache name from. */
  readonly url: string;
  /** `sha1(url)`: the file name inside the cache folder. */
  readonly cacheFile: string;
  /** Names a local `source` may hold the file under besides `cacheFile`. */
  readonly sourceNames: readonly string[];
  readonly sha256: string;
  /** Unknown for extras (their pin is a hash only). */
  readonly size?: number;
  readonly extra: boolean;
}

function baseName(url: string): string {
  const path = new URL(url).pathname;
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last; // a malformed %-escape: the name as written
  }
}

/** Files for `encodings` (deduplicated, in pin order) followed by the extras, in input order. */
export function selectFiles(encodings: readonly EncodingName[], extras: readonly ExtraEncoder[] = []): SelectedFile[] {
  const users = new Map<string, string[]>();
  for (const encoding of encodings) {
    for (const id of ENCODINGS[encoding]) {
      const list = users.get(id) ?? [];
      if (!list.includes(encoding)) list.push(encoding);
      users.set(id, list);
    }
  }
  const pinned = Object.values(PINNED_FILES)
    .filter((pin) => users.has(pin.id))
    .map((pin): SelectedFile => {
      const url = canonicalUrl(pin);
      return {
        id: pin.id,
        encodings: users.get(pin.id) ?? [],
        url,
        cacheFile: cacheFileName(url),
        sourceNames: [baseName(url)],
        sha256: pin.sha256,
        size: pin.size,
        extra: false,
      };
    });
  const added = extras.map(
    (extra): SelectedFile => ({
      id: extra.name,
      encodings: [extra.name],
      url: extra.url,
      cacheFile: cacheFileName(extra.url),
      sourceNames: [...new Set([extra.name, baseName(extra.url)])].filter((n) => n !== ''),
      sha256: extra.sha256.toLowerCase(),
      extra: true,
    }),
  );
  return [...pinned, ...added];
}
