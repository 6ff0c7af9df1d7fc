import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/image/layer-paths.ts
var WHITEOUT = ".wh.";
var OPAQUE = ".wh..wh..opq";
function normalizeLayerPath(name) {
  const parts = [];
  for (const part of name.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") return void 0;
    parts.push(part);
  }
  return parts.join("/");
}
function classifyLayerPath(path) {
  const slash = path.lastIndexOf("/");
  const dir = slash === -1 ? "" : path.slice(0, slash);
  const base = path.slice(slash + 1);
  if (base === OPAQUE) return { kind: "opaque", dir };
  if (base.startsWith(WHITEOUT)) {
    const target = base.slice(WHITEOUT.length);
    return { kind: "whiteout", path: dir ? `${dir}/${target}` : target };
  }
  return { kind: "plain", path };
}
function isWithin(path, root) {
  return root === "" || path === root || path.startsWith(`${root}/`);
}
function isAncestor(path, of) {
  return path === "" ? of !== "" : of.startsWith(`${path}/`);
}
function resolveLink(linkPath, target) {
  if (target.startsWith("/")) return normalizeLayerPath(target);
  const slash = linkPath.lastIndexOf("/");
  const dir = slash === -1 ? "" : linkPath.slice(0, slash);
  const parts = dir ? dir.split("/") : [];
  for (const part of target.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  return parts.join("/");
}

export {
  normalizeLayerPath,
  classifyLayerPath,
  isWithin,
  isAncestor,
  resolveLink
};
