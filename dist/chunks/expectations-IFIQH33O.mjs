import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  selectFiles
} from "./chunk-QXO2ADUY.mjs";
import "./chunk-4CAFWHQW.mjs";
import {
  ENCODING_NAMES
} from "./chunk-7I65BH5E.mjs";
import "./chunk-JVZTSKKL.mjs";

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
function expectationsFrom(manifest, cachePath, consumers) {
  return { cachePath, files: manifest.files.map(expectedFile), ...consumers ? { consumers } : {} };
}

// src/pipeline/expectations.ts
function expectationsOf(cachePath, prepared, selection, options = { consumers: ["tiktoken", "tiktoken-go"], encodersFromImage: false }) {
  const { consumers } = options;
  if (prepared) return expectationsFrom(prepared.manifest, cachePath, consumers);
  if (options.encodersFromImage) {
    return { cachePath, files: [], fromImage: true, known: selectFiles(ENCODING_NAMES, selection.extras).map(expectedFile), consumers };
  }
  return { cachePath, files: selectFiles(selection.encodings, selection.extras).map(expectedFile), consumers };
}
export {
  expectationsOf
};
