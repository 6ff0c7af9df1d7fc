import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  tarBytes
} from "./chunk-3FNHDDJ4.mjs";
import {
  MANIFEST_FILE,
  serializeManifest
} from "./chunk-SC7NWMZY.mjs";
import {
  OPAQUE_MARKER
} from "./chunk-EOQMFXHM.mjs";
import {
  sha256Digest
} from "./chunk-LMSPCY74.mjs";
import {
  IntegrityError
} from "./chunk-ZWN2JR2B.mjs";

// src/oci/encoder-layer.ts
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
var LAYER_GZIP_LEVEL = 6;
var GZIP_OS_UNIX = 3;
var GZIP_OPTIONS = { level: LAYER_GZIP_LEVEL, memLevel: 8, windowBits: 15, strategy: 0 };
var gzipAsync = promisify(gzip);
async function fixedGzip(data) {
  const out = await gzipAsync(data, GZIP_OPTIONS);
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
async function encoderTar(input) {
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
  const entries = [
    { name: root, type: "directory", size: 0, mode: 365, mtime },
    { name: `${root}/${OPAQUE_MARKER}`, type: "file", size: 0, mode: 365, mtime, data: Buffer.alloc(0) }
  ];
  for (const name of names) {
    const data = contents.get(name);
    entries.push({ name: `${root}/${name}`, type: "file", size: data.length, mode: 292, mtime, data });
  }
  return { tar: tarBytes(entries), files: names };
}
async function compressLayer({ tar, files }, cache) {
  const diffId = sha256Digest(tar);
  let blob = await cache?.get(diffId);
  if (!blob) {
    blob = await fixedGzip(tar);
    await cache?.put(diffId, blob);
  }
  return { blob, digest: sha256Digest(blob), diffId, size: blob.length, tarSize: tar.length, files };
}
async function encoderLayer(input) {
  return compressLayer(await encoderTar(input));
}

export {
  layerRoot,
  encoderTar,
  compressLayer,
  encoderLayer
};
