// Lays out a cache folder exactly as tiktoken and tiktoken-go read it: `<dir>/<sha1(url)>` per
// file plus manifest.json. Idempotent: a file already there with the pinned bytes is left as
// is, a missing one is written (atomically), and so is the manifest.
// Ownership: only what a manifest.json of ours listed is ours. Such a file with other bytes is
// replaced; one no longer selected is removed; each is reported. A foreign manifest.json, or a
// file of ours by name that no manifest of ours lists and that holds other bytes, stops the
// run before anything is written: it is not ours to delete or overwrite. Everything else in
// the folder is left alone and reported. The caller holds the folder's lock (folder-lock.ts).
import { lstat, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ActionError, InputError, IntegrityError } from '../errors.js';
import { checkPin, readLimit, type Measured } from './check-pin.js';
import { copyVerified, writeTextAtomically, type ByteSource } from './copy-verified.js';
import { LOCK_FILE } from './folder-lock.js';
import { hashFileIfPresent } from './hash-file.js';
import { MANIFEST_FILE, buildManifest, serializeManifest, type Manifest } from './manifest.js';
import { readOwnership } from './read-ownership.js';
import { UnreadableFile } from './regular-file.js';
import type { SelectedFile } from './selection.js';
import { writeFailure } from './write-failure.js';

export interface LayoutEntry {
  readonly file: SelectedFile;
  /** The bytes to lay out; they are checked against the pin while copied, whoever checked them before. */
  readonly from: ByteSource;
  /**
   * True for bytes nobody has checked yet (a tool-cache entry, read once: hashed while copied).
   * If they miss their pin or cannot be read, the entry is rejected (RejectedEntries) instead of
   * failing the run, so the caller can fetch that file from elsewhere.
   */
  readonly unchecked?: boolean;
}

/** An unchecked entry whose bytes missed the pin (IntegrityError) or could not be read (UnreadableFile). */
export interface RejectedEntry {
  readonly file: SelectedFile;
  readonly problem: IntegrityError | UnreadableFile;
}

/**
 * Unchecked entries were rejected: nothing of theirs was published, the manifest was not
 * written, and the files this call had added were removed again (the folder is as it was,
 * but for files of ours replaced by pinned bytes). Not an ActionError: the caller recovers.
 */
export class RejectedEntries extends Error {
  readonly rejected: readonly RejectedEntry[];
  constructor(rejected: readonly RejectedEntry[]) {
    super(`rejected: ${rejected.map((r) => r.file.id).join(', ')}`);
    this.name = 'RejectedEntries';
    this.rejected = rejected;
  }
}

export interface Replaced {
  readonly name: string;
  /** What the replaced file held. */
  readonly was: Measured;
}

export interface LayoutResult {
  readonly manifest: Manifest;
  readonly manifestPath: string;
  /** Cache file names written by this call where there was no file. */
  readonly written: readonly string[];
  /** Files a manifest of ours listed that held other bytes, rewritten. */
  readonly replaced: readonly Replaced[];
  /** Cache file names that were already there with the pinned bytes. */
  readonly unchanged: readonly string[];
  /** Files the previous manifest of ours listed that are no longer selected, removed. */
  readonly removed: readonly string[];
  /** Entries that are not ours, left alone. */
  readonly foreign: readonly string[];
  /** What each file in the folder holds now, by file id (all pinned bytes). */
  readonly measured: ReadonlyMap<string, Measured>;
}

type Present = { readonly state: 'absent' } | { readonly state: 'file'; readonly measured: Measured };

function notOurs(dir: string, what: string, got: string, expected: string, fix: string): InputError {
  return new InputError('cache-dir', { what: `cache-dir ${dir}: ${what}`, got, expected, fix: `${fix}; nothing in the folder was changed` });
}

async function inspect(dir: string, file: SelectedFile): Promise<Present> {
  const path = join(dir, file.cacheFile);
  try {
    const measured = await hashFileIfPresent(path, readLimit(file), { noFollow: true });
    return measured === undefined ? { state: 'absent' } : { state: 'file', measured };
  } catch (error) {
    if (!(error instanceof UnreadableFile)) throw error;
    throw notOurs(
      dir,
      `${file.cacheFile} (the cache name of ${file.id}) ${error.message.slice(path.length + 2)}`,
      path,
      `a regular file with the pinned ${file.id}, or no entry of that name`,
      `remove or rename ${path}, or point cache-dir at an empty folder`,
    );
  }
}

function describe(measured: Measured): string {
  return `${measured.sha256 === '' ? 'not hashed (too large)' : `sha256 ${measured.sha256}`}, ${measured.size} bytes`;
}

async function isRegularFile(path: string): Promise<boolean> {
  return lstat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}

