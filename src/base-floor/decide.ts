// Never worse than the base: from what the base serves (served.ts), what the image must serve
// and how. The choice, the same for both engines: every pinned file a reader of the base is
// served on any platform, and that the encoder set lacks, is CARRIED into cache-path, with the
// bytes read from the base (each checked against its pin, so nothing is downloaded) and an
// entry in the image's manifest.json; verification then expects it like the rest. Refusing
// instead would stop every overlay of a base that works offline for one more encoding than
// asked for, when the verified bytes are at hand.
// A pinned name with other bytes is an input error before the build: the base is not trusted
// and its copy is not carried. Files that match no pin are named in a warning and left where
// they are (the image's readers look in cache-path): extra-encoders is how to keep them. Pure.
import { InputError } from '../errors.js';
import { selectFiles, type SelectedFile } from '../encoders/selection.js';
import { ENCODINGS, ENCODING_NAMES } from '../pins.js';
import type { BaseServed, ReaderServes } from './served.js';

export interface CarriedFile {
  /** The pinned file, its encodings those the base serves whole. */
  readonly file: SelectedFile;
  readonly bytes: Buffer;
}

export interface BaseFloor {
  readonly baseImage: string;
  /** Pinned files some reader of the base is served, on some platform. */
  readonly served: readonly SelectedFile[];
  /** Those the encoder set lacks: carried into cache-path with the base's verified bytes. */
  readonly carried: readonly CarriedFile[];
}

export interface FloorInput {
  readonly baseImage: string;
  readonly cachePath: string;
  /** The encoder set prepare acquires (pinned files and extras). */
  readonly selection: readonly SelectedFile[];
}

export interface FloorDecision {
  readonly floor: BaseFloor;
  /** What the base serves, and what is carried: for the log. */
  readonly notes: readonly string[];
  /** Files the image does not take over, named. */
  readonly warnings: readonly string[];
}

/** One folder of the base, with every reader and platform that reads it. */
interface Folder {
  readonly directory: string;
  readonly why: Set<string>;
  readonly readers: Set<string>;
  readonly platforms: Set<string>;
  readonly entries: ReaderServes[];
}

function foldersOf(served: BaseServed): Folder[] {
  const folders = new Map<string, Folder>();
  for (const platform of served.platforms) {
    for (const reader of platform.readers) {
      if (reader.directory === undefined) continue;
      const folder = folders.get(reader.directory) ?? { directory: reader.directory, why: new Set(), readers: new Set(), platforms: new Set(), entries: [] };
      folder.why.add(reader.why);
      folder.readers.add(reader.reader);
      folder.platforms.add(platform.platform);
      folder.entries.push(reader);
      folders.set(reader.directory, folder);
    }
  }
  return [...folders.values()];
}

/** Text the base chose (an Env value, a file name) as printed: quoted when it holds anything but printable ASCII, so it cannot start a log line or a workflow command. */
function shown(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : JSON.stringify(text);
}

function where(folder: Folder): string {
  return `${shown(folder.directory)} (${[...folder.why].map(shown).join(', ')}; read by ${[...folder.readers].join(' and ')} on ${[...folder.platforms].join(', ')})`;
}

const label = (f: { readonly cacheFile: string; readonly id?: string | undefined }): string => (f.id ? `${f.cacheFile} (${f.id})` : f.cacheFile);

/** Every pinned file, deduplicated, in pin order. */
const ALL_PINNED = selectFiles(ENCODING_NAMES);

/**
 * The pinned files named, each with the encodings the named set holds whole; a file of an
 * encoding held only in part (encoder.json without vocab.bpe) is named by no encoding.
 */
function withWholeEncodings(names: ReadonlySet<string>): SelectedFile[] {
  const ids = new Set(ALL_PINNED.filter((f) => names.has(f.cacheFile)).map((f) => f.id));
  const whole = new Map(selectFiles(ENCODING_NAMES.filter((name) => ENCODINGS[name].every((id) => ids.has(id)))).map((f) => [f.id, f]));
  return ALL_PINNED.filter((f) => ids.has(f.id)).map((f) => whole.get(f.id) ?? { ...f, encodings: [] });
}

