// Reading a file we did not write (a local source, a cache entry, a file already in cache-dir)
// without trusting what it is: opened without blocking (a FIFO would otherwise wait forever
// for a writer), refused unless it is a regular file (a FIFO, /dev/zero, a socket or a
// folder), and read no further than a limit (a huge or growing file costs at most limit+1
// bytes). Symlinks are followed unless `noFollow` is set.
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/** Why a path cannot be read as a regular file: `code` is an errno code or `not-regular`. */
export class UnreadableFile extends Error {
  readonly path: string;
  readonly code: string;
  constructor(path: string, code: string, detail: string, options?: { cause?: unknown }) {
    super(`${path}: ${detail}`, options);
    this.name = 'UnreadableFile';
    this.path = path;
    this.code = code;
  }
}

/** A short phrase for an errno code met while reading `path`. */
export function readProblem(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'does not exist (or is a symlink to nothing)';
    case 'EACCES':
    case 'EPERM':
      return `not readable by this user (${code})`;
    case 'ELOOP':
      return 'is a symlink (or a symlink loop), not a regular file (ELOOP)';
    case 'EISDIR':
      return 'is a folder, not a file (EISDIR)';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder (ENOTDIR)';
    case 'EIO':
      return 'the disk reported an I/O error (EIO)';
    default:
      return `cannot be read (${code ?? 'unknown error'})`;
  }
}

function kindOf(stats: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

export interface OpenedFile {
  readonly handle: FileHandle;
  /** Size when opened (a growing file may hold more by the time it is read). */
  readonly size: number;
}

/** Opens `path` for reading if it is a regular file; throws UnreadableFile otherwise. */
export async function openRegular(path: string, options: { noFollow?: boolean } = {}): Promise<OpenedFile> {
  const flags = constants.O_RDONLY | constants.O_NONBLOCK | (options.noFollow ? constants.O_NOFOLLOW : 0);
  let handle: FileHandle;
  try {
    handle = await open(path, flags);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
    throw new UnreadableFile(path, code, readProblem(code), { cause: error });
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new UnreadableFile(path, 'not-regular', `is ${kindOf(stats)}, not a regular file`);
    return { handle, size: stats.size };
  } catch (error) {
    await handle.close();
    if (error instanceof UnreadableFile) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
    throw new UnreadableFile(path, code, readProblem(code), { cause: error });
  }
}

/**
 * The file's bytes in chunks, at most `limit + 1` of them (one more than the limit, so a
 * caller can tell "too large" from "exactly the limit"). Closes the handle when done.
 */
export async function* readChunks(opened: OpenedFile, limit: number, path: string): AsyncGenerator<Buffer> {
  const { handle } = opened;
  try {
    let read = 0;
    while (read <= limit) {
      const want = Math.min(1 << 20, limit + 1 - read);
      const buffer = Buffer.allocUnsafe(want);
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, want, null));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
        throw new UnreadableFile(path, code, readProblem(code), { cause: error });
      }
      if (bytesRead === 0) return;
      read += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
