import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  expectedFile
} from "./chunk-N46JYSNY.mjs";
import {
  selectFiles
} from "./chunk-QXO2ADUY.mjs";
import {
  buildManifest
} from "./chunk-SC7NWMZY.mjs";
import {
  ENCODING_NAMES
} from "./chunk-7I65BH5E.mjs";

// src/base-floor/image-set.ts
var byId = (a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
function imageManifest(manifest, floor) {
  if (!floor || floor.carried.length === 0) return manifest;
  const have = new Set(manifest.files.map((f) => f.cacheFile));
  const added = buildManifest(floor.carried.map((c) => c.file).filter((f) => !have.has(f.cacheFile))).files;
  const files = [...manifest.files, ...added].sort(byId);
  return { ...manifest, encodings: [...new Set(files.flatMap((f) => f.encodings))].sort(), files };
}
function imageSet(prepared, floor) {
  if (!floor || floor.carried.length === 0) return prepared;
  return { ...prepared, manifest: imageManifest(prepared.manifest, floor), carried: new Map(floor.carried.map((c) => [c.file.cacheFile, c.bytes])) };
}
function mergeExpectations(expectations, extras) {
  if (expectations.fromImage) return expectations;
  return { ...expectations, listedToo: true, known: selectFiles(ENCODING_NAMES, extras).map(expectedFile) };
}

export {
  imageManifest,
  imageSet,
  mergeExpectations
};
