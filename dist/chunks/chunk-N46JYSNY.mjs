import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/image/expectations.ts
function expectedFile(file) {
  return {
    cacheFile: file.cacheFile,
    sha256: file.sha256,
    ...file.size !== void 0 ? { size: file.size } : {},
    id: file.id,
    encodings: [...file.encodings]
  };
}
function expectationsFrom(manifest, cachePath, consumers, gateway) {
  return { cachePath, files: manifest.files.map(expectedFile), ...consumers ? { consumers } : {}, ...gateway ? { gateway } : {} };
}

export {
  expectedFile,
  expectationsFrom
};
