import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  TAG_RE,
  parseImageReference
} from "./chunk-2PSOF6JL.mjs";

// src/oci/base-reference.ts
var LAYOUT_SCHEMES = ["oci-layout://", "oci-archive://"];
function parseBaseImage(value) {
  for (const scheme of LAYOUT_SCHEMES) {
    if (!value.startsWith(scheme)) continue;
    const rest = value.slice(scheme.length);
    const colon = rest.lastIndexOf(":");
    const hasTag = colon > rest.lastIndexOf("/") && colon > 0;
    const path = hasTag ? rest.slice(0, colon) : rest;
    const tag = hasTag ? rest.slice(colon + 1) : void 0;
    if (path === "") throw new Error(`${scheme} needs a path, e.g. ${scheme}./base${scheme === "oci-archive://" ? ".oci.tar" : ""}`);
    if (tag !== void 0 && !TAG_RE.test(tag)) throw new Error(`"${tag}" is not a valid tag`);
    return { kind: scheme === "oci-layout://" ? "oci-layout" : "oci-archive", path, ...tag !== void 0 ? { tag } : {} };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) throw new Error(`unknown scheme in "${value}" (use a registry reference, oci-layout://DIR or oci-archive://FILE)`);
  return { kind: "registry", reference: value, ref: parseImageReference(value) };
}

export {
  LAYOUT_SCHEMES,
  parseBaseImage
};
