// BuildKit's rewrite-timestamp only clamps times newer than SOURCE_DATE_EPOCH; older ones stay
// in the layer. A cache folder restored from a cache keeps whatever mtimes it had, so with an
// epoch the build gets a private copy whose every entry is dated at the epoch: the same files
// then give the same layer whatever their history.
import { copyFile, mkdir, readdir, utimes } from 'node:fs/promises';
import { join } from 'node:path';

async function copyTree(from: string, to: string, epoch: number): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) await copyTree(source, target, epoch);
    else if (entry.isFile()) {
      await copyFile(source, target);
      await utimes(target, epoch, epoch);
    }
  }
  await utimes(to, epoch, epoch);
}

/** A copy of `cacheDir` at `into` with every mtime set to `epoch`; returns `into`. */
export async function stageCacheDir(cacheDir: string, into: string, epoch: number): Promise<string> {
  await copyTree(cacheDir, into, epoch);
  return into;
}
