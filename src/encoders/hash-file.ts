// sha256 and size of a file on disk, streamed.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Measured } from './check-pin.js';

export async function hashFile(path: string): Promise<Measured> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    hash.update(bytes);
  }
  return { sha256: hash.digest('hex'), size };
}

/** Like `hashFile`, but `undefined` when the file is missing or unreadable. */
export async function hashFileIfPresent(path: string): Promise<Measured | undefined> {
  try {
    return await hashFile(path);
  } catch {
    return undefined;
  }
}
