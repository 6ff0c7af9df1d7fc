import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  BlobMediaType,
  MediaType
} from "./chunk-37GEL7R4.mjs";
import {
  bytesOnce,
  sha256Digest
} from "./chunk-LMSPCY74.mjs";

// src/oci/overlay-documents.ts
function written(doc, mediaType, extra = {}) {
  const bytes = Buffer.from(JSON.stringify(doc), "utf8");
  return { bytes, descriptor: { mediaType, digest: sha256Digest(bytes), size: bytes.length, ...extra } };
}
var CACHE_ENV_KEYS = ["TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR"];
function overlayConfig(base, change, mediaType) {
  const container = { ...base["config"] ?? {} };
  const set = change.env ?? CACHE_ENV_KEYS.map((key) => [key, change.cachePath]);
  const env = (container["Env"] ?? []).filter((line) => !set.some(([key]) => line.startsWith(`${key}=`)));
  container["Env"] = [...env, ...set.map(([key, value]) => `${key}=${value}`)];
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
  overlayConfig,
  overlayManifest,
  imageIndex,
  indexMediaTypeFor,
  overlaySource
};