/** What is in the way of laying out `files` in `dir` (an existing folder), checked without writing anything. */
async function lookAt(dir: string, files: readonly SelectedFile[]): Promise<{ ownership: Awaited<ReturnType<typeof readOwnership>>; present: Present[] }> {
  // Every file is looked at at once (one round of lookups); errors are then raised in file order.
  const [ownership, inspected] = await Promise.all([
    readOwnership(dir),
    Promise.all(files.map((file) => inspect(dir, file).then((found): { found: Present } | { error: unknown } => ({ found }), (error: unknown) => ({ error })))),
  ]);
  if (ownership.kind === 'foreign') {
    throw notOurs(
      dir,
      `its ${MANIFEST_FILE} was not written by this action`,
      `${join(dir, MANIFEST_FILE)}: ${ownership.reason}`,
      `a new or empty folder, or one this action prepared (its ${MANIFEST_FILE} says "generator": "oneapi-offline-action")`,
      'point cache-dir at a new or empty folder (the default is $RUNNER_TEMP/tiktoken_cache), or move that manifest.json away if it is not needed',
    );
  }
  const before = new Set(ownership.kind === 'ours' ? ownership.files : []);
  const present: Present[] = [];
  for (const [i, file] of files.entries()) {
    const looked = inspected[i];
    if (looked === undefined || 'error' in looked) throw looked?.error ?? new Error(`internal: ${file.id} was not looked at`);
    const found = looked.found;
    if (found.state === 'file' && checkPin(file, found.measured) !== undefined && !before.has(file.cacheFile)) {
      throw notOurs(
        dir,
        `it already holds ${file.cacheFile} (the cache name of ${file.id}) with other bytes, and no ${MANIFEST_FILE} of this action lists it`,
        `${join(dir, file.cacheFile)}: ${describe(found.measured)}`,
        `the pinned ${file.id} (sha256 ${file.sha256}${file.size === undefined ? '' : `, ${file.size} bytes`}), or no file of that name`,
        `delete ${join(dir, file.cacheFile)} if it is a stale tiktoken cache entry (tiktoken-go caches error pages under that name), or point cache-dir at an empty folder`,
      );
    }
    present.push(found);
  }
  return { ownership, present };
}

/**
 * Throws the InputError writeLayout would throw for `files` in `dir`, without writing: prepare
 * runs it before any download, so a folder that is not ours fails the run at once.
 */
export async function checkLayout(dir: string, files: readonly SelectedFile[]): Promise<void> {
  const exists = await lstat(dir).then(
    () => true,
    () => false,
  );
  if (exists) await lookAt(dir, files);
}

export async function writeLayout(dir: string, entries: readonly LayoutEntry[]): Promise<LayoutResult> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw writeFailure(dir, error);
  }
  // Phase 1: look at everything first, so a file that is not ours stops the run before any write.
  const { ownership, present } = await lookAt(
    dir,
    entries.map((entry) => entry.file),
  );
  const before = new Set(ownership.kind === 'ours' ? ownership.files : []);
  const plans = entries.map((entry, i) => ({ entry, present: present[i] as Present }));

  // Phase 2: write (every write atomic: temp file, then rename).
  const written: string[] = [];
  const replaced: Replaced[] = [];
  const unchanged: string[] = [];
  const measured = new Map<string, Measured>();
  const sizes = new Map<string, number>();
  const removed: string[] = [];
  const rejected: RejectedEntry[] = [];
  const manifestPath = join(dir, MANIFEST_FILE);
  let manifest: Manifest;
  try {
    // The copies run side by side (each one atomic on its own); their outcomes are taken in order.
    const keep = (plan: (typeof plans)[number]): boolean => plan.present.state === 'file' && checkPin(plan.entry.file, plan.present.measured) === undefined;
    const copies = await Promise.allSettled(plans.map((plan) => (keep(plan) ? Promise.resolve(undefined) : copyVerified(plan.entry.from, dir, plan.entry.file.cacheFile, plan.entry.file))));
    for (const [i, { entry, present }] of plans.entries()) {
      const { file } = entry;
      if (present.state === 'file' && keep({ entry, present })) {
        unchanged.push(file.cacheFile);
        measured.set(file.id, present.measured);
        sizes.set(file.id, present.measured.size);
        continue;
      }
      const outcome = copies[i] as PromiseSettledResult<Measured | undefined>;
      if (outcome.status === 'rejected') {
        const error: unknown = outcome.reason;
        if (!entry.unchecked || !(error instanceof IntegrityError || error instanceof UnreadableFile)) throw error;
        rejected.push({ file, problem: error });
        continue;
      }
      const copied = outcome.value as Measured;
      measured.set(file.id, copied);
      sizes.set(file.id, copied.size);
      if (present.state === 'file') replaced.push({ name: file.cacheFile, was: present.measured });
      else written.push(file.cacheFile);
    }
    if (rejected.length > 0) {
      // Only this call's new files go: they are ours, and the folder is left as it was found.
      for (const name of written) await rm(join(dir, name), { force: true });
      throw new RejectedEntries(rejected);
    }
    manifest = buildManifest(
      entries.map((entry) => entry.file),
      sizes,
    );
    const text = serializeManifest(manifest);
    if (ownership.kind !== 'ours' || ownership.text !== text) await writeTextAtomically(dir, MANIFEST_FILE, text);

    const wanted = new Set(entries.map((entry) => entry.file.cacheFile));
    for (const name of before) {
      if (wanted.has(name) || !(await isRegularFile(join(dir, name)))) continue;
      await rm(join(dir, name), { force: true });
      removed.push(name);
    }
  } catch (error) {
    if (error instanceof ActionError || error instanceof UnreadableFile || error instanceof RejectedEntries) throw error;
    throw writeFailure(dir, error);
  }

  const ours = new Set([MANIFEST_FILE, LOCK_FILE, ...entries.map((entry) => entry.file.cacheFile), ...removed]);
  const foreign = (await readdir(dir)).filter((name) => !ours.has(name)).sort();
  return { manifest, manifestPath, written, replaced, unchanged, removed, foreign, measured };
}
