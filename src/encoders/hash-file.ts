// sha256 and size of a file on disk, streamed and bounded: only a regular file is read (a FIFO,
// a device or a folder throws UnreadableFile at once), and never more than `limit` + 1 bytes.
// A file larger than the limit is measured by its size alone (sha256 ''): it cannot match.
import { StreamHash } from '../oci/digest.js';
import { MAX_UNPINNED_BYTES, type Measured } from './check-pin.js';
import { openRegular, readChunks, UnreadableFile } from './regular-file.js';

export interface HashOptions {
  /** Do not follow a symlink at `path` (files inside cache-dir). */
  readonly noFollow?: boolean;
}

export async function hashFile(path: string, limit: number = MAX_UNPINNED_BYTES, options: HashOptions = {}): Promise<Measured> {
  const opened = await openRegular(path, options);
  if (opened.size > limit) {
    await opened.handle.close();
    return { sha256: '', size: opened.size };
  }
  const hash = new StreamHash();
  for await (const chunk of readChunks(opened, limit, path)) hash.update(chunk);
  return { sha256: hash.size > limit ? '' : hash.hex(), size: hash.size };
}

/** Like `hashFile`, but `undefined` when nothing is at `path`; other problems still throw UnreadableFile. */
export async function hashFileIfPresent(path: string, limit: number = MAX_UNPINNED_BYTES, options: HashOptions = {}): Promise<Measured | undefined> {
  try {
    return await hashFile(path, limit, options);
  } catch (error) {
    if (error instanceof UnreadableFile && error.code === 'ENOENT') return undefined;
    throw error;
  }
}
