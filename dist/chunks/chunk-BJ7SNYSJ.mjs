import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/oci/read-limits.ts
var DEFAULT_READ_LIMITS = {
  maxDocumentBytes: 4 * 1024 * 1024,
  documentTimeoutMs: 6e4,
  // Two minutes plus 1 MiB/s: a 1 GiB layer may take 19 minutes, an endless one never ends well.
  blobTimeoutMs: (size) => 12e4 + Math.ceil(size / (1024 * 1024)) * 1e3
};
async function readCapped(body, max, what) {
  const parts = [];
  let size = 0;
  if (!body) return Buffer.alloc(0);
  for await (const chunk of body) {
    size += chunk.length;
    if (size > max) throw new Error(`${what} is larger than ${max} bytes: not an image document (stopped reading)`);
    parts.push(Buffer.from(chunk));
  }
  return Buffer.concat(parts);
}

export {
  DEFAULT_READ_LIMITS,
  readCapped
};
