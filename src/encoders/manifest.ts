// manifest.json: what the cache folder holds and why each file is trusted. It goes into
// images, so it is deterministic: no times, no hosts, no paths of the machine that built it.
import { stripCredentials } from '../proxy/redact.js';
import type { SelectedFile } from './selection.js';

export const MANIFEST_FILE = 'manifest.json' as const;
export const MANIFEST_SCHEMA = 1 as const;

export interface ManifestEntry {
  /** Pinned file id (or the extra's name). */
  readonly id: string;
  readonly encodings: readonly string[];
  /** Canonical URL; tiktoken names the file after its sha1. */
  readonly url: string;
  readonly sha256: string;
  readonly size: number;
  /** File name inside the cache folder: sha1 hex of `url`. */
  readonly cacheFile: string;
}

export interface Manifest {
  readonly schema: typeof MANIFEST_SCHEMA;
  /** Every encoding the folder serves, sorted. */
  readonly encodings: readonly string[];
  /** One entry per file, sorted by id. */
  readonly files: readonly ManifestEntry[];
}

/** The manifest of `files`; `sizes` gives the measured size of files pinned by hash only. */
export function buildManifest(files: readonly SelectedFile[], sizes: ReadonlyMap<string, number> = new Map()): Manifest {
  const entries = files
    .map((file): ManifestEntry => {
      const size = file.size ?? sizes.get(file.id);
      if (size === undefined) throw new Error(`internal: no size for ${file.id}`);
      // The URL without credentials: the manifest goes into images and outputs. The cache file
      // keeps sha1 of the URL as the consumer gives it, credentials included.
      return { id: file.id, encodings: [...file.encodings], url: stripCredentials(file.url), sha256: file.sha256, size, cacheFile: file.cacheFile };
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const encodings = [...new Set(entries.flatMap((entry) => entry.encodings))].sort();
  return { schema: MANIFEST_SCHEMA, encodings, files: entries };
}

/** The exact bytes written to manifest.json. */
export function serializeManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Cache file names listed by a manifest read back from disk; [] when it is not ours. */
export function listedCacheFiles(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || !('files' in parsed) || !Array.isArray(parsed.files)) return [];
    return parsed.files
      .map((entry: unknown) =>
        typeof entry === 'object' && entry !== null && 'cacheFile' in entry && typeof entry.cacheFile === 'string'
          ? entry.cacheFile
          : '',
      )
      .filter((name: string) => /^[0-9a-f]{40}$/.test(name));
  } catch {
    return [];
  }
}
