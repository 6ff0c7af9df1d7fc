import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/cache/kept-folders.ts
import { join } from "node:path";
function layerSummariesDir(runnerTemp, defaultCacheRoot) {
  return join(runnerTemp ?? defaultCacheRoot, "oneapi-offline-layer-summaries");
}
function engineBlobsDir(runnerTemp, defaultCacheRoot) {
  return join(runnerTemp ?? defaultCacheRoot, "oneapi-offline-engine-blobs");
}
function attestationsDir(runnerTemp, defaultCacheRoot) {
  return join(runnerTemp ?? defaultCacheRoot, "oneapi-offline-attestations");
}

export {
  layerSummariesDir,
  engineBlobsDir,
  attestationsDir
};
