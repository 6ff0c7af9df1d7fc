import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  folderTrust
} from "./chunk-SOO7QRZ2.mjs";
import {
  digestHex,
  sha256Digest
} from "./chunk-LMSPCY74.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/oci/layer-blob-cache.ts
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
var gunzipAsync = promisify(gunzip);
function fixedHeader(blob) {
  return blob.length > 18 && blob[0] === 31 && blob[1] === 139 && blob[2] === 8 && blob[3] === 0 && blob.readUInt32LE(4) === 0 && blob[9] === 3;
}
function layerBlobCache(dir, onIgnored = () => void 0) {
  let trust;
  const fileOf = (diffId) => join(dir, `${digestHex(diffId) ?? "not-a-digest"}.tar.gz`);
  return {
    async get(diffId) {
      if (trust === void 0) {
        const found = await folderTrust(dir);
        if (found === "missing") return void 0;
        trust = found;
        if (trust === "foreign") onIgnored(`kept layers in ${dir} ignored: the folder is not a folder only this user may write to`);
      }
      if (trust !== "private") return void 0;
      const blob = await readFile(fileOf(diffId)).catch(() => void 0);
      if (!blob) return void 0;
      const tar = fixedHeader(blob) ? await gunzipAsync(blob).catch(() => void 0) : void 0;
      if (!tar || sha256Digest(tar) !== diffId) {
        onIgnored(`kept layer ${fileOf(diffId)} ignored: it is not the fixed gzip of ${diffId}; compressing again`);
        return void 0;
      }
      return blob;
    },
    async put(diffId, blob) {
      const file = fileOf(diffId);
      const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
      try {
        await mkdir(dir, { recursive: true, mode: 448 });
        await writeFile(temp, blob, { mode: 384 });
        await rename(temp, file);
      } catch (error) {
        onIgnored(`cannot keep the compressed layer ${diffId} in ${dir}: ${error.message}`);
      }
    }
  };
}
export {
  layerBlobCache
};
