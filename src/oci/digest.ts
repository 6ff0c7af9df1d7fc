// Content digests of in-memory documents (manifests, configs, small layers) as the OCI spec
// writes them: `sha256:<hex>`. Streams are hashed by blob-stream.ts.
import { createHash } from 'node:crypto';

export const DIGEST_RE = /^sha256:[0-9a-f]{64}$/;

export function sha256Digest(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Bytes already in memory as the byte stream blob readers take. */
export async function* bytesOnce(bytes: Buffer): AsyncGenerator<Buffer> {
  yield bytes;
}
