// Where Engine's builder writes the image it cannot push by digest: an OCI layout folder, and
// blobs kept between runs so the next export skips them.
//
// Measured on Docker 26.1 (docker driver, containerd store), overlay of a 2 × 100 MB base:
// `--output type=oci,dest=x.tar` streams the whole image, base included, through the Docker
// API: 7–8 s. `type=oci,tar=false,dest=folder` has buildx write blobs into the folder: 3.8 s,
// and 1.4 s when the folder already holds the base's blobs (BuildKit skips a blob the folder
// has, without fetching it). So each run gets its own layout folder (its index.json is its
// own: two runs never read each other's image), seeded with hard links to the kept blobs, and
// links its new blobs back afterwards.
//
// The kept blobs live in a folder only this user may write to (else nothing is kept, as with
// the layer summaries); a blob is named by its digest, written by buildx whole (its content
// store renames a finished blob into place), never changed in place. A kept blob is not hashed
// again here: the registry checks every uploaded blob's digest, and the verifier hashes every
// layer it reads. Blobs no run's image used for two weeks are removed (a run marks those its
// image refers to); so are run folders a crashed run left behind a day ago.
import { link, lstat, mkdir, mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { folderTrust } from '../cache/private-folder.js';
import { layoutSource } from '../oci/layout-source.js';
import { parseManifest, type Descriptor } from '../oci/media-types.js';

const HEX64 = /^[0-9a-f]{64}$/;
const KEEP_MS = 14 * 24 * 3600 * 1000;
const STALE_RUN_MS = 24 * 3600 * 1000;

/**
 * What buildx prints when both platforms write the same new blob into a layout folder at once:
 * one waits for the other's lock and the export succeeds. Kept out of the log (debug only).
 */
export const LAYOUT_LOCK_NOISE = /^ERROR: \(\*service\)\.Write failed: rpc error: code = Unavailable desc = ref \S+ locked for .+: unavailable$/;

export interface LayoutRun {
  /** The run's own layout folder (`--output type=oci,tar=false,dest=…`). */
  readonly dir: string;
  /** Links the blobs of the run's image into the pool and marks them used now; prunes. Never throws. */
  keep(): Promise<void>;
  /** Removes the run's folder. */
  close(): Promise<void>;
}

async function blobNames(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).filter((name) => HEX64.test(name));
}

/** Hard-links every name from `from` into `to`; existing ones are left; returns how many failed. */
async function linkAll(names: readonly string[], from: string, to: string): Promise<number> {
  let failed = 0;
  await Promise.all(
    names.map((name) =>
      link(join(from, name), join(to, name)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') failed++;
      }),
    ),
  );
  return failed;
}

/** Every blob the folder's image uses (index.json's root, its manifests, configs and layers), by hex digest. */
async function referencedBlobs(dir: string): Promise<Set<string>> {
  const source = await layoutSource(dir);
  const used = new Set<string>();
  const hex = (digest: string): string => digest.replace(/^sha256:/, '');
  const walk = async (bytes: Buffer, mediaType: string | undefined, depth: number): Promise<void> => {
    const parsed = parseManifest(bytes, mediaType, dir);
    const children: Descriptor[] = parsed.kind === 'index' ? [...parsed.doc.manifests] : [parsed.doc.config, ...parsed.doc.layers];
    for (const child of children) used.add(hex(child.digest));
    if (parsed.kind !== 'index' || depth > 4) return;
    for (const child of parsed.doc.manifests) {
      const doc = await source.document(child);
      if (doc) await walk(doc, child.mediaType, depth + 1);
    }
  };
  try {
    const root = await source.root();
    used.add(hex(root.digest));
    await walk(root.bytes, root.mediaType, 0);
    return used;
  } finally {
    await source.close();
  }
}

async function prune(pool: string, now: number): Promise<void> {
  const blobs = join(pool, 'blobs', 'sha256');
  for (const name of await blobNames(blobs)) {
    const info = await lstat(join(blobs, name)).catch(() => undefined);
    if (info?.isFile() && now - info.mtimeMs > KEEP_MS) await rm(join(blobs, name), { force: true });
  }
  const runs = join(pool, 'runs');
  for (const name of await readdir(runs).catch(() => [] as string[])) {
    const info = await lstat(join(runs, name)).catch(() => undefined);
    if (info?.isDirectory() && /^run-/.test(name) && now - info.mtimeMs > STALE_RUN_MS) await rm(join(runs, name), { recursive: true, force: true });
  }
}

/**
 * A layout folder for this run: seeded from the pool at `pool` when that folder is this user's
 * alone (or missing: then made so), else a plain folder under `tempDir`.
 */
export async function openLayoutRun(pool: string, tempDir: string, onIgnored: (why: string) => void): Promise<LayoutRun> {
  const plain = async (): Promise<LayoutRun> => {
    await mkdir(tempDir, { recursive: true });
    const dir = await mkdtemp(join(tempDir, 'layout-'));
    return { dir, keep: async () => undefined, close: () => rm(dir, { recursive: true, force: true }) };
  };
  let trust = await folderTrust(pool);
  if (trust === 'missing') {
    await mkdir(pool, { recursive: true, mode: 0o700 }).catch(() => undefined);
    trust = await folderTrust(pool);
  }
  if (trust !== 'private') {
    onIgnored(`kept image blobs in ${pool} not used: the folder is not one only this user may write to`);
    return plain();
  }
  const kept = join(pool, 'blobs', 'sha256');
  try {
    await mkdir(kept, { recursive: true, mode: 0o700 });
    await mkdir(join(pool, 'runs'), { recursive: true, mode: 0o700 });
    const dir = await mkdtemp(join(pool, 'runs', 'run-'));
    const blobs = join(dir, 'blobs', 'sha256');
    await mkdir(blobs, { recursive: true });
    const failed = await linkAll(await blobNames(kept), kept, blobs);
    if (failed > 0) onIgnored(`${failed} kept image blob(s) in ${kept} could not be linked; buildx writes them again`);
    return {
      dir,
      async keep() {
        try {
          // Seeded blobs count as used only when this image refers to them: the others age out.
          const used = await referencedBlobs(dir);
          const names = (await blobNames(blobs)).filter((name) => used.has(name));
          await linkAll(names, blobs, kept);
          const now = new Date();
          await Promise.all(names.map((name) => utimes(join(kept, name), now, now).catch(() => undefined)));
          await prune(pool, now.getTime());
        } catch (error) {
          onIgnored(`cannot keep this run's image blobs in ${kept}: ${(error as Error).message}`);
        }
      },
      close: () => rm(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    onIgnored(`kept image blobs in ${pool} not used: ${(error as Error).message}`);
    return plain();
  }
}
