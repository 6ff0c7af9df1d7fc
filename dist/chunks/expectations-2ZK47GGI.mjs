import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  expectationsFrom,
  expectedFile
} from "./chunk-N46JYSNY.mjs";
import {
  selectFiles
} from "./chunk-QXO2ADUY.mjs";
import "./chunk-4CAFWHQW.mjs";
import {
  ENCODING_NAMES
} from "./chunk-7I65BH5E.mjs";
import "./chunk-JVZTSKKL.mjs";

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
