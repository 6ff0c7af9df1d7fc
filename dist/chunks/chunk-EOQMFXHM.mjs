import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/image/layer-paths.ts
var WHITEOUT_PREFIX = ".wh.";
var OPAQUE_MARKER = ".wh..wh..opq";
var WHITEOUT_META_PREFIX = ".wh..wh.";
function cleanComponents(name) {
  const parts = [];
  for (const part of name.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  return parts;
}
function normalizeLayerPath(name) {
  return cleanComponents(name).join("/");
}
function goClean(name) {
  const absolute = name.startsWith("/");
  const out = [];
  for (const part of name.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!absolute) out.push("..");
      continue;
    }
    out.push(part);
  }
  const joined = out.join("/");
  if (absolute) return `/${joined}`;
  return joined === "" ? "." : joined;
}
function joinPath(dir, name) {
  return dir === "" ? name : `${dir}/${name}`;
}
function parentOf(path) {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}
function baseOf(path) {
  return path.slice(path.lastIndexOf("/") + 1);
}
function isWithin(path, root) {
  return root === "" || path === root || path.startsWith(`${root}/`);
}

export {
  WHITEOUT_PREFIX,
  OPAQUE_MARKER,
  WHITEOUT_META_PREFIX,
  cleanComponents,
  normalizeLayerPath,
  goClean,
  joinPath,
  parentOf,
  baseOf,
  isWithin
};
