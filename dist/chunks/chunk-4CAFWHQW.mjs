import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/encoders/cache-name.ts
import { createHash } from "node:crypto";
function cacheFileName(canonicalUrl) {
  return createHash("sha1").update(canonicalUrl, "utf8").digest("hex");
}

export {
  cacheFileName
};
