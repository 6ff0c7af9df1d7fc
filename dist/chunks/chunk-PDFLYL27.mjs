import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  tarBytes
} from "./chunk-NDB4NVVU.mjs";
import {
  MANIFEST_FILE,
  serializeManifest
} from "./chunk-QWVPQMR7.mjs";
import {
  sha256Digest
} from "./chunk-MQACBGSV.mjs";
import {
  IntegrityError
} from "./chunk-UI6KUO64.mjs";
import {
  init_define_ACTION_INPUTS
} from "./chunk-HPCM2IMK.mjs";

// src/oci/encoder-layer.ts
init_define_ACTION_INPUTS();
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
var LAYER_GZIP_LEVEL = 6;
var GZIP_OS_UNIX = 3;
function fixedGzip(data) {
  const out = gzipSync(data, { level: LAYER_GZIP_LEVEL, memLevel: 8, windowBits: 15, strategy: 0 });
  out[9] = GZIP_OS_UNIX;
  return out;
}
function layerRoot(cachePath) {
  const root = cachePath.replace(/^\/+/, "").replace(/\/+$/, "");
  if (root === "" || root.split("/").some((part) => part === "" || part === "." || part === "..")) {
    throw new Error(`cache-path "${cachePath}" is not an absolute folder below /`);
  }
  return root;
}
async function encoderLayer(input) {
  const root = layerRoot(input.cachePath);
  const mtime = input.sourceDateEpoch ?? 0;
  const contents = /* @__PURE__ */ new Map();
  for (const file of input.manifest.files) {
    if (!/^[0-9a-f]{40}$/.test(file.cacheFile)) throw new Error(`manifest entry ${file.id} names "${file.cacheFile}", not a sha1 cache file name`);
    const bytes = await readFile(join(input.cacheDir, file.cacheFile));
    const actual = sha256Digest(bytes).slice("sha256:".length);
    if (actual !== file.sha256 || bytes.length !== file.size) {
      throw new IntegrityError({
        what: `cache file ${file.cacheFile} (${file.id}) in ${input.cacheDir} changed after it was verified`,
        got: `sha256 ${actual}, ${bytes.length} bytes`,
        expected: `sha256 ${file.sha256}, ${file.size} bytes`,
        fix: "prepare again (refresh: true) and keep other steps from writing into cache-dir"
      });
    }
    contents.set(file.cacheFile, bytes);
  }
  contents.set(MANIFEST_FILE, Buffer.from(serializeManifest(input.manifest), "utf8"));
  const names = [...contents.keys()].sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
  const entries = [{ name: root, type: "directory", size: 0, mode: 365, mtime }];
  for (const name of names) {
    const data = contents.get(name);
    entries.push({ name: `${root}/${name}`, type: "file", size: data.length, mode: 292, mtime, data });
  }
  const tar = tarBytes(entries);
  const blob = fixedGzip(tar);
  return { blob, digest: sha256Digest(blob), diffId: sha256Digest(tar), size: blob.length, tarSize: tar.length, files: names };
}

export {
  layerRoot,
  encoderLayer
};
