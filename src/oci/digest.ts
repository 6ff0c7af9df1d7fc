// Content digests as the OCI spec writes them (`sha256:<hex>`), and the project's one hashing
// helper: a sha256 that also counts the bytes it saw, for in-memory documents and for every
// stream we check or write (blobs, layers, downloads, cache files). Pure but for the hash state.
import { createHash, type Hash } from 'node:crypto';

/** The only digest form we accept: lowercase `sha256:` and 64 hex digits. */
export const DIGEST_RE = /^sha256:[0-9a-f]{64}$/;
const HEX_RE = /^[0-9a-f]{64}$/;

export function isDigest(value: string): boolean {
  return DIGEST_RE.test(value);
}

/** The 64 hex digits of a `sha256:` digest, or undefined when it is not one. */
export function digestHex(digest: string): string | undefined {
  const hex = digest.startsWith('sha256:') ? digest.slice('sha256:'.length) : '';
  return HEX_RE.test(hex) ? hex : undefined;
}

/** sha256 of bytes in memory as lowercase hex. */
export function sha256Hex(bytes: Buffer | Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** sha256 of bytes in memory as an OCI digest, `sha256:<hex>`. */
export function sha256Digest(bytes: Buffer | Uint8Array | string): string {
  return `sha256:${sha256Hex(bytes)}`;
}

/** A running sha256 with the number of bytes fed to it. */
export class StreamHash {
  readonly #hash: Hash = createHash('sha256');
  #size = 0;

  update(chunk: Buffer | Uint8Array): void {
    this.#hash.update(chunk);
    this.#size += chunk.length;
  }

  get size(): number {
    return this.#size;
  }

  /** Lowercase hex; call once, at the end. */
  hex(): string {
    return this.#hash.digest('hex');
  }

  /** `sha256:<hex>`; call once, at the end. */
  digest(): string {
    return `sha256:${this.hex()}`;
  }
}

/** Bytes already in memory as the byte stream blob readers take. */
export async function* bytesOnce(bytes: Buffer): AsyncGenerator<Buffer> {
  yield bytes;
}
