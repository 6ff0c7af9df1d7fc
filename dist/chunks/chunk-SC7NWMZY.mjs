import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  cacheFileName
} from "./chunk-4CAFWHQW.mjs";
import {
  stripCredentials
} from "./chunk-AMMJLJJB.mjs";

// src/encoders/manifest.ts
var MANIFEST_FILE = "manifest.json";
var MANIFEST_SCHEMA = 1;
var MANIFEST_GENERATOR = "oneapi-offline-action";
function buildManifest(files, sizes = /* @__PURE__ */ new Map()) {
  const entries = files.map((file) => {
    const size = file.size ?? sizes.get(file.id);
    if (size === void 0) throw new Error(`internal: no size for ${file.id}`);
    return { id: file.id, encodings: [...file.encodings], url: stripCredentials(file.url), sha256: file.sha256, size, cacheFile: file.cacheFile };
  }).sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const encodings = [...new Set(entries.flatMap((entry) => entry.encodings))].sort();
  return { schema: MANIFEST_SCHEMA, generator: MANIFEST_GENERATOR, encodings, files: entries };
}
function serializeManifest(manifest) {
  return `${JSON.stringify(manifest, null, 2)}
`;
}
var ENTRY_KEYS = ["cacheFile", "encodings", "id", "sha256", "size", "url"].join();
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function ownEntry(entry, legacy) {
  if (!isObject(entry)) return void 0;
  const { cacheFile, url } = entry;
  if (typeof cacheFile !== "string" || !/^[0-9a-f]{40}$/.test(cacheFile)) return void 0;
  if (!legacy) return cacheFile;
  return Object.keys(entry).sort().join() === ENTRY_KEYS && typeof url === "string" && cacheFileName(url) === cacheFile ? cacheFile : void 0;
}
function manifestOwnership(text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: "foreign", reason: "it is not JSON" };
  }
  if (!isObject(parsed)) return { kind: "foreign", reason: "it is not a JSON object" };
  const legacy = parsed["generator"] === void 0 && Object.keys(parsed).sort().join() === "encodings,files,schema";
  if (parsed["generator"] !== MANIFEST_GENERATOR && !legacy) {
    const by = typeof parsed["generator"] === "string" ? `generator "${parsed["generator"]}"` : `no "generator": "${MANIFEST_GENERATOR}"`;
    return { kind: "foreign", reason: `it was not written by this action (${by})` };
  }
  if (parsed["schema"] !== MANIFEST_SCHEMA || !Array.isArray(parsed["files"])) {
    return { kind: "foreign", reason: `schema ${JSON.stringify(parsed["schema"])} with ${Array.isArray(parsed["files"]) ? "files" : "no file list"}; this version reads schema ${MANIFEST_SCHEMA}` };
  }
  const files = [];
  for (const entry of parsed["files"]) {
    const name = ownEntry(entry, legacy);
    if (name === void 0) return { kind: "foreign", reason: `an entry is not one this action writes: ${JSON.stringify(entry).slice(0, 120)}` };
    files.push(name);
  }
  return { kind: "ours", files };
}
function listedCacheFiles(text) {
  try {
    const parsed = JSON.parse(text);
    if (!isObject(parsed) || !Array.isArray(parsed["files"])) return [];
    return parsed["files"].map((entry) => isObject(entry) && typeof entry["cacheFile"] === "string" ? entry["cacheFile"] : "").filter((name) => /^[0-9a-f]{40}$/.test(name));
  } catch {
    return [];
  }
}

export {
  MANIFEST_FILE,
  buildManifest,
  serializeManifest,
  manifestOwnership,
  listedCacheFiles
};
