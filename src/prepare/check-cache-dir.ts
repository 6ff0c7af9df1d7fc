// The cache folder, checked before anything is fetched (the plan runs this before any docker
// or network call, prepare again before it writes). It must be a folder this job can write,
// and a folder of its own: not a filesystem root, not a folder that holds the run's working
// folder (GITHUB_WORKSPACE, the current folder) or its temp folders (RUNNER_TEMP, the staging
// root, the run's work folder), and not inside a folder the run deletes (staging, work folder).
// Paths are compared after resolving symlinks. Nothing is created here.
import { constants } from 'node:fs';
import { access, lstat, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../errors.js';

/** A folder cache-dir must stay clear of. */
export interface GuardedDir {
  /** How the user knows it, e.g. `the workspace (GITHUB_WORKSPACE)`. */
  readonly label: string;
  readonly path: string;
  /** The run deletes what is inside it: cache-dir may not be inside either. */
  readonly ownedByRun?: boolean;
}

/** `path` with symlinks resolved as far as it exists (the rest appended as written). */
async function canonical(path: string): Promise<string> {
  const absolute = resolve(path);
  const tail: string[] = [];
  for (let current = absolute; ; current = dirname(current)) {
    const real = await realpath(current).catch(() => undefined);
    if (real !== undefined) return join(real, ...tail.reverse());
    if (dirname(current) === current) return absolute;
    tail.push(basename(current));
  }
}

/** True when `inner` is `outer` or below it. */
function within(outer: string, inner: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

async function placeProblem(path: string, guarded: readonly GuardedDir[]): Promise<string | undefined> {
  // All paths resolved at once: one round of lookups, not one per guarded folder.
  const [dir, others] = await Promise.all([canonical(path), Promise.all(guarded.map((guard) => (guard.path.trim() === '' ? undefined : canonical(guard.path))))]);
  if (dirname(dir) === dir) return `${dir} is a filesystem root`;
  for (const [i, guard] of guarded.entries()) {
    const other = others[i];
    if (other === undefined) continue;
    if (within(dir, other)) return `${dir} ${dir === other ? 'is' : 'contains'} ${guard.label} (${other})`;
    if (guard.ownedByRun && within(other, dir)) return `${dir} is inside ${guard.label} (${other}), which the run deletes`;
  }
  return undefined;
}

async function accessProblem(path: string): Promise<string | undefined> {
  const link = await lstat(path).catch(() => undefined);
  if (link?.isSymbolicLink() && (await stat(path).catch(() => undefined)) === undefined) return 'it is a symlink to nothing (dangling)';
  // The folder itself if it exists, else the nearest existing parent, must be a writable folder.
  for (let current = resolve(path), wanted = true; ; current = dirname(current), wanted = false) {
    const info = await stat(current).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : error));
    if (info instanceof Error) return `${current}: ${info.code === 'ENOTDIR' ? 'a part of the path is a file, not a folder (ENOTDIR)' : (info.code ?? info.message)}`;
    if (info === undefined) {
      if (dirname(current) === current) return 'no existing parent folder';
      continue;
    }
    if (!info.isDirectory()) return wanted ? 'it is a file' : `${current} is a file (ENOTDIR)`;
    return access(current, constants.W_OK).then(
      () => undefined,
      (error: NodeJS.ErrnoException) => `${current} is not writable (${error.code ?? error.message})`,
    );
  }
}

export async function checkCacheDir(path: string, guarded: readonly GuardedDir[] = []): Promise<void> {
  const place = await placeProblem(path, guarded);
  if (place !== undefined) {
    throw new InputError('cache-dir', {
      got: `${path}: ${place}`,
      expected: 'a folder of its own for the encoder files (only the verified files go into the image, but the action writes and may clean up in it)',
      fix: 'point cache-dir (--out) at a dedicated folder, e.g. ${{ runner.temp }}/tiktoken_cache, or leave it empty for that default',
    });
  }
  const problem = await accessProblem(path);
  if (problem === undefined) return;
  throw new InputError('cache-dir', {
    got: `${path}: ${problem}`,
    expected: 'a folder this job can create and write',
    fix: 'point cache-dir (--out) at a writable folder, or leave it empty for $RUNNER_TEMP/tiktoken_cache',
  });
}
