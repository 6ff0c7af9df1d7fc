import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  MANIFEST_FILE,
  manifestOwnership
} from "./chunk-SC7NWMZY.mjs";
import {
  UnreadableFile,
  openRegular,
  readChunks
} from "./chunk-TORZOQGE.mjs";

// src/encoders/read-ownership.ts
import { join } from "node:path";
var MAX_MANIFEST_BYTES = 1 << 20;
async function readOwnership(dir) {
  const path = join(dir, MANIFEST_FILE);
  let text;
  try {
    const chunks = [];
    let size = 0;
    for await (const chunk of readChunks(await openRegular(path, { noFollow: true }), MAX_MANIFEST_BYTES, path)) {
      chunks.push(chunk);
      size += chunk.length;
    }
    if (size > MAX_MANIFEST_BYTES) return { kind: "foreign", reason: `it is larger than ${MAX_MANIFEST_BYTES} bytes` };
    text = Buffer.concat(chunks).toString("utf8");
  } catch (error) {
    if (error instanceof UnreadableFile) {
      if (error.code === "ENOENT") return { kind: "none" };
      return { kind: "foreign", reason: error.message.slice(path.length + 2) };
    }
    throw error;
  }
  const ownership = manifestOwnership(text);
  return ownership.kind === "ours" ? { ...ownership, text } : ownership;
}

export {
  readOwnership
};
