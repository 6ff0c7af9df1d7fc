import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  parseBaseImage
} from "./chunk-DKXU6VN5.mjs";
import "./chunk-NVZCJQUL.mjs";
import "./chunk-LMSPCY74.mjs";
import {
  InputError
} from "./chunk-ZWN2JR2B.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/build/engine-input.ts
var ENGINES = ["buildx", "registry"];
function parseEngine(raw) {
  const value = raw("engine").trim() || "buildx";
  if (!ENGINES.includes(value)) {
    throw new InputError("engine", { got: JSON.stringify(value), expected: ENGINES.join(" or "), fix: "set engine to buildx (the default) or registry (overlay mode without Docker)" });
  }
  return value;
}
function checkRegistryEngine(options, raw) {
  if (options.mode.kind !== "overlay") {
    throw new InputError("engine", {
      got: "registry, without base-image",
      expected: "engine: registry together with base-image (overlay mode)",
      fix: "set base-image to the image to make offline, or use engine: buildx for Dockerfile builds"
    });
  }
  try {
    parseBaseImage(options.mode.baseImage);
  } catch (error) {
    throw new InputError("base-image", {
      got: JSON.stringify(options.mode.baseImage),
      expected: "a registry reference (host/name:tag or @sha256:\u2026), oci-layout://DIR[:TAG] or oci-archive://FILE[:TAG]",
      fix: error.message
    }, { cause: error });
  }
  if (options.load) {
    throw new InputError("load", { got: "true with engine: registry", expected: "push and/or archive", fix: "push the image or write an archive (then `docker load -i` it), or use engine: buildx" });
  }
  if (raw("build-args").trim() !== "") {
    throw new InputError("build-args", { got: "build-args with engine: registry", expected: "no build-args: the registry engine runs no Dockerfile", fix: "remove build-args, or use engine: buildx" });
  }
  if (!options.push && !options.archive) {
    throw new InputError("engine", { got: "registry with neither push nor archive", expected: "push: true (with images) and/or archive: PATH", fix: "say where the image goes: push to a registry or write an OCI archive" });
  }
}
export {
  ENGINES,
  checkRegistryEngine,
  parseEngine
};
