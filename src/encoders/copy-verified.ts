// Copy bytes into a folder under a final name only if they match their pin: they are hashed
// while they are written to a temp file next to the target, and the temp file is renamed over
// the target (atomic on one filesystem) or deleted. Bad bytes never get the final name.
import { randomBytes, createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { checkPin, type Measured, type Pin } from './check-pin.js';

/** Every temp file we create starts with this; leftovers of a crashed run are ours to delete. */
export const TEMP_PREFIX = '.oneapi-offline-' as const;

/** Bytes to copy: a file on disk or a buffer. */
export type ByteSource = { readonly path: string } | { readonly bytes: Uint8Array };

function open(source: ByteSource): Readable {
  return 'path' in source ? createReadStream(source.path, { highWaterMark: 1 << 20 }) : Readable.from([source.bytes]);
}

export function tempName(): string {
  return `${TEMP_PREFIX}${randomBytes(6).toString('hex')}.tmp`;
}

/** Writes `dir/name` atomically; resolves to what was written, throws IntegrityError on a mismatch. */
export async function copyVerified(source: ByteSource, dir: string, name: string, pin: Pin): Promise<Measured> {
  const temp = join(dir, tempName());
  const hash = createHash('sha256');
  let size = 0;
  try {
    await pipeline(
      open(source),
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          size += chunk.length;
          hash.update(chunk);
          yield chunk;
        }
      },
      createWriteStream(temp, { flags: 'wx', flush: true }),
    );
    const measured = { sha256: hash.digest('hex'), size };
    const problem = checkPin(pin, measured, 'path' in source ? source.path : undefined);
    if (problem) throw problem;
    await rename(temp, join(dir, name));
    return measured;
  } finally {
    await rm(temp, { force: true });
  }
}

/** Writes text to `dir/name` atomically (temp file in the same folder, then rename). */
export async function writeTextAtomically(dir: string, name: string, text: string): Promise<void> {
  const temp = join(dir, tempName());
  try {
    await pipeline(Readable.from([Buffer.from(text, 'utf8')]), createWriteStream(temp, { flags: 'wx', flush: true }));
    await rename(temp, join(dir, name));
  } finally {
    await rm(temp, { force: true });
  }
}
