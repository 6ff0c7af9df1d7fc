// The build context the image's cache folder is made from: a fresh folder holding the verified
// encoder files and manifest.json, nothing else, whatever else is in cache-dir (a repository
// folder's .env or .git/config never reaches an image). Each file is copied with its bytes
// checked on the way, from one of two places:
// - the bytes prepare acquired (stageSources), against their pins, with the manifest prepare
//   builds for them: the build need not wait for cache-dir to be written and flushed;
// - cache-dir itself (stageCacheDir), against the manifest prepare verified (read under the
//   cache folder's lock, so a concurrent prepare cannot swap it mid-copy).
// Two layouts:
// - flat (Dockerfile mode, `--build-context tiktoken=…`): the files at the folder's top, for
//   the user's `COPY --from=tiktoken . <path>`;
// - tree (overlay mode): the files at `<folder>/<cache-path>`, for `COPY . /`. Every folder of
//   the tree, the cache folder itself included, comes from the context, so the COPY creates
//   none of them with the time of the build: with fixed modes (files 0444, folders 0755,
//   whatever the umask; a 0555 folder would stop the next run's cleanup as a non-root user)
//   the layer is the same bytes on every builder and run without BuildKit's rewrite-timestamp,
//   which recompresses the layer on every build.
//   Beside the files sits an empty `.wh..wh..opq`. BuildKit writes that name into the layer as
//   it is, and whatever unpacks the layer (containerd, Docker, CRI-O) takes it as the opaque
//   marker: the base's entries at cache-path are hidden, as under the registry engine's layer
//   (encoder-layer.ts). So the folder holds exactly these files, and verification decides it
//   from this one layer instead of reading the whole base. Never in the flat layout: a user's
//   `COPY --from=tiktoken` may merge into a folder of their own.
// Every entry is dated STAGED_MTIME, never the run's SOURCE_DATE_EPOCH: BuildKit's cache key for
// a COPY ignores mtimes, so a layer cached by an earlier build with another epoch would
// otherwise come back with that epoch's times. A fixed date gives one layer per file set.
import { chmod, mkdir, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ActionError, InputError } from '../errors.js';
import { copyVerified, writeTextAtomically, type ByteSource } from '../encoders/copy-verified.js';
import { withFolderLock } from '../encoders/folder-lock.js';
import { MANIFEST_FILE, buildManifest, serializeManifest, type Manifest } from '../encoders/manifest.js';
import type { SelectedFile } from '../encoders/selection.js';
import { readOwnership } from '../encoders/read-ownership.js';
import { UnreadableFile } from '../encoders/regular-file.js';
import { writeFailure } from '../encoders/write-failure.js';
import { PINNED_FILES, canonicalUrl } from '../pins.js';
import { layerRoot } from '../oci/encoder-layer.js';
import { OPAQUE_MARKER } from '../image/layer-paths.js';

/** The date of every staged entry (1970-01-01T00:00:00Z). */
export const STAGED_MTIME = 0;

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

export interface StageLayout {
  /** Tree layout: the files go to `into/<cachePath>` (overlay mode's `COPY . /`). Flat when absent. */
  readonly cachePath?: string | undefined;
}

/**
 * Fixes modes (tree only) and dates every entry, all at once: once the files are written nothing
 * changes a folder's entries, and neither a file's mode nor any entry's times move its folder's time.
 */
async function settle(into: string, cacheFolder: string, tree: boolean): Promise<void> {
  const folders: string[] = [];
  for (let dir = cacheFolder; ; dir = join(dir, '..')) {
    folders.push(dir);
    if (dir === into) break;
  }
  const files = (await readdir(cacheFolder)).map((name) => join(cacheFolder, name));
  await Promise.all([
    ...files.map(async (path) => {
      if (tree) await chmod(path, 0o444);
      await utimes(path, STAGED_MTIME, STAGED_MTIME);
    }),
    ...folders.map((dir) => utimes(dir, STAGED_MTIME, STAGED_MTIME)),
  ]);
}

/**
 * Empties `into`, makes the cache folder (tree: every folder 0755, and the opaque marker),
 * fills it with `fill` and dates every entry.
 */
