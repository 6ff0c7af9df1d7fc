// Lays out a cache folder exactly as tiktoken and tiktoken-go read it: `<dir>/<sha1(url)>` per
// file plus manifest.json. Idempotent: a file already there with the pinned bytes is left as
// is, a damaged or missing one is rewritten (atomically), and so is the manifest.
// Ownership: files a previous manifest.json listed and the new set no longer needs are ours and
// removed, as are our own leftover temp files; anything else in the folder (another tool's
// cache entries, a README) is not ours and is left alone, only reported.
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { checkPin } from './check-pin.js';
import { TEMP_PREFIX, copyVerified, writeTextAtomically, type ByteSource } from './copy-verified.js';
import { hashFileIfPresent } from './hash-file.js';
import { MANIFEST_FILE, buildManifest, listedCacheFiles, serializeManifest, type Manifest } from './manifest.js';
import type { SelectedFile } from './selection.js';

export interface LayoutEntry {
  readonly file: SelectedFile;
  /** Bytes already verified by the caller; they are checked again while copied. */
  readonly from: ByteSource;
}

export interface LayoutResult {
  readonly manifest: Manifest;
  readonly manifestPath: string;
  /** Cache file names (re)written by this call. */
  readonly written: readonly string[];
  /** Cache file names that were already there with the pinned bytes. */
  readonly unchanged: readonly string[];
  /** Files a previous manifest listed that are no longer selected, and our stale temp files. */
  readonly removed: readonly string[];
  /** Entries that are not ours, left alone. */
  readonly foreign: readonly string[];
}

async function previousFiles(dir: string): Promise<string[]> {
  try {
    return listedCacheFiles(await readFile(join(dir, MANIFEST_FILE), 'utf8'));
  } catch {
    return [];
  }
}

export async function writeLayout(dir: string, entries: readonly LayoutEntry[]): Promise<LayoutResult> {
  await mkdir(dir, { recursive: true });
  const before = await previousFiles(dir);
  const written: string[] = [];
  const unchanged: string[] = [];
  const sizes = new Map<string, number>();
  for (const { file, from } of entries) {
    const target = join(dir, file.cacheFile);
    const present = await hashFileIfPresent(target);
    if (present && checkPin(file, present) === undefined) {
      unchanged.push(file.cacheFile);
      sizes.set(file.id, present.size);
      continue;
    }
    const copied = await copyVerified(from, dir, file.cacheFile, file);
    sizes.set(file.id, copied.size);
    written.push(file.cacheFile);
  }
  const manifest = buildManifest(
    entries.map((entry) => entry.file),
    sizes,
  );
  const text = serializeManifest(manifest);
  const manifestPath = join(dir, MANIFEST_FILE);
  const current = await readFile(manifestPath, 'utf8').catch(() => undefined);
  if (current !== text) await writeTextAtomically(dir, MANIFEST_FILE, text);

  const wanted = new Set([MANIFEST_FILE, ...entries.map((entry) => entry.file.cacheFile)]);
  const removed: string[] = [];
  const foreign: string[] = [];
  for (const name of await readdir(dir)) {
    if (wanted.has(name)) continue;
    if (name.startsWith(TEMP_PREFIX) || before.includes(name)) {
      await rm(join(dir, name), { force: true });
      removed.push(name);
    } else {
      foreign.push(name);
    }
  }
  return { manifest, manifestPath, written, unchanged, removed, foreign };
}
