import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  InputError
} from "./chunk-SENFWAUD.mjs";

// src/attest/cosign-key.ts
import { createPrivateKey, createPublicKey, scrypt } from "node:crypto";

// src/attest/secretbox.ts
import { timingSafeEqual } from "node:crypto";
var SIGMA = Buffer.from("expand 32-byte k", "ascii");
function rotl(v, c) {
  return (v << c | v >>> 32 - c) >>> 0;
}
function rounds(input, add) {
  const x = Uint32Array.from(input);
  const qr = (a, b, c, d) => {
    x[b] = x[b] ^ rotl(x[a] + x[d] >>> 0, 7);
    x[c] = x[c] ^ rotl(x[b] + x[a] >>> 0, 9);
    x[d] = x[d] ^ rotl(x[c] + x[b] >>> 0, 13);
    x[a] = x[a] ^ rotl(x[d] + x[c] >>> 0, 18);
  };
  for (let i = 0; i < 10; i++) {
    qr(0, 4, 8, 12);
    qr(5, 9, 13, 1);
    qr(10, 14, 2, 6);
    qr(15, 3, 7, 11);
    qr(0, 1, 2, 3);
    qr(5, 6, 7, 4);
    qr(10, 11, 8, 9);
    qr(15, 12, 13, 14);
  }
  if (add) for (let i = 0; i < 16; i++) x[i] = x[i] + input[i] >>> 0;
  return x;
}
function state(key, sixteen) {
  const s = new Uint32Array(16);
  const word = (b, i) => b.readUInt32LE(i * 4);
  s[0] = word(SIGMA, 0);
  s[5] = word(SIGMA, 1);
  s[10] = word(SIGMA, 2);
  s[15] = word(SIGMA, 3);
  for (let i = 0; i < 4; i++) {
    s[1 + i] = word(key, i);
    s[11 + i] = word(key, 4 + i);
  }
  for (let i = 0; i < 4; i++) s[6 + i] = word(sixteen, i);
  return s;
}
function hsalsa20(key, nonce16) {
  const x = rounds(state(key, nonce16), false);
  const out = Buffer.alloc(32);
  [0, 5, 10, 15, 6, 7, 8, 9].forEach((w, i) => out.writeUInt32LE(x[w], i * 4));
  return out;
}
function salsa20Stream(key, nonce8, length) {
  const out = Buffer.alloc(Math.ceil(length / 64) * 64);
  const input = Buffer.alloc(16);
  nonce8.copy(input, 0);
  for (let block = 0; block * 64 < length; block++) {
    input.writeBigUInt64LE(BigInt(block), 8);
    const x = rounds(state(key, input), true);
    for (let i = 0; i < 16; i++) out.writeUInt32LE(x[i], block * 64 + i * 4);
  }
  return out.subarray(0, length);
}
function le(bytes) {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = n << 8n | BigInt(bytes[i]);
  return n;
}
function poly1305(key, message) {
  const p = (1n << 130n) - 5n;
  const r = le(key.subarray(0, 16)) & 0x0ffffffc0ffffffc0ffffffc0fffffffn;
  const s = le(key.subarray(16, 32));
  let acc = 0n;
  for (let i = 0; i < message.length; i += 16) {
    const block = message.subarray(i, i + 16);
    acc = (acc + le(block) + (1n << BigInt(8 * block.length))) * r % p;
  }
  acc = acc + s & (1n << 128n) - 1n;
  const tag = Buffer.alloc(16);
  for (let i = 0; i < 16; i++) tag[i] = Number(acc >> BigInt(8 * i) & 0xffn);
  return tag;
}
function secretboxOpen(box, nonce, key) {
  if (key.length !== 32 || nonce.length !== 24 || box.length < 16) return void 0;
  const subkey = hsalsa20(key, nonce.subarray(0, 16));
  const stream = salsa20Stream(subkey, nonce.subarray(16, 24), 32 + box.length - 16);
  const tag = box.subarray(0, 16);
  const cipher = box.subarray(16);
  if (!timingSafeEqual(poly1305(stream.subarray(0, 32), cipher), tag)) return void 0;
  const plain = Buffer.alloc(cipher.length);
  for (let i = 0; i < cipher.length; i++) plain[i] = cipher[i] ^ stream[32 + i];
  return plain;
}

