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
function expectationsFrom(manifest, cachePath, consumers, gateway) {
  return { cachePath, files: manifest.files.map(expectedFile), ...consumers ? { consumers } : {}, ...gateway ? { gateway } : {} };
}

// src/pipeline/expectations.ts
function expectationsOf(cachePath, prepared, selection, options = { consumers: ["tiktoken", "tiktoken-go"], encodersFromImage: false }) {
  const { consumers, gateway } = options;
  const profile = gateway ? { gateway } : {};
  if (prepared) return expectationsFrom(prepared.manifest, cachePath, consumers, gateway);
  if (options.encodersFromImage) {
    return { cachePath, files: [], fromImage: true, known: selectFiles(ENCODING_NAMES, selection.extras).map(expectedFile), consumers, ...profile };
  }
  return { cachePath, files: selectFiles(selection.encodings, selection.extras).map(expectedFile), consumers, ...profile };
}
export {
  expectationsOf
};
