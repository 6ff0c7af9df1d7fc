// Copy bytes into a folder under a final name only if they match their pin, reading them once:
// each chunk is hashed and written to a temp file next to the target as it is read, the temp
// file is flushed to disk, and only then, if the bytes match, renamed over the target (atomic on
// one filesystem); otherwise it is deleted. Bad bytes never get the final name.
// Source files are read as regular files only and never past the pin's size (regular-file.ts).
import { randomBytes } from 'node:crypto';
import { StreamHash } from '../oci/digest.js';
import { open as openFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { checkPin, readLimit, type Measured, type Pin } from './check-pin.js';
import { openRegular, readChunks } from './regular-file.js';

/** Every temp file we create starts with this (other tools' files may too: see RUN_TOKEN). */
export const TEMP_PREFIX = '.oneapi-offline-' as const;

/**
 * This process's mark in its temp file names (`.oneapi-offline-tmp-<token>-<random>.tmp`).
 * The folder lock records it, so the temp files of a run that crashed while holding the lock
 * are provably that run's and are deleted by the run that takes over; nothing else is.
 */
export const RUN_TOKEN = randomBytes(8).toString('hex');

/** Bytes to copy: a file on disk or a buffer. */
export type ByteSource = { readonly path: string } | { readonly bytes: Uint8Array };

async function* chunksOf(source: ByteSource, limit: number): AsyncGenerator<Uint8Array> {
  if ('path' in source) yield* readChunks(await openRegular(source.path), limit, source.path);
  else yield source.bytes;
}

async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  for (let offset = 0; offset < chunk.length; ) offset += (await handle.write(chunk, offset)).bytesWritten;
}

export function tempName(token: string = RUN_TOKEN): string {
  return `${TEMP_PREFIX}tmp-${token}-${randomBytes(6).toString('hex')}.tmp`;
}

/** True for a temp file name written by the run that carried `token`. */
export function isTempOf(name: string, token: string): boolean {
  return name.startsWith(`${TEMP_PREFIX}tmp-${token}-`) && /^[0-9a-f]{12}\.tmp$/.test(name.slice(`${TEMP_PREFIX}tmp-${token}-`.length));
}

/** `durable: false` skips the flush: for a private folder a crash takes away anyway (a build context). */
export interface WriteOptions {
  readonly durable?: boolean;
}

/** Writes `dir/name` atomically; resolves to what was written, throws IntegrityError on a mismatch. */
export async function copyVerified(source: ByteSource, dir: string, name: string, pin: Pin, options: WriteOptions = {}): Promise<Measured> {
  const temp = join(dir, tempName());
  const hash = new StreamHash();
  const limit = readLimit(pin);
  let size = 0;
  try {
    const out = await openFile(temp, 'wx');
    try {
      for await (const chunk of chunksOf(source, limit)) {
        size += chunk.length;
        if (size > limit) break;
        hash.update(chunk);
        await writeAll(out, chunk);
      }
      // On disk before it gets its name: a crash never leaves a short file under the final name.
      if (options.durable !== false) await out.sync();
    } finally {
      await out.close();
    }
    const measured = { sha256: size > limit ? '' : hash.hex(), size };
    const problem = checkPin(pin, measured, 'path' in source ? source.path : undefined);
    if (problem) throw problem;
    await rename(temp, join(dir, name));
    return measured;
  } finally {
    await rm(temp, { force: true });
  }
}

/** Writes text to `dir/name` atomically (temp file in the same folder, then rename). */
export async function writeTextAtomically(dir: string, name: string, text: string, options: WriteOptions = {}): Promise<void> {
  const temp = join(dir, tempName());
  try {
    const out = await openFile(temp, 'wx');
    try {
      await writeAll(out, Buffer.from(text, 'utf8'));
      if (options.durable !== false) await out.sync();
    } finally {
      await out.close();
    }
    await rename(temp, join(dir, name));
  } finally {
    await rm(temp, { force: true });
  }
}
