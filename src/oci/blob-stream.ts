// A blob's bytes, checked against its descriptor while they stream (digest and size), and
// decompressed by layer media type. Content-addressing is what makes a layer trustworthy.
import { Readable, pipeline, type Transform } from 'node:stream';
import * as zlib from 'node:zlib';
import type { Descriptor } from './media-types.js';
import { layerCompression } from './media-types.js';
import { StreamHash, digestHex } from './digest.js';

export class BlobMismatch extends Error {}

const INFLATE_CHUNK = 256 * 1024;

/**
 * Passes `source` through, never past the descriptor's size (a source that sends more fails at
 * once), throwing at the end if its sha256/size differ from the descriptor.
 */
export async function* checkedBlob(source: AsyncIterable<Buffer | Uint8Array>, descriptor: Descriptor): AsyncGenerator<Buffer> {
  const expected = digestHex(descriptor.digest);
  if (!expected) throw new BlobMismatch(`unsupported digest ${descriptor.digest} (only sha256)`);
  const hash = new StreamHash();
  for await (const chunk of source) {
    // A view, not a copy: fetch hands out Uint8Arrays of 64 KiB and more.
    const part = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    hash.update(part);
    if (hash.size > descriptor.size) {
      throw new BlobMismatch(`blob ${descriptor.digest} goes on past its descriptor's ${descriptor.size} B: the image store is corrupt or hostile`);
    }
    yield part;
  }
  const size = hash.size;
  const actual = hash.hex();
  if (actual !== expected || size !== descriptor.size) {
    throw new BlobMismatch(`blob ${descriptor.digest} (${descriptor.size} B) arrived as sha256:${actual} (${size} B): the image store is corrupt or tampered`);
  }
}

/** Whether this Node can decompress zstd layers (Node ≥ 22.15 / 23.8 has zlib zstd). */
export function zstdSupported(): boolean {
  return typeof (zlib as { createZstdDecompress?: unknown }).createZstdDecompress === 'function';
}

/** Why this Node cannot read a layer of this media type, or undefined when it can. */
export function unreadableLayer(descriptor: Descriptor): string | undefined {
  const compression = layerCompression(descriptor.mediaType);
  if (compression === 'zstd' && !zstdSupported()) {
    return `layer ${descriptor.digest} is zstd-compressed and Node ${process.versions.node} has no zstd; run the action on node24 (or Node ≥ 22.15), or build with compression=gzip`;
  }
  if (compression === 'unknown') return `layer ${descriptor.digest} has media type ${descriptor.mediaType}, which is not a tar layer this verifier reads`;
  return undefined;
}

/** The layer's uncompressed tar stream, with the compressed bytes digest-checked. */
export function layerTar(source: AsyncIterable<Buffer | Uint8Array>, descriptor: Descriptor): AsyncIterable<Buffer> {
  const unreadable = unreadableLayer(descriptor);
  if (unreadable) throw new Error(unreadable);
  const raw = Readable.from(checkedBlob(source, descriptor), { objectMode: false });
  const compression = layerCompression(descriptor.mediaType);
  if (compression === 'none') return raw;
  const zstd = (zlib as { createZstdDecompress?: () => Transform }).createZstdDecompress;
  // Large output chunks: every chunk costs a trip through the stream and tar reader.
  const transform = compression === 'zstd' && zstd ? zstd() : zlib.createGunzip({ chunkSize: INFLATE_CHUNK });
  return pipeline(raw, transform, () => {
    // Errors surface through the returned stream's iteration.
  });
}

/** Passes chunks through until `deadline` (ms since epoch), then fails naming `what`. */
export async function* untilDeadline<T>(source: AsyncIterable<T>, deadline: number, what: string): AsyncGenerator<T> {
  for await (const chunk of source) {
    if (Date.now() > deadline) throw new BlobMismatch(`${what} took longer than its time limit; stopped reading`);
    yield chunk;
  }
}
