// A write the environment refused (disk full, read-only, permissions) as the input error it
// is: it names the folder, what the system said and what to do. Every write is atomic, so
// nothing half-written is left behind when this is raised. `where` says which setting chose
// the folder: cache-dir, or RUNNER_TEMP for the staging folder.
import { InputError } from '../errors.js';

export type WriteTarget = 'cache-dir' | 'RUNNER_TEMP';

function fixFor(code: string | undefined, where: WriteTarget): string {
  const other = where === 'cache-dir' ? 'point cache-dir at a folder' : 'set RUNNER_TEMP (XDG_CACHE_HOME for the CLI) to a folder';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return `free space on that disk, or ${other} on a disk with room (the encoder files need about 10 MB)`;
    case 'EROFS':
      return `${other} on a writable filesystem`;
    case 'EACCES':
    case 'EPERM':
      return `make the folder writable by the user running this job, or ${other} it can write`;
    default:
      return `check the folder and its disk, or ${other} elsewhere`;
  }
}

export function writeFailure(dir: string, error: unknown, where: WriteTarget = 'cache-dir'): InputError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  return new InputError(
    where,
    {
      what: `cannot write into ${where === 'cache-dir' ? 'cache-dir' : 'the staging folder (under RUNNER_TEMP)'} ${dir}`,
      got: code === 'ENOSPC' ? `no space left on the device (ENOSPC): ${detail}` : detail,
      expected: 'a writable folder with room for the encoder files',
      fix: `${fixFor(code, where)}; nothing half-written was left in it`,
    },
    { cause: error },
  );
}
