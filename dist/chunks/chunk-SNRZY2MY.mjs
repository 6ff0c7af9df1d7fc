import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  BLOCK,
  padding
} from "./chunk-CZKUM3XS.mjs";
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
} from "./chunk-SENFWAUD.mjs";

// src/oci/encoder-layer.ts
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzip } from "node:zlib";

// src/tar/tar-write.ts
function octal(block, offset, length, value) {
  const text = value.toString(8).padStart(length - 1, "0");
  if (text.length > length - 1) throw new Error(`tar: ${value} does not fit a ${length}-byte field`);
  block.write(`${text}\0`, offset, length, "ascii");
}
function splitName(name) {
  if (Buffer.byteLength(name) <= 100) return { prefix: "", name };
  for (let at = name.indexOf("/"); at !== -1; at = name.indexOf("/", at + 1)) {
    const prefix = name.slice(0, at);
    const rest = name.slice(at + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100 && rest !== "") return { prefix, name: rest };
  }
  throw new Error(`tar: the path "${name}" is too long for a ustar header (255 bytes, split at a "/")`);
}
function tarHeader(entry) {
  const block = Buffer.alloc(BLOCK);
  const full = entry.type === "directory" ? `${entry.name.replace(/\/+$/, "")}/` : entry.name;
  const { prefix, name } = splitName(full);
  block.write(name, 0, 100, "utf8");
  octal(block, 100, 8, entry.mode & 4095);
  octal(block, 108, 8, 0);
  octal(block, 116, 8, 0);
  octal(block, 124, 12, entry.type === "file" ? entry.size : 0);
  octal(block, 136, 12, Math.max(0, Math.floor(entry.mtime)));
  block.write(entry.type === "directory" ? "5" : "0", 156, 1, "ascii");
  block.write("ustar\0", 257, 6, "ascii");
  block.write("00", 263, 2, "ascii");
  octal(block, 329, 8, 0);
  octal(block, 337, 8, 0);
  block.write(prefix, 345, 155, "utf8");
  block.fill(32, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8, "ascii");
  return block;
}
function tarPadding(size) {
  return Buffer.alloc(padding(size));
}
function tarEnd() {
  return Buffer.alloc(BLOCK * 2);
}
function tarBytes(entries) {
  const parts = [];
  for (const entry of entries) {
    const data = entry.data ?? Buffer.alloc(0);
    if (entry.type === "file" && data.length !== entry.size) throw new Error(`tar: ${entry.name} has ${data.length} bytes, header says ${entry.size}`);
    parts.push(tarHeader(entry));
    if (entry.type === "file") parts.push(data, tarPadding(data.length));
  }
  parts.push(tarEnd());
  return Buffer.concat(parts);
}

// src/oci/encoder-layer.ts
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
    const bytes = input.carried?.get(file.cacheFile) ?? await readFile(join(input.cacheDir, file.cacheFile));
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
  tarHeader,
  tarPadding,
  tarEnd,
  layerRoot,
  encoderTar,
  compressLayer,
  encoderLayer
};
