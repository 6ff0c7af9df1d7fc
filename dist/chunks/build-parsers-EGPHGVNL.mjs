import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  buildxStoreDir,
  builtWith,
  checkBuilderPlatforms,
  parseBuilderDriver,
  parseBuilderName,
  parseBuilderNames,
  parseBuilderPlatforms,
  parseContainerdStore,
  parseInstance,
  probeEngine,
  storedBuilderFacts
} from "./chunk-5CHQ62RT.mjs";
import "./chunk-HPA36ARU.mjs";
import {
  parseBuildInputs,
  parseEpoch,
  readBuildInputs,
  resolveBuildOptions
} from "./chunk-XAEFAGUB.mjs";
import {
  CACHE_CONTEXT,
  buildFlagArgs,
  parseBuildFlags
} from "./chunk-JGT2WQRC.mjs";
import "./chunk-EVVRLWBB.mjs";
import "./chunk-4WGFL6B3.mjs";
import "./chunk-C5YV2EB3.mjs";
import "./chunk-M6FE5M2X.mjs";
import "./chunk-A6RT5XB2.mjs";
import {
  ANNOTATION_LEVELS,
  annotationArgs,
  indexAnnotationArgs,
  parseAnnotation,
  parseAnnotations
} from "./chunk-3BYEKZ6U.mjs";
import {
  parseBaseImage
} from "./chunk-Q2XS5W2M.mjs";
import "./chunk-2PSOF6JL.mjs";
import {
  KNOWN_ARCHITECTURES,
  checkBasePlatforms,
  parsePlatform,
  parsePlatforms
} from "./chunk-RBTM2AGB.mjs";
import "./chunk-DOLB5LDS.mjs";
import "./chunk-GB2XVR7V.mjs";
import "./chunk-5NV5H2XR.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-AMMJLJJB.mjs";
import {
  InputError
} from "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/build/dockerfile-from.ts
function instructions(text) {
  const lines = text.split(/\r?\n/);
  let escape = "\\";
  for (const line of lines) {
    const directive = /^#\s*escape\s*=\s*([\\`])\s*$/i.exec(line);
    if (directive?.[1]) escape = directive[1];
    else if (!/^#\s*\w+\s*=/.test(line)) break;
  }
  const out = [];
  let current = "";
  for (const line of lines) {
    if (/^\s*#/.test(line)) continue;
    const trimmed = line.replace(/\s+$/, "");
    if (trimmed.endsWith(escape)) {
      current += `${trimmed.slice(0, -1)} `;
      continue;
    }
    current += trimmed;
    const match = /^\s*(\w+)\s*(.*)$/.exec(current);
    if (match?.[1]) out.push([match[1].toUpperCase(), match[2] ?? ""]);
    current = "";
  }
  return out;
}
function substitute(text, args) {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+][^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced, bare) => {
    const name = braced ?? bare ?? "";
    const value = args.get(name);
    if (value !== void 0) return value;
    const dflt = /^\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}$/.exec(whole);
    return dflt ? dflt[1] ?? "" : whole;
  });
}
function dockerfileFromImages(text, buildArgs, contexts) {
  const given = new Map(buildArgs);
  const globals = /* @__PURE__ */ new Map();
  const stages = /* @__PURE__ */ new Set();
  const named = new Set(contexts.map((c) => c.toLowerCase()));
  const images = [];
  const skipped = [];
  let seenFrom = false;
  for (const [keyword, rest] of instructions(text)) {
    if (keyword === "ARG" && !seenFrom) {
      for (const decl of rest.split(/\s+/).filter(Boolean)) {
        const eq = decl.indexOf("=");
        const name = eq < 0 ? decl : decl.slice(0, eq);
        const dflt = eq < 0 ? void 0 : decl.slice(eq + 1).replace(/^"(.*)"$/, "$1").replace(/^'(.*)'$/, "$1");
        const value = given.get(name) ?? (dflt === void 0 ? void 0 : substitute(dflt, globals));
        if (value !== void 0) globals.set(name, value);
      }
      continue;
    }
    if (keyword !== "FROM") continue;
    seenFrom = true;
    const later = [];
    const words = rest.split(/\s+/).filter(Boolean);
    const flags = words.filter((w) => w.startsWith("--"));
    const [ref = "", as, stage] = words.filter((w) => !w.startsWith("--"));
    if (as?.toUpperCase() === "AS" && stage) later.push(stage.toLowerCase());
    const platformFlag = flags.find((f) => f.startsWith("--platform="));
    const resolved = substitute(ref, globals);
    const lower = resolved.toLowerCase();
    if (platformFlag && /\$\{?BUILDPLATFORM\b/.test(platformFlag)) skipped.push({ ref, why: "runs on the build platform (--platform=$BUILDPLATFORM)" });
    else if (resolved.includes("$")) skipped.push({ ref, why: "depends on an ARG with no value" });
    else if (lower === "scratch") skipped.push({ ref, why: "scratch is empty, any platform" });
    else if (stages.has(lower)) skipped.push({ ref, why: "an earlier build stage" });
    else if (named.has(lower)) skipped.push({ ref, why: "a named build context" });
    else if (platformFlag && !/\$\{?TARGETPLATFORM\b/.test(platformFlag)) skipped.push({ ref, why: `pinned to ${platformFlag.slice("--platform=".length)}` });
    else if (!images.includes(resolved)) images.push(resolved);
    for (const name of later) stages.add(name);
  }
  return { images, skipped };
}

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
  if (raw("annotations").trim() !== "") {
    throw new InputError("annotations", {
      got: "annotations with engine: registry",
      expected: "no annotations: the registry engine does not write them into its manifests or index (labels it does apply)",
      fix: "remove annotations (pass metadata-action's labels alone), or use engine: buildx"
    });
  }
  if (!options.push && !options.archive) {
    throw new InputError("engine", { got: "registry with neither push nor archive", expected: "push: true (with images) and/or archive: PATH", fix: "say where the image goes: push to a registry or write an OCI archive" });
  }
}
export {
  ANNOTATION_LEVELS,
  CACHE_CONTEXT,
  ENGINES,
  KNOWN_ARCHITECTURES,
  annotationArgs,
  buildFlagArgs,
  buildxStoreDir,
  builtWith,
  checkBasePlatforms,
  checkBuilderPlatforms,
  checkRegistryEngine,
  dockerfileFromImages,
  indexAnnotationArgs,
  parseAnnotation,
  parseAnnotations,
  parseBuildFlags,
  parseBuildInputs,
  parseBuilderDriver,
  parseBuilderName,
  parseBuilderNames,
  parseBuilderPlatforms,
  parseContainerdStore,
  parseEngine,
  parseEpoch,
  parseInstance,
  parsePlatform,
  parsePlatforms,
  probeEngine,
  readBuildInputs,
  resolveBuildOptions,
  storedBuilderFacts
};
