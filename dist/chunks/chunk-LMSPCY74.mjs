import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/oci/digest.ts
import { createHash } from "node:crypto";
var DIGEST_RE = /^sha256:[0-9a-f]{64}$/;
var HEX_RE = /^[0-9a-f]{64}$/;
function isDigest(value) {
  return DIGEST_RE.test(value);
}
function digestHex(digest) {
  const hex = digest.startsWith("sha256:") ? digest.slice("sha256:".length) : "";
  return HEX_RE.test(hex) ? hex : void 0;
}
function sha256Hex(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
}
function sha256Digest(bytes) {
  return `sha256:${sha256Hex(bytes)}`;
}
var StreamHash = class {
  #hash = createHash("sha256");
  #size = 0;
  update(chunk) {
    this.#hash.update(chunk);
    this.#size += chunk.length;
  }
  get size() {
    return this.#size;
  }
  /** Lowercase hex; call once, at the end. */
  hex() {
    return this.#hash.digest("hex");
  }
  /** `sha256:<hex>`; call once, at the end. */
  digest() {
    return `sha256:${this.hex()}`;
  }
};
async function* bytesOnce(bytes) {
  yield bytes;
}

export {
  DIGEST_RE,
  isDigest,
  digestHex,
  sha256Hex,
  sha256Digest,
  StreamHash,
  bytesOnce
};