// src/attest/cosign-key.ts
var ENCRYPTED_LABELS = ["ENCRYPTED SIGSTORE PRIVATE KEY", "ENCRYPTED COSIGN PRIVATE KEY"];
var MAX_SCRYPT_MEMORY = 256 * 1024 * 1024;
var GENERATE = "use the text of cosign.key as `cosign generate-key-pair` writes it (from a secret), e.g. attest-key: ${{ secrets.COSIGN_PRIVATE_KEY }}";
function malformed(why) {
  return new InputError("attest-key", { what: `input "attest-key" is not a cosign private key: ${why}`, expected: 'a PEM block "ENCRYPTED SIGSTORE PRIVATE KEY" (ECDSA P-256, scrypt + nacl/secretbox)', fix: GENERATE });
}
function pemBlocks(text) {
  const blocks = [];
  const re = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) blocks.push({ label: m[1], body: m[2].replace(/\s+/g, "") });
  return blocks;
}
function sealedOf(body) {
  let json;
  try {
    json = JSON.parse(Buffer.from(body, "base64").toString("utf8"));
  } catch {
    throw malformed("its body is not the JSON cosign writes");
  }
  const s = json;
  const params = s.kdf?.params;
  if (s.kdf?.name !== "scrypt" || !params || ![params.N, params.r, params.p].every((n) => Number.isInteger(n) && n > 0)) throw malformed(`its key derivation is ${JSON.stringify(s.kdf?.name ?? "missing")}, not scrypt with N, r and p`);
  if (s.cipher?.name !== "nacl/secretbox") throw malformed(`its cipher is ${JSON.stringify(s.cipher?.name ?? "missing")}, not nacl/secretbox`);
  if (typeof s.kdf.salt !== "string" || typeof s.cipher.nonce !== "string" || typeof s.ciphertext !== "string") throw malformed("its salt, nonce or ciphertext is missing");
  if (128 * params.N * params.r > MAX_SCRYPT_MEMORY || (params.N & params.N - 1) !== 0) throw malformed(`its scrypt cost (N=${params.N}, r=${params.r}) is not one cosign writes`);
  return s;
}
function derive(password, sealed) {
  const { N, r, p } = sealed.kdf.params;
  return new Promise((resolve, reject) => scrypt(password, Buffer.from(sealed.kdf.salt, "base64"), 32, { N, r, p, maxmem: MAX_SCRYPT_MEMORY + 1024 * 1024 }, (error, key) => error ? reject(error) : resolve(key)));
}
async function openCosignKey(text, password) {
  const blocks = pemBlocks(text);
  if (blocks.length === 0) throw malformed("no PEM block found");
  const sealedBlock = blocks.find((b) => ENCRYPTED_LABELS.includes(b.label));
  if (!sealedBlock) {
    const labels = blocks.map((b) => b.label);
    if (labels.some((l) => /PUBLIC KEY/.test(l))) {
      throw new InputError("attest-key", { what: 'input "attest-key" holds a public key where the private key is needed', got: `a PEM block "${labels.join('", "')}"`, expected: "cosign.key (ENCRYPTED SIGSTORE PRIVATE KEY), not cosign.pub", fix: "pass cosign.key to attest-key; cosign.pub is what `verify --attest-key` and `cosign verify-attestation --key` take" });
    }
    throw malformed(`its PEM block is "${labels.join('", "')}"`);
  }
  const sealed = sealedOf(sealedBlock.body);
  let der;
  try {
    der = secretboxOpen(Buffer.from(sealed.ciphertext, "base64"), Buffer.from(sealed.cipher.nonce, "base64"), await derive(password, sealed));
  } catch {
    throw malformed("its scrypt parameters cannot be used");
  }
  if (!der) {
    throw new InputError("attest-key-password", { what: 'input "attest-key-password" does not open attest-key (wrong password)', expected: "the password given to `cosign generate-key-pair` (COSIGN_PASSWORD)", fix: "set attest-key-password from the secret that holds that password (CLI: --attest-key-password or COSIGN_PASSWORD)" });
  }
  let privateKey;
  try {
    privateKey = createPrivateKey({ key: der, format: "der", type: "pkcs8" });
  } catch {
    throw malformed("the sealed key is not PKCS#8");
  }
  if (privateKey.asymmetricKeyType !== "ec" || privateKey.asymmetricKeyDetails?.namedCurve !== "prime256v1") {
    throw malformed(`it is a ${privateKey.asymmetricKeyType ?? "?"} key${privateKey.asymmetricKeyDetails?.namedCurve ? ` on ${privateKey.asymmetricKeyDetails.namedCurve}` : ""}, not ECDSA P-256`);
  }
  const publicKeyPem = createPublicKey(privateKey).export({ format: "pem", type: "spki" }).toString();
  return { privateKey, publicKeyPem };
}
function readPublicKey(text, input) {
  const blocks = pemBlocks(text);
  if (blocks.some((b) => /PRIVATE KEY/.test(b.label))) {
    throw new InputError(input, { what: `input "${input}" holds a private key where the public key is needed`, expected: "cosign.pub (PUBLIC KEY)", fix: `pass cosign.pub to ${input}; never hand the private key to a checker` });
  }
  try {
    const key = createPublicKey(text);
    if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1") throw new Error("not P-256");
    return key;
  } catch {
    throw new InputError(input, { what: `input "${input}" is not an ECDSA P-256 public key`, expected: "cosign.pub as `cosign generate-key-pair` writes it (PEM PUBLIC KEY)", fix: `pass cosign.pub to ${input}` });
  }
}

export {
  openCosignKey,
  readPublicKey
};