async function stageWith(into: string, layout: StageLayout, fill: (cacheFolder: string) => Promise<void>): Promise<string> {
  into = resolve(into);
  const cacheFolder = layout.cachePath === undefined ? into : join(into, layerRoot(layout.cachePath));
  await rm(into, { recursive: true, force: true });
  await mkdir(cacheFolder, { recursive: true });
  for (let dir = cacheFolder; layout.cachePath !== undefined && dir !== into; dir = join(dir, '..')) await chmod(dir, 0o755);
  if (layout.cachePath !== undefined) await writeFile(join(cacheFolder, OPAQUE_MARKER), '', { flag: 'wx' });
  await fill(cacheFolder);
  await settle(into, cacheFolder, layout.cachePath !== undefined);
  return into;
}

// Checked again as copied, side by side; not flushed: the context is this run's alone and a crash discards it.
const QUICK = { durable: false } as const;

/** A build context at `into` (emptied first) with only the manifest's files; returns `into`. */
export async function stageCacheDir(prepared: PreparedFolder, into: string, layout: StageLayout = {}): Promise<string> {
  try {
    return await stageWith(into, layout, (cacheFolder) =>
      withFolderLock(prepared.cacheDir, {}, async () => {
        const manifest = prepared.manifest ?? (await manifestOf(prepared.cacheDir));
        await Promise.all([
          ...manifest.files.map((file) => copyVerified({ path: join(prepared.cacheDir, file.cacheFile) }, cacheFolder, file.cacheFile, file, QUICK)),
          writeTextAtomically(cacheFolder, MANIFEST_FILE, serializeManifest(manifest), QUICK),
        ]);
      }),
    );
  } catch (error) {
    if (error instanceof ActionError) throw error;
    // A cache file gone or unreadable since prepare: the folder changed under the run.
    if (error instanceof UnreadableFile) {
      throw new InputError('cache-dir', { what: `cache-dir ${prepared.cacheDir} changed after prepare`, got: error.message, expected: 'the files prepare verified', fix: 'run again, and do not let other jobs change cache-dir while this one builds' }, { cause: error });
    }
    throw writeFailure(into, error, 'RUNNER_TEMP');
  }
}

/** Bytes prepare acquired for one selected file (not necessarily checked yet: they are checked here). */
export interface AcquiredBytes {
  readonly file: SelectedFile;
  readonly from: ByteSource;
}

export interface StagedContext {
  readonly dir: string;
  /** The manifest.json staged: the one prepare writes into cache-dir for the same files. */
  readonly manifest: Manifest;
}

/**
 * A build context at `into` made straight from the bytes prepare acquired, each checked against
 * its pin as it is copied, with the manifest prepare builds for them (buildManifest): the build
 * need not wait for cache-dir to be written and flushed. Throws on any byte that misses its pin.
 */
export async function stageSources(sources: readonly AcquiredBytes[], into: string, layout: StageLayout = {}): Promise<StagedContext> {
  let manifest: Manifest | undefined;
  const dir = await stageWith(into, layout, async (cacheFolder) => {
    const sizes = await Promise.all(sources.map(async ({ file, from }) => [file.id, (await copyVerified(from, cacheFolder, file.cacheFile, file, QUICK)).size] as const));
    manifest = buildManifest(
      sources.map((source) => source.file),
      new Map(sizes),
    );
    await writeTextAtomically(cacheFolder, MANIFEST_FILE, serializeManifest(manifest), QUICK);
  });
  if (!manifest) throw new Error('internal: nothing staged');
  return { dir, manifest };
}

/**
 * Adds files to a context staged in the tree layout (files carried from the base,
 * src/base-floor), each checked against its pin as it is copied, and puts `manifest` (the
 * image's whole encoder set) in place of the staged manifest.json; every entry dated again.
 */
export async function addToStaged(into: string, cachePath: string, sources: readonly AcquiredBytes[], manifest: Manifest): Promise<void> {
  into = resolve(into);
  const cacheFolder = join(into, layerRoot(cachePath));
  await Promise.all([
    ...sources.map(({ file, from }) => copyVerified(from, cacheFolder, file.cacheFile, file, QUICK)),
    writeTextAtomically(cacheFolder, MANIFEST_FILE, serializeManifest(manifest), QUICK),
  ]);
  await settle(into, cacheFolder, true);
}

/** How a build's context is laid out: overlay mode's tree (files at cache-path, for `COPY . /`), else flat. */
export function contextLayout(overlay: boolean, cachePath: string): { readonly name: string; readonly layout: StageLayout } {
  return overlay ? { name: 'overlay-context', layout: { cachePath } } : { name: 'tiktoken-context', layout: {} };
}
