// manifest.json: what the cache folder holds and why each file is trusted. It goes into
// images, so it is deterministic: no times, no hosts, no paths of the machine that built it.
import { stripCredentials } from '../proxy/redact.js';
import { cacheFileName } from './cache-name.js';
import type { SelectedFile } from './selection.js';

export const MANIFEST_FILE = 'manifest.json' as const;
export const MANIFEST_SCHEMA = 1 as const;
/** Who wrote a manifest: a later run deletes only files a manifest of ours listed. */
export const MANIFEST_GENERATOR = 'oneapi-offline-action' as const;

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
  readonly generator: typeof MANIFEST_GENERATOR;
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
  return { schema: MANIFEST_SCHEMA, generator: MANIFEST_GENERATOR, encodings, files: entries };
}

/** The exact bytes written to manifest.json. */
export function serializeManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** What a manifest.json found in a folder says about who owns the folder's files. */
export type Ownership =
  | { readonly kind: 'ours'; readonly files: readonly string[] }
  | { readonly kind: 'foreign'; readonly reason: string };

const ENTRY_KEYS = ['cacheFile', 'encodings', 'id', 'sha256', 'size', 'url'].join();

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An entry as this project writes it: a 40-hex cache name, so it names no other file. Entries of
 * the manifests written before the generator field must also have that exact shape and be named
 * by the sha1 of their URL (with the generator present, other fields may change between versions,
 * e.g. a URL shown redacted, so only the name is checked).
 */
function ownEntry(entry: unknown, legacy: boolean): string | undefined {
  if (!isObject(entry)) return undefined;
  const { cacheFile, url } = entry;
  if (typeof cacheFile !== 'string' || !/^[0-9a-f]{40}$/.test(cacheFile)) return undefined;
  if (!legacy) return cacheFile;
  return Object.keys(entry).sort().join() === ENTRY_KEYS && typeof url === 'string' && cacheFileName(url) === cacheFile ? cacheFile : undefined;
}

/**
 * Whether `text` is a manifest this project wrote (its `generator`, or the exact shape of the
 * schema-1 manifests written before that field existed) and the files it lists. Anything else
 * (another tool's manifest.json, a damaged one) is foreign: its folder is not ours to change.
 */
export function manifestOwnership(text: string): Ownership {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: 'foreign', reason: 'it is not JSON' };
  }
  if (!isObject(parsed)) return { kind: 'foreign', reason: 'it is not a JSON object' };
  const legacy = parsed['generator'] === undefined && Object.keys(parsed).sort().join() === 'encodings,files,schema';
  if (parsed['generator'] !== MANIFEST_GENERATOR && !legacy) {
    const by = typeof parsed['generator'] === 'string' ? `generator "${parsed['generator']}"` : `no "generator": "${MANIFEST_GENERATOR}"`;
    return { kind: 'foreign', reason: `it was not written by this action (${by})` };
  }
  if (parsed['schema'] !== MANIFEST_SCHEMA || !Array.isArray(parsed['files'])) {
    return { kind: 'foreign', reason: `schema ${JSON.stringify(parsed['schema'])} with ${Array.isArray(parsed['files']) ? 'files' : 'no file list'}; this version reads schema ${MANIFEST_SCHEMA}` };
  }
  const files: string[] = [];
  for (const entry of parsed['files'] as unknown[]) {
    const name = ownEntry(entry, legacy);
    if (name === undefined) return { kind: 'foreign', reason: `an entry is not one this action writes: ${JSON.stringify(entry).slice(0, 120)}` };
    files.push(name);
  }
  return { kind: 'ours', files };
}

/**
 * The 40-hex cache names a manifest.json lists, read leniently (the verifier asks what an
 * image's own manifest names; whether the files hold pinned bytes is decided against the pins).
 */
export function listedCacheFiles(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    if (!isObject(parsed) || !Array.isArray(parsed['files'])) return [];
    return (parsed['files'] as unknown[])
      .map((entry) => (isObject(entry) && typeof entry['cacheFile'] === 'string' ? entry['cacheFile'] : ''))
      .filter((name) => /^[0-9a-f]{40}$/.test(name));
  } catch {
    return [];
  }
}