export function decideFloor(served: BaseServed, input: FloorInput): FloorDecision {
  const folders = foldersOf(served);
  const wrong = folders.flatMap((folder) => {
    const seen = new Map<string, string>();
    for (const entry of folder.entries) for (const w of entry.wrong) seen.set(w.file.cacheFile, `${shown(folder.directory)}/${label(w.file)}: sha256 ${w.sha256} (${w.size} B), pinned ${w.file.sha256}${w.file.size === undefined ? '' : ` (${w.file.size} B)`}`);
    return seen.size > 0 ? [{ folder, lines: [...seen.values()] }] : [];
  });
  if (wrong.length > 0) {
    throw new InputError('base-image', {
      what: `base-image ${input.baseImage} holds a pinned file name with other bytes than its pin, in ${wrong.map((w) => where(w.folder)).join('; ')}: the base is not trusted, and its copy is not carried`,
      got: wrong.flatMap((w) => w.lines).join('; '),
      expected: 'each pinned file name in the folder a reader uses to hold the pinned bytes (or to be absent)',
      fix: `rebuild the base with the verified files (or without them), or use another base image; the files' names and pins are in src/pins.ts`,
    });
  }

  const selected = new Set(input.selection.map((f) => f.cacheFile));
  const bytes = new Map<string, Buffer>();
  const servedNames = new Set<string>();
  const notes: string[] = [];
  const warnings: string[] = [];
  for (const folder of folders) {
    const names = new Set<string>();
    for (const entry of folder.entries) {
      for (const s of entry.served) {
        names.add(label(s.file));
        servedNames.add(s.file.cacheFile);
        if (s.bytes && !bytes.has(s.file.cacheFile)) bytes.set(s.file.cacheFile, s.bytes);
      }
    }
    notes.push(`the base serves ${where(folder)}: ${names.size > 0 ? [...names].join(', ') : 'no pinned file'}`);
    const unpinned = [...new Set(folder.entries.flatMap((e) => e.unpinned))];
    if (unpinned.length > 0) {
      warnings.push(
        `base-image ${input.baseImage}: ${where(folder)} holds files that match no pin: ${unpinned.map(shown).join(', ')}. The image does not carry them (its readers look in ${input.cachePath}); ` +
          'to keep a tiktoken file there, list it in extra-encoders as "name url sha256" (it is then fetched from url and checked against sha256)',
      );
    }
    const unreadable = [...new Map(folder.entries.flatMap((e) => e.unreadable).map((u) => [u.file.cacheFile, `${label(u.file)} (${shown(u.detail)})`])).values()];
    if (unreadable.length > 0) warnings.push(`base-image ${input.baseImage}: in ${where(folder)} these pinned names cannot be read as files, so the base does not serve them and nothing is carried for them: ${unreadable.join(', ')}`);
  }

  // Extras are in the selection: served, never carried (prepare fetches them as listed).
  const servedFiles = [...withWholeEncodings(servedNames), ...input.selection.filter((f) => f.extra && servedNames.has(f.cacheFile))];
  const carried: CarriedFile[] = [];
  for (const file of servedFiles) {
    if (selected.has(file.cacheFile)) continue;
    const kept = bytes.get(file.cacheFile);
    if (!kept) throw new Error(`internal: no bytes were kept for ${label(file)} to carry`);
    carried.push({ file, bytes: kept });
  }
  if (carried.length > 0) {
    notes.push(`carried from the base into ${input.cachePath} (verified bytes, no download): ${carried.map((c) => `${label(c.file)}${c.file.encodings.length > 0 ? ` [${c.file.encodings.join(', ')}]` : ''}`).join(', ')}`);
  }
  return { floor: { baseImage: input.baseImage, served: servedFiles, carried }, notes, warnings };
}
