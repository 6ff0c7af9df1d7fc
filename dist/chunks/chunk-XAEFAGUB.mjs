import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  parseBuildFlags,
  parseSecrets
} from "./chunk-JGT2WQRC.mjs";
import {
  PROVENANCE_VALUES,
  chooseProvenance,
  proxyBuildArgs,
  proxyOfBuildArgs,
  proxySecrets
} from "./chunk-EVVRLWBB.mjs";
import {
  pinCreated
} from "./chunk-4WGFL6B3.mjs";
import {
  mergePairs,
  ociLabels
} from "./chunk-C5YV2EB3.mjs";
import {
  nameTags,
  readNaming
} from "./chunk-M6FE5M2X.mjs";
import {
  annotationArgs,
  parseAnnotations
} from "./chunk-3BYEKZ6U.mjs";
import {
  LAYOUT_SCHEMES
} from "./chunk-Q2XS5W2M.mjs";
import {
  lowercaseName
} from "./chunk-2PSOF6JL.mjs";
import {
  parsePlatforms
} from "./chunk-RBTM2AGB.mjs";
import {
  parseBoolean,
  parseKeyValues
} from "./chunk-5NV5H2XR.mjs";
import {
  InputError
} from "./chunk-SENFWAUD.mjs";

// src/build/cache-path-guard.ts
var TOP = ["bin", "boot", "dev", "etc", "home", "lib", "lib32", "lib64", "libx32", "media", "mnt", "opt", "proc", "root", "run", "sbin", "srv", "sys", "tmp", "usr", "var", "data", "app"];
var BELOW_USR = ["bin", "include", "lib", "lib32", "lib64", "libexec", "local", "sbin", "share", "src", "local/bin", "local/lib", "local/sbin", "local/share"];
var BELOW_VAR = ["cache", "lib", "local", "log", "mail", "opt", "run", "spool", "tmp", "www"];
var SHARED = /* @__PURE__ */ new Set([...TOP.map((d) => `/${d}`), ...BELOW_USR.map((d) => `/usr/${d}`), ...BELOW_VAR.map((d) => `/var/${d}`)]);
function checkOverlayCachePath(cachePath) {
  const folder = cachePath.replace(/\/+/g, "/").replace(/\/$/, "");
  if (!SHARED.has(folder)) return;
  throw new InputError("cache-path", {
    what: `cache-path ${cachePath} is a folder base images fill themselves`,
    got: JSON.stringify(cachePath),
    expected: "a folder of its own: overlay mode hides whatever the base has in cache-path, so the image keeps only the encoder files there",
    fix: `use a folder of its own, such as /tiktoken_cache (the default) or ${folder}/tiktoken`
  });
}

