import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  isDigest
} from "./chunk-LMSPCY74.mjs";

// src/oci/media-types.ts
var MediaType = {
  ociIndex: "application/vnd.oci.image.index.v1+json",
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  dockerList: "application/vnd.docker.distribution.manifest.list.v2+json",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json"
};
var IMAGE_MANIFEST_TYPES = [MediaType.ociManifest, MediaType.dockerManifest];
var MANIFEST_ACCEPT = [MediaType.ociIndex, MediaType.dockerList, MediaType.ociManifest, MediaType.dockerManifest].join(", ");
function manifestKind(mediaType, json) {
  const type = (mediaType ?? "").split(";")[0]?.trim();
  if (type === MediaType.ociIndex || type === MediaType.dockerList) return "index";
  if (type === MediaType.ociManifest || type === MediaType.dockerManifest) return "manifest";
  if (json && typeof json === "object") {
    if (Array.isArray(json.manifests)) return "index";
    if (Array.isArray(json.layers)) return "manifest";
  }
  return void 0;
}
function isAttestation(descriptor) {
  if (descriptor.annotations?.["vnd.docker.reference.type"] === "attestation-manifest") return true;
  return descriptor.platform?.os === "unknown" && descriptor.platform.architecture === "unknown";
}
function layerCompression(mediaType) {
  if (/\.tar\+gzip$|\.tar\.gzip$|rootfs\.diff\.tar\.gzip$/.test(mediaType)) return "gzip";
  if (/\.tar\+zstd$|\.tar\.zstd$/.test(mediaType)) return "zstd";
  if (/\.tar$/.test(mediaType)) return "none";
  return "unknown";
}
function descriptorProblem(d) {
  if (!d || typeof d !== "object") return "is not an object";
  const { mediaType, digest, size } = d;
  if (typeof mediaType !== "string" || mediaType === "") return "has no media type";
  if (typeof digest !== "string" || !isDigest(digest)) return `has the digest ${JSON.stringify(digest)}, not sha256:<64 hex>`;
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) return `has the size ${JSON.stringify(size)}`;
  return void 0;
}
function strictCheck(json, header, kind, what) {
  const declared = json.mediaType;
  if (declared !== void 0 && typeof declared !== "string") throw new Error(`${what} has a mediaType that is not a string`);
  if (header && declared && header !== declared) throw new Error(`${what} is served as ${header} but says it is ${declared}`);
  if (manifestKind(header || declared, void 0) !== kind) throw new Error(`${what} declares no index or manifest media type (got ${header || declared || "none"})`);
  const descriptors = kind === "index" ? json.manifests : [json.config, ...json.layers];
  descriptors.forEach((d, i) => {
    const problem = descriptorProblem(d);
    if (problem) throw new Error(`${what}: ${kind === "index" ? `manifests[${i}]` : i === 0 ? "config" : `layers[${i - 1}]`} ${problem}`);
  });
}
function parseManifest(bytes, mediaType, what, options = {}) {
  let json;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new Error(`${what} is not JSON`, { cause: error });
  }
  if (options.strict && (!json || typeof json !== "object" || Array.isArray(json))) throw new Error(`${what} is not a JSON object`);
  const kind = manifestKind(mediaType ?? json.mediaType, json);
  let parsed;
  if (kind === "index" && Array.isArray(json.manifests)) parsed = { kind, doc: json };
  if (kind === "manifest" && Array.isArray(json.layers) && json.config) parsed = { kind, doc: json };
  if (!parsed) throw new Error(`${what} is neither an OCI/Docker image index nor an image manifest (media type ${mediaType ?? "none"})`);
  if (options.strict) strictCheck(json, mediaType?.split(";")[0]?.trim() || void 0, parsed.kind, what);
  return parsed;
}
var BlobMediaType = {
  ociLayerGzip: "application/vnd.oci.image.layer.v1.tar+gzip",
  dockerLayerGzip: "application/vnd.docker.image.rootfs.diff.tar.gzip",
  ociConfig: "application/vnd.oci.image.config.v1+json",
  dockerConfig: "application/vnd.docker.container.image.v1+json"
};

export {
  MediaType,
  IMAGE_MANIFEST_TYPES,
  MANIFEST_ACCEPT,
  manifestKind,
  isAttestation,
  layerCompression,
  parseManifest,
  BlobMediaType
};
