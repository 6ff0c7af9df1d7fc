import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  tarBytes
} from "./chunk-NDB4NVVU.mjs";
import {
  MANIFEST_FILE,
  serializeManifest
} from "./chunk-QWVPQMR7.mjs";
import {
  bytesOnce,
  sha256Digest
} from "./chunk-MQACBGSV.mjs";
import {
  BlobMediaType,
  MediaType
} from "./chunk-PUO7BHQP.mjs";
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

// src/oci/overlay-documents.ts
init_define_ACTION_INPUTS();
function written(doc, mediaType, extra = {}) {
  const bytes = Buffer.from(JSON.stringify(doc), "utf8");
  return { bytes, descriptor: { mediaType, digest: sha256Digest(bytes), size: bytes.length, ...extra } };
}
var CACHE_ENV_KEYS = ["TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR"];
function overlayConfig(base, change, mediaType) {
  const container = { ...base["config"] ?? {} };
  const env = (container["Env"] ?? []).filter((line) => !CACHE_ENV_KEYS.some((key) => line.startsWith(`${key}=`)));
  container["Env"] = [...env, ...CACHE_ENV_KEYS.map((key) => `${key}=${change.cachePath}`)];
  if (change.labels.length > 0) {
    const labels = { ...container["Labels"] ?? {} };
    for (const [key, value] of change.labels) labels[key] = value;
    container["Labels"] = labels;
  }
  const rootfs = base["rootfs"] ?? {};
  const history = Array.isArray(base["history"]) ? base["history"] : [];
  const config = {
    ...base,
    ...change.created ? { created: change.created } : {},
    config: container,
    rootfs: { ...rootfs, type: rootfs.type ?? "layers", diff_ids: [...rootfs.diff_ids ?? [], change.diffId] },
    history: [...history, { ...change.created ? { created: change.created } : {}, created_by: change.createdBy, comment: "oneapi-offline registry engine" }]
  };
  return written(config, mediaType);
}
function layerMediaTypeFor(manifestMediaType) {
  return manifestMediaType === MediaType.dockerManifest ? BlobMediaType.dockerLayerGzip : BlobMediaType.ociLayerGzip;
}
function overlayManifest(base, manifestMediaType, config, layer) {
  const layers = Array.isArray(base["layers"]) ? base["layers"] : [];
  const doc = {
    ...base,
    config: { mediaType: config.mediaType, digest: config.digest, size: config.size },
    layers: [...layers, { mediaType: layerMediaTypeFor(manifestMediaType), digest: layer.digest, size: layer.size }]
  };
  return written(doc, manifestMediaType);
}
function imageIndex(entries, indexMediaType) {
  const doc = {
    schemaVersion: 2,
    mediaType: indexMediaType,
    manifests: entries.map((e) => ({ mediaType: e.descriptor.mediaType, digest: e.descriptor.digest, size: e.descriptor.size, platform: e.platform }))
  };
  return written(doc, indexMediaType);
}
function indexMediaTypeFor(manifestMediaType) {
  return manifestMediaType === MediaType.dockerManifest ? MediaType.dockerList : MediaType.ociIndex;
}

// src/oci/overlay-source.ts
init_define_ACTION_INPUTS();
function overlaySource(base, parts) {
  return {
    label: parts.label,
    partial: false,
    root: async () => parts.root,
    async document(descriptor) {
      return parts.own.get(descriptor.digest) ?? base?.document(descriptor);
    },
    async blob(descriptor) {
      const mine = parts.own.get(descriptor.digest);
      if (mine) return bytesOnce(mine);
      if (!base) throw new Error(`${parts.label} has no blob ${descriptor.digest}`);
      return base.blob(descriptor);
    },
    close: async () => {
    }
  };
}

export {
  encoderLayer,
  overlayConfig,
  overlayManifest,
  imageIndex,
  indexMediaTypeFor,
  overlaySource
};
