// The cache folder must be a folder this job can write, checked before anything is fetched:
// a path under a file, or a read-only mount, is bad input, not a failure after the downloads.
// Nothing is created here: the folder appears only once verified files go into it.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.js';

async function problemWith(path: string): Promise<string | undefined> {
  // The folder itself if it exists, else the nearest existing parent, must be a writable folder.
  for (let current = resolve(path), wanted = true; ; current = dirname(current), wanted = false) {
    const info = await stat(current).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : error));
    if (info instanceof Error) return info.code ?? info.message;
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

export async function checkCacheDir(path: string): Promise<void> {
  const problem = await problemWith(path);
  if (problem === undefined) return;
  throw new InputError('cache-dir', {
    got: `${path}: ${problem}`,
    expected: 'a folder this job can create and write',
    fix: 'point cache-dir (--out) at a writable folder, or leave it empty for $RUNNER_TEMP/tiktoken_cache',
  });
}