// src/build/options.ts
var ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function noControl(input, value) {
  if (/[\r\n\0]/.test(value)) {
    throw new InputError(input, { got: JSON.stringify(value), expected: "a single line", fix: `remove the line break from ${input}` });
  }
  return value;
}
function parseEpoch(raw, fallback) {
  const value = raw.trim();
  if (value === "") return fallback;
  if (!/^\d{1,12}$/.test(value)) {
    throw new InputError("source-date-epoch", {
      got: JSON.stringify(raw),
      expected: "Unix seconds, e.g. 1700000000",
      fix: "set source-date-epoch to an integer number of seconds (git log -1 --format=%ct)"
    });
  }
  return Number(value);
}
function parseUserBuildArgs(raw) {
  return parseKeyValues("build-args", raw).map(([key, value]) => {
    if (!ARG_NAME.test(key)) {
      throw new InputError("build-args", { got: JSON.stringify(key), expected: "an ARG name like NODE_VERSION", fix: 'use letters, digits and "_" in build-arg names' });
    }
    if (key === "SOURCE_DATE_EPOCH") {
      throw new InputError("build-args", { got: `SOURCE_DATE_EPOCH=${value}`, expected: "no SOURCE_DATE_EPOCH here", fix: "set the source-date-epoch input instead" });
    }
    return [key, value];
  });
}
function parseMode(raw) {
  const baseImage = noControl("base-image", raw("base-image").trim());
  const file = noControl("file", raw("file").trim());
  const context = noControl("context", raw("context").trim()) || ".";
  if (baseImage && file) {
    throw new InputError("base-image", {
      got: `base-image ${JSON.stringify(baseImage)} and file ${JSON.stringify(file)}`,
      expected: "either base-image (overlay mode) or file/context (Dockerfile mode)",
      fix: "remove one of the two inputs"
    });
  }
  if (baseImage) {
    if (/\s/.test(baseImage) || baseImage.includes(",")) {
      throw new InputError("base-image", { got: JSON.stringify(baseImage), expected: "one image reference, e.g. justsong/one-api:v0.6.10", fix: "give a single image reference" });
    }
    return { kind: "overlay", baseImage: LAYOUT_SCHEMES.some((scheme) => baseImage.startsWith(scheme)) ? baseImage : lowercaseName(baseImage) };
  }
  return file ? { kind: "dockerfile", context, file } : { kind: "dockerfile", context };
}
function parseCachePath(raw) {
  const value = noControl("cache-path", raw.trim()) || "/tiktoken_cache";
  if (!value.startsWith("/") || /^\/+$/.test(value) || value.split("/").includes("..") || /[\s,"'$]/.test(value)) {
    throw new InputError("cache-path", {
      got: JSON.stringify(raw),
      expected: 'an absolute folder inside the image (not / itself) without spaces, quotes, "$" or "..", e.g. /tiktoken_cache',
      fix: "set cache-path to an absolute path such as /tiktoken_cache (keep it outside volumes like /data)"
    });
  }
  return value.length > 1 ? value.replace(/\/+$/, "") : value;
}
function readBuildInputs(raw, facts) {
  const mode = parseMode(raw);
  const cachePath = parseCachePath(raw("cache-path"));
  if (mode.kind === "overlay") checkOverlayCachePath(cachePath);
  const platformsRaw = raw("platforms").trim() || "linux/amd64,linux/arm64";
  if (platformsRaw === "auto" && mode.kind !== "overlay") {
    throw new InputError("platforms", {
      got: '"auto"',
      expected: "a platform list in Dockerfile mode (auto follows base-image, in overlay mode)",
      fix: "list the platforms, e.g. linux/amd64,linux/arm64 (a FROM image lacking one is named before the build)"
    });
  }
  const platforms = platformsRaw === "auto" ? void 0 : parsePlatforms(platformsRaw);
  const builder = noControl("builder", raw("builder").trim());
  const naming = readNaming(raw);
  const push = parseBoolean("push", raw("push"), false);
  const pushByDigest = parseBoolean("push-by-digest", raw("push-by-digest"), false);
  const load = parseBoolean("load", raw("load"), false);
  const archive = noControl("archive", raw("archive").trim());
  if (/[,"]/.test(archive)) {
    throw new InputError("archive", { got: JSON.stringify(archive), expected: `a file path without "," or '"'`, fix: "choose an archive path without commas or quotes (buildx reads it as CSV)" });
  }
  const givenEpoch = parseEpoch(raw("source-date-epoch"), void 0);
  const provenanceRaw = raw("provenance").trim();
  if (!PROVENANCE_VALUES.includes(provenanceRaw)) {
    throw new InputError("provenance", { got: JSON.stringify(provenanceRaw), expected: "false, true, mode=min or mode=max", fix: "leave provenance empty for buildx's default or pick one of those" });
  }
  if ((push || pushByDigest) && naming.images.length === 0) {
    throw new InputError(pushByDigest ? "push-by-digest" : "push", { got: "true with no images", expected: 'at least one image name in "images" (or full name:tag references in "tags")', fix: "set images (e.g. ghcr.io/org/one-api) or push: false" });
  }
  return {
    mode,
    cacheDir: facts.cacheDir,
    cachePath,
    ...platforms ? { platforms } : {},
    ...builder ? { builder } : {},
    naming,
    push,
    pushByDigest,
    load,
    ...archive ? { archive } : {},
    ...givenEpoch !== void 0 ? { givenEpoch } : {},
    provenanceRaw,
    userBuildArgs: parseUserBuildArgs(raw("build-args")),
    userLabels: parseKeyValues("labels", raw("labels")),
    annotations: parseAnnotations(raw("annotations")),
    keepCreated: parseBoolean("keep-created", raw("keep-created"), false),
    flags: parseBuildFlags(raw, mode.kind === "overlay"),
    buildSecrets: parseSecrets(raw),
    proxy: facts.proxy,
    verify: parseBoolean("verify", raw("verify"), true)
  };
}
function resolveBuildOptions(draft, facts) {
  const platforms = draft.platforms ?? facts.basePlatforms;
  if (platforms === void 0 || platforms.length === 0) {
    throw new InputError("platforms", { got: '"auto"', expected: "a base image whose platforms can be read", fix: "list the platforms instead of auto" });
  }
  if (draft.load && platforms.length > 1 && !facts.engineLoadsMultiPlatform) {
    throw new InputError("load", {
      got: `true with ${platforms.length} platforms (${platforms.join(", ")})`,
      expected: "one platform, unless the engine uses the containerd image store",
      fix: "load a single platform, push instead, write an archive, or enable the containerd image store"
    });
  }
  const { version, versionTag, tags } = nameTags(draft.naming, { ref: facts.gitRef, sha: facts.sha });
  if (draft.naming.images.length > 0 && tags.length === 0 && !draft.pushByDigest) {
    throw new InputError("version", { got: "(empty, and no git tag or commit known)", expected: "a version to make tags from", fix: "set version (e.g. v1.2.3) or tags" });
  }
  const epoch = draft.givenEpoch ?? facts.commitTime;
  const buildArgs = mergePairs(proxyBuildArgs(draft.proxy), draft.userBuildArgs);
  if (epoch !== void 0) buildArgs.push(["SOURCE_DATE_EPOCH", String(epoch)]);
  const buildProxy = proxyOfBuildArgs(buildArgs);
  const provenance = chooseProvenance(draft.provenanceRaw, buildProxy);
  const given = pinCreated({ labels: draft.userLabels, annotations: draft.annotations }, epoch, draft.keepCreated);
  const labels = mergePairs(ociLabels({ version, revision: facts.sha, source: facts.repositoryUrl, sourceDateEpoch: epoch }), given.labels);
  const secretValues = draft.buildSecrets.flatMap((s) => s.from === "value" ? [s.value] : []);
  return {
    mode: draft.mode,
    cacheDir: draft.cacheDir,
    cachePath: draft.cachePath,
    platforms,
    ...draft.builder ? { builder: draft.builder } : {},
    buildArgs,
    labels,
    annotations: annotationArgs(given.annotations, platforms.length),
    images: draft.naming.images,
    ...version !== void 0 ? { version } : {},
    ...versionTag !== void 0 ? { versionTag } : {},
    tags,
    push: draft.push || draft.pushByDigest,
    pushByDigest: draft.pushByDigest,
    load: draft.load,
    ...draft.archive ? { archive: draft.archive } : {},
    ...provenance.flag ? { provenance: provenance.flag } : {},
    ...provenance.notice ? { provenanceNotice: provenance.notice } : {},
    ...given.notice ? { createdNotice: given.notice } : {},
    ...epoch !== void 0 ? { sourceDateEpoch: epoch } : {},
    verify: draft.verify,
    flags: draft.flags,
    buildSecrets: draft.buildSecrets,
    secrets: [.../* @__PURE__ */ new Set([...proxySecrets(draft.proxy), ...proxySecrets(buildProxy), ...secretValues])]
  };
}
function parseBuildInputs(raw, facts) {
  return resolveBuildOptions(readBuildInputs(raw, facts), facts);
}

export {
  parseEpoch,
  readBuildInputs,
  resolveBuildOptions,
  parseBuildInputs
};
