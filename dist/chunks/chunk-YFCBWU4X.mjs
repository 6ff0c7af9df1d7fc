import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  UnreadableFile,
  openRegular,
  readChunks
} from "./chunk-TORZOQGE.mjs";
import {
  StreamHash
} from "./chunk-LMSPCY74.mjs";
import {
  MAX_UNPINNED_BYTES
} from "./chunk-JUBMCVBR.mjs";

// src/encoders/hash-file.ts
async function hashFile(path, limit = MAX_UNPINNED_BYTES, options = {}) {
  const opened = await openRegular(path, options);
  if (opened.size > limit) {
    await opened.handle.close();
    return { sha256: "", size: opened.size };
  }
  const hash = new StreamHash();
  for await (const chunk of readChunks(opened, limit, path)) hash.update(chunk);
  return { sha256: hash.size > limit ? "" : hash.hex(), size: hash.size };
}
async function hashFileIfPresent(path, limit = MAX_UNPINNED_BYTES, options = {}) {
  try {
    return await hashFile(path, limit, options);
  } catch (error) {
    if (error instanceof UnreadableFile && error.code === "ENOENT") return void 0;
    throw error;
  }
}

export {
  hashFile,
  hashFileIfPresent
};
