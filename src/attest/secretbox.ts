// NaCl's secretbox open (XSalsa20-Poly1305), the cipher cosign seals its private keys with.
// node:crypto has no Salsa20, and the keys are a few hundred bytes read once per run, so this
// is the plain reference construction (Bernstein's Salsa20/HSalsa20 and Poly1305 with BigInt),
// checked against the published test vectors and against keys cosign wrote. Opening only:
// the action never seals a key.
import { timingSafeEqual } from 'node:crypto';

const SIGMA = Buffer.from('expand 32-byte k', 'ascii');

function rotl(v: number, c: number): number {
  return ((v << c) | (v >>> (32 - c))) >>> 0;
}

/** The 20 rounds over a 16-word state; `add` adds the input back (Salsa20), HSalsa20 does not. */
function rounds(input: Uint32Array, add: boolean): Uint32Array {
  const x = Uint32Array.from(input);
  const qr = (a: number, b: number, c: number, d: number): void => {
    x[b] = (x[b] as number) ^ rotl(((x[a] as number) + (x[d] as number)) >>> 0, 7);
    x[c] = (x[c] as number) ^ rotl(((x[b] as number) + (x[a] as number)) >>> 0, 9);
    x[d] = (x[d] as number) ^ rotl(((x[c] as number) + (x[b] as number)) >>> 0, 13);
    x[a] = (x[a] as number) ^ rotl(((x[d] as number) + (x[c] as number)) >>> 0, 18);
  };
  for (let i = 0; i < 10; i++) {
    qr(0, 4, 8, 12); qr(5, 9, 13, 1); qr(10, 14, 2, 6); qr(15, 3, 7, 11);
    qr(0, 1, 2, 3); qr(5, 6, 7, 4); qr(10, 11, 8, 9); qr(15, 12, 13, 14);
  }
  if (add) for (let i = 0; i < 16; i++) x[i] = ((x[i] as number) + (input[i] as number)) >>> 0;
  return x;
}

function state(key: Buffer, sixteen: Buffer): Uint32Array {
  const s = new Uint32Array(16);
  const word = (b: Buffer, i: number) => b.readUInt32LE(i * 4);
  s[0] = word(SIGMA, 0); s[5] = word(SIGMA, 1); s[10] = word(SIGMA, 2); s[15] = word(SIGMA, 3);
  for (let i = 0; i < 4; i++) { s[1 + i] = word(key, i); s[11 + i] = word(key, 4 + i); }
  for (let i = 0; i < 4; i++) s[6 + i] = word(sixteen, i);
  return s;
}

export function hsalsa20(key: Buffer, nonce16: Buffer): Buffer {
  const x = rounds(state(key, nonce16), false);
  const out = Buffer.alloc(32);
  [0, 5, 10, 15, 6, 7, 8, 9].forEach((w, i) => out.writeUInt32LE(x[w] as number, i * 4));
  return out;
}

/** `length` bytes of Salsa20's keystream for a 32-byte key and an 8-byte nonce, from block 0. */
export function salsa20Stream(key: Buffer, nonce8: Buffer, length: number): Buffer {
  const out = Buffer.alloc(Math.ceil(length / 64) * 64);
  const input = Buffer.alloc(16);
  nonce8.copy(input, 0);
  for (let block = 0; block * 64 < length; block++) {
    input.writeBigUInt64LE(BigInt(block), 8);
    const x = rounds(state(key, input), true);
    for (let i = 0; i < 16; i++) out.writeUInt32LE(x[i] as number, block * 64 + i * 4);
  }
  return out.subarray(0, length);
}

function le(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i] as number);
  return n;
}

export function poly1305(key: Buffer, message: Buffer): Buffer {
  const p = (1n << 130n) - 5n;
  const r = le(key.subarray(0, 16)) & 0x0ffffffc0ffffffc0ffffffc0fffffffn;
  const s = le(key.subarray(16, 32));
  let acc = 0n;
  for (let i = 0; i < message.length; i += 16) {
    const block = message.subarray(i, i + 16);
    acc = ((acc + le(block) + (1n << BigInt(8 * block.length))) * r) % p;
  }
  acc = (acc + s) & ((1n << 128n) - 1n);
  const tag = Buffer.alloc(16);
  for (let i = 0; i < 16; i++) tag[i] = Number((acc >> BigInt(8 * i)) & 0xffn);
  return tag;
}

/** The plaintext of a secretbox (16-byte tag, then the ciphertext), or undefined when the tag does not match (wrong key). */
export function secretboxOpen(box: Buffer, nonce: Buffer, key: Buffer): Buffer | undefined {
  if (key.length !== 32 || nonce.length !== 24 || box.length < 16) return undefined;
  const subkey = hsalsa20(key, nonce.subarray(0, 16));
  const stream = salsa20Stream(subkey, nonce.subarray(16, 24), 32 + box.length - 16);
  const tag = box.subarray(0, 16);
  const cipher = box.subarray(16);
  if (!timingSafeEqual(poly1305(stream.subarray(0, 32), cipher), tag)) return undefined;
  const plain = Buffer.alloc(cipher.length);
  for (let i = 0; i < cipher.length; i++) plain[i] = (cipher[i] as number) ^ (stream[32 + i] as number);
  return plain;
}
