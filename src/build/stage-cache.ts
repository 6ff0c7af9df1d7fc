// The build context the image's cache folder is made from (`--build-context tiktoken=…`): a
// fresh folder holding the verified encoder files and manifest.json, nothing else, whatever
// else is in cache-dir (a repository folder's .env or .git/config never reaches an image).
// Each file is copied with its bytes checked against the manifest prepare verified (read
// under the cache folder's lock, so a concurrent prepare cannot swap it mid-copy).
// With a SOURCE_DATE_EPOCH every entry is dated at the epoch: BuildKit's rewrite-timestamp
// only clamps newer times, and the same files then give the same layer whatever their history.
import { mkdir, readdir, rm, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { ActionError, InputError } from '../errors.js';
import { copyVerified, writeTextAtomically } from '../encoders/copy-verified.js';
import { withFolderLock } from '../encoders/folder-lock.js';
import { MANIFEST_FILE, serializeManifest, type Manifest } from '../encoders/manifest.js';
import { readOwnership } from '../encoders/read-ownership.js';
import { UnreadableFile } from '../encoders/regular-file.js';
import { writeFailure } from '../encoders/write-failure.js';
import { PINNED_FILES, canonicalUrl } from '../pins.js';

export interface PreparedFolder {
  readonly cacheDir: string;
  /** The manifest prepare wrote; read back from cache-dir (and checked against the pins) when absent. */
  readonly manifest?: Manifest | undefined;
}

const PIN_BY_URL = new Map(Object.values(PINNED_FILES).map((pin) => [canonicalUrl(pin), pin]));

/** The manifest.json in `cacheDir`, which must be this action's, with every pinned entry equal to its pin. */
async function manifestOf(cacheDir: string): Promise<Manifest> {
  const ownership = await readOwnership(cacheDir);
  const problem =
    ownership.kind === 'none' ? `it has no ${MANIFEST_FILE}` : ownership.kind === 'foreign' ? `its ${MANIFEST_FILE} is not this action's: ${ownership.reason}` : undefined;
  const manifest = ownership.kind === 'ours' ? (JSON.parse(ownership.text) as Manifest) : undefined;
  const drifted = manifest?.files.find((entry) => {
    const pin = PIN_BY_URL.get(entry.url);
    return pin !== undefined && (pin.sha256 !== entry.sha256 || pin.size !== entry.size);
  });
  if (problem !== undefined || manifest === undefined || drifted !== undefined) {
    throw new InputError('cache-dir', {
      what: `cache-dir ${cacheDir} is not a folder this action prepared`,
      got: problem ?? `${MANIFEST_FILE} lists ${drifted?.id} with other bytes than its pin`,
      expected: `a folder laid out by prepare, with its ${MANIFEST_FILE}`,
      fix: 'run prepare into cache-dir first (the build does this itself), or point cache-dir at the folder prepare wrote',
    });
  }
  return manifest;
}

/** A build context at `into` (emptied first) with only the manifest's files; returns `into`. */
export async function stageCacheDir(prepared: PreparedFolder, into: string, epoch?: number): Promise<string> {
  try {
    await rm(into, { recursive: true, force: true });
    await mkdir(into, { recursive: true });
    await withFolderLock(prepared.cacheDir, {}, async () => {
      const manifest = prepared.manifest ?? (await manifestOf(prepared.cacheDir));
      for (const file of manifest.files) {
        await copyVerified({ path: join(prepared.cacheDir, file.cacheFile) }, into, file.cacheFile, file);
      }
      await writeTextAtomically(into, MANIFEST_FILE, serializeManifest(manifest));
    });
    if (epoch !== undefined) {
      for (const name of await readdir(into)) await utimes(join(into, name), epoch, epoch);
      await utimes(into, epoch, epoch);
    }
  } catch (error) {
    if (error instanceof ActionError) throw error;
    // A cache file gone or unreadable since prepare: the folder changed under the run.
    if (error instanceof UnreadableFile) {
      throw new InputError('cache-dir', { what: `cache-dir ${prepared.cacheDir} changed after prepare`, got: error.message, expected: 'the files prepare verified', fix: 'run again, and do not let other jobs change cache-dir while this one builds' }, { cause: error });
    }
    throw writeFailure(into, error, 'RUNNER_TEMP');
  }
  return into;
}
