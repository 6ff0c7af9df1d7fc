import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  parseBoolean,
  parseLines,
  parseList,
  readIndex
} from "./chunk-XIUCSGQF.mjs";
import {
  TAG_RE,
  openRepository,
  parseFullTag,
  parseImageName,
  sameRegistry,
  splitTag
} from "./chunk-YEYNGQTL.mjs";
import {
  pushByDigest,
  putManifest,
  withRetry
} from "./chunk-MQACBGSV.mjs";
import {
  credentialsFromDockerConfig
} from "./chunk-V7EFCGJB.mjs";
import {
  registrySource
} from "./chunk-TKJTEXPA.mjs";
import {
  RegistryFailure,
  parseImageReference
} from "./chunk-PUO7BHQP.mjs";
import {
  runDocker
} from "./chunk-5OAVNDHC.mjs";
import {
  BuildError,
  InputError
} from "./chunk-UI6KUO64.mjs";
import {
  init_define_ACTION_INPUTS
} from "./chunk-HPCM2IMK.mjs";

// src/build/merge.ts
init_define_ACTION_INPUTS();

// src/build/naming.ts
init_define_ACTION_INPUTS();

// src/build/flavor.ts
init_define_ACTION_INPUTS();
var LATEST_VALUES = ["auto", "true", "false"];
var DEFAULT_PREFIX = "offline-";
var TAG_PART = /^[\w.-]*$/;
var EXPECTED = "lines of latest=auto|true|false, prefix=<text>[,onlatest=true|false], suffix=<text>[,onlatest=true|false]";
function bad(got, fix) {
  throw new InputError("flavor", { got: JSON.stringify(got), expected: EXPECTED, fix });
}
function onLatest(line, attrs) {
  let value = false;
  for (const attr of attrs) {
    const [key, v] = attr.split("=", 2).map((s) => s.trim());
    if (key !== "onlatest" || v !== "true" && v !== "false") bad(line, "only onlatest=true or onlatest=false may follow prefix= or suffix=");
    value = v === "true";
  }
  return value;
}
function tagPart(input, value, got) {
  if (!TAG_PART.test(value)) {
    throw new InputError(input, { got: JSON.stringify(got), expected: 'letters, digits, "_", "." and "-" (it becomes part of a tag)', fix: "use a prefix or suffix a tag can hold, e.g. offline-" });
  }
  return value;
}
function parseFlavor(raw) {
  let latest = "auto";
  let prefix;
  let suffix = "";
  let prefixOnLatest = false;
  let suffixOnLatest = false;
  for (const line of parseLines(raw("flavor"))) {
    const [first = "", ...attrs] = line.split(",");
    const eq = first.indexOf("=");
    if (eq <= 0) bad(line, "write each flavor entry as key=value, e.g. latest=false");
    const key = first.slice(0, eq).trim();
    const value = first.slice(eq + 1).trim();
    if (key === "latest") {
      if (!LATEST_VALUES.includes(value) || attrs.length > 0) bad(line, "use latest=auto, latest=true or latest=false");
      latest = value;
    } else if (key === "prefix") {
      prefix = tagPart("flavor", value, line);
      prefixOnLatest = onLatest(line, attrs);
    } else if (key === "suffix") {
      suffix = tagPart("flavor", value, line);
      suffixOnLatest = onLatest(line, attrs);
    } else {
      bad(line, `"${key}" is not a flavor this action knows: use latest, prefix or suffix`);
    }
  }
  const legacy = raw("tag-prefix");
  let notice;
  tagPart("tag-prefix", legacy, legacy);
  if (legacy !== DEFAULT_PREFIX) {
    if (prefix !== void 0 && legacy !== "" && prefix !== legacy) {
      throw new InputError("tag-prefix", {
        got: `tag-prefix ${JSON.stringify(legacy)} and flavor prefix=${prefix}`,
        expected: "one prefix",
        fix: "remove tag-prefix (deprecated) and keep flavor: prefix=\u2026"
      });
    }
    notice = `tag-prefix is deprecated: write flavor: prefix=${legacy} instead (metadata-action's syntax; same tags)`;
  }
  prefix ??= legacy;
  const flavor = { latest, prefix, prefixOnLatest, suffix, suffixOnLatest };
  return notice ? { flavor, notice } : { flavor };
}
function prefixFlavor(prefix) {
  return { latest: "auto", prefix, prefixOnLatest: false, suffix: "", suffixOnLatest: false };
}

// src/build/tags.ts
init_define_ACTION_INPUTS();
var SEMVER = /^(v?)(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
var TAG_MAX = 128;
function sanitizeTag(text) {
  const cleaned = text.replace(/[^\w.-]/g, "-").replace(/^[.-]+/, "");
  return cleaned.slice(0, TAG_MAX);
}
function movingTag(prefix) {
  const trimmed = prefix.replace(/[-._]+$/, "");
  return trimmed === "" ? "latest" : trimmed;
}
function flavorMovingTag(flavor) {
  const base = flavor.prefixOnLatest ? `${flavor.prefix}latest` : movingTag(flavor.prefix);
  return flavor.suffixOnLatest ? `${base}${flavor.suffix}` : base;
}
function versionTags(version, flavorOrPrefix) {
  const flavor = typeof flavorOrPrefix === "string" ? prefixFlavor(flavorOrPrefix) : flavorOrPrefix;
  const { prefix, suffix } = flavor;
  const match = SEMVER.exec(version);
  const [, v = "", major = "", minor = "", , pre, build] = match ?? [];
  const release = match !== null && pre === void 0 && build === void 0;
  const tags = release ? [`${prefix}${version}${suffix}`, `${prefix}${v}${major}.${minor}${suffix}`] : [sanitizeTag(`${prefix}${version}${suffix}`)];
  if (release && major !== "0") tags.push(`${prefix}${v}${major}${suffix}`);
  if (flavor.latest === "true" || flavor.latest === "auto" && release) tags.push(flavorMovingTag(flavor));
  return [...new Set(tags.filter((tag) => TAG_RE.test(tag)))];
}
function imageTags(images, tags, extra) {
  const out = [];
  for (const image of images) for (const tag of tags) out.push(`${image}:${tag}`);
  for (const item of extra) {
    if (item.includes(":") || item.includes("/")) out.push(item);
    else for (const image of images) out.push(`${image}:${item}`);
  }
  return [...new Set(out)];
}
function defaultVersion(git) {
  if (git.ref?.startsWith("refs/tags/")) return git.ref.slice("refs/tags/".length);
  if (git.sha) return git.sha.slice(0, 7);
  return void 0;
}

// src/build/naming.ts
function lowerName(item) {
  const { name, tag } = splitTag(item);
  return tag === void 0 ? name.toLowerCase() : `${name.toLowerCase()}:${tag}`;
}
function parseTagItem(item) {
  if (item.includes(":") || item.includes("/")) return parseFullTag("tags", lowerName(item));
  if (!TAG_RE.test(item)) {
    throw new InputError("tags", { got: JSON.stringify(item), expected: "name:tag, or a bare tag [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}", fix: "fix the tag" });
  }
  return item;
}
function isFull(tag) {
  return tag.includes(":") || tag.includes("/");
}
function readNaming(raw) {
  const { flavor, notice } = parseFlavor(raw);
  const given = parseList(raw("images")).map((item) => parseImageName("images", item.includes("@") ? item : lowerName(item)));
  const extraTags = parseList(raw("tags")).map(parseTagItem);
  const bare = extraTags.filter((tag) => !isFull(tag));
  if (bare.length > 0 && given.length === 0) {
    throw new InputError("tags", {
      got: JSON.stringify(bare.join(", ")),
      expected: "full references (name:tag), or bare tags together with images",
      fix: "set images (the names bare tags go on) or write the tags as name:tag"
    });
  }
  const images = given.length > 0 ? given : [...new Set(extraTags.filter(isFull).map((tag) => splitTag(tag).name))];
  const version = raw("version").trim();
  if (version !== "" && (!/^[\w.-]+$/.test(version) || !TAG_RE.test(`${flavor.prefix}${version}${flavor.suffix}`))) {
    throw new InputError("version", {
      got: JSON.stringify(raw("version")),
      expected: 'letters, digits, "_", "." and "-" (a tag must be [A-Za-z0-9_][A-Za-z0-9_.-]{0,127} with the prefix and suffix)',
      fix: "give a version a tag can hold, e.g. v1.2.3 (build metadata such as +sha is not allowed in tags)"
    });
  }
  return {
    images: [...new Set(images)],
    imagesFromTags: given.length === 0 && images.length > 0,
    ...version !== "" ? { givenVersion: version } : {},
    flavor,
    extraTags,
    notices: notice ? [notice] : []
  };
}
function nameTags(naming, git) {
  const fallback = naming.givenVersion === void 0 ? defaultVersion(git) : void 0;
  const version = naming.givenVersion ?? (fallback === void 0 ? void 0 : sanitizeTag(fallback));
  const tagged = naming.imagesFromTags ? [] : naming.images;
  const tags = version === void 0 && naming.extraTags.length === 0 ? [] : imageTags(tagged, version === void 0 ? [] : versionTags(version, naming.flavor), naming.extraTags);
  return { ...version !== void 0 ? { version } : {}, tags };
}

// src/build/merge.ts
var DIGEST = /^sha256:[a-f0-9]{64}$/;
var BARE_HEX = /^[a-f0-9]{64}$/;
function dockerRunner(deps) {
  return (argv, options) => runDocker(argv, deps, options);
}
function parseMergeDigests(raw) {
  const seen = /* @__PURE__ */ new Set();
  for (const item of parseList(raw)) {
    const digest = BARE_HEX.test(item) ? `sha256:${item}` : item;
    if (!DIGEST.test(digest)) {
      throw new InputError("merge-digests", {
        got: JSON.stringify(item),
        expected: "sha256:<64 lower-case hex digits>, one per line or comma-separated",
        fix: "pass the `digest` output of each per-platform job (push-by-digest: true) unchanged"
      });
    }
    seen.add(digest);
  }
  return [...seen];
}
function readMergeInputs(raw) {
  if (raw("merge-digests").trim() === "") return void 0;
  const digests = parseMergeDigests(raw("merge-digests"));
  if (digests.length === 0) {
    throw new InputError("merge-digests", {
      got: JSON.stringify(raw("merge-digests")),
      expected: "at least one sha256:\u2026 digest",
      fix: "pass the digests of the per-platform jobs, or leave merge-digests empty to build"
    });
  }
  if (parseBoolean("push-by-digest", raw("push-by-digest"), false)) {
    throw new InputError("push-by-digest", {
      got: "true together with merge-digests",
      expected: "push-by-digest in the per-platform jobs, merge-digests in the merge job",
      fix: "set push-by-digest: true only in the per-platform jobs; the merge job sets merge-digests"
    });
  }
  for (const name of ["archive", "base-image"]) {
    if (raw(name).trim() !== "") {
      throw new InputError(name, {
        got: JSON.stringify(raw(name)),
        expected: `no ${name} in merge mode (merge-digests is set, so no build runs)`,
        fix: `move ${name} to the per-platform jobs, or leave merge-digests empty`
      });
    }
  }
  const naming = readNaming(raw);
  if (naming.images.length === 0) {
    throw new InputError("images", {
      got: '""',
      expected: "the image name(s) the per-platform jobs pushed to, e.g. ghcr.io/org/one-api",
      fix: "set images: to the same value as in the per-platform jobs"
    });
  }
  return { digests, naming };
}
function resolveMerge(draft, facts = {}) {
  const { tags, version } = nameTags(draft.naming, { ref: facts.gitRef, sha: facts.sha });
  if (tags.length === 0) {
    throw new InputError("version", {
      got: "(empty, and no git tag or commit known)",
      expected: "a version (or tags) to tag the merged index with",
      fix: "set version (e.g. v1.2.3) or tags in the merge job"
    });
  }
  return { images: draft.naming.images, digests: draft.digests, tags, ...version !== void 0 ? { version } : {} };
}
function parseMergeInputs(raw, facts = {}) {
  const draft = readMergeInputs(raw);
  return draft && resolveMerge(draft, facts);
}
function mergeArgs(images, tags, digests, options = {}) {
  const source = images[0];
  if (source === void 0) throw new InputError("images", { got: '""', expected: "at least one image name", fix: "set images:" });
  parseImageName("images", source);
  if (tags.length === 0) {
    throw new InputError("tags", {
      got: "no tags",
      expected: "at least one tag for the merged index",
      fix: "set version (or run on a tag), or add tags:"
    });
  }
  for (const tag of tags) parseFullTag("tags", tag);
  if (digests.length === 0) throw new InputError("merge-digests", { got: '""', expected: "at least one digest", fix: "set merge-digests:" });
  for (const digest of digests) {
    if (!DIGEST.test(digest)) throw new InputError("merge-digests", { got: JSON.stringify(digest), expected: "sha256:<64 hex>", fix: "pass each job's digest output" });
  }
  const builder = options.builder ? ["--builder", options.builder] : [];
  const annotations = (options.annotations ?? []).flatMap((annotation) => ["--annotation", annotation]);
  return ["buildx", "imagetools", "create", ...builder, ...annotations, "--dry-run", ...digests.map((digest) => `${source}@${digest}`)];
}
async function mergeImages(options, deps) {
  const tags = [...new Set(options.tags)];
  const builderOption = deps.builder ? { builder: deps.builder } : {};
  const argv = mergeArgs(options.images, tags, options.digests, { ...builderOption, ...options.annotations ? { annotations: options.annotations } : {} });
  const printed = await step(() => deps.run(argv, { echo: false, what: "docker buildx imagetools create --dry-run" }), "create");
  const raw = printed.stdout.endsWith("\n") ? printed.stdout.slice(0, -1) : printed.stdout;
  const index = readIndex(raw);
  const platforms = index.manifests.map((m) => m.platform);
  const twice = platforms.filter((p, i) => platforms.indexOf(p) !== i);
  if (twice.length > 0) {
    throw new BuildError({
      what: "the merged index lists a platform more than once",
      got: platforms.join(", "),
      expected: "one digest per platform",
      fix: `pass one digest per platform in merge-digests (duplicated: ${[...new Set(twice)].join(", ")})`
    });
  }
  const bytes = Buffer.from(raw, "utf8");
  const mediaType = JSON.parse(raw).mediaType ?? "application/vnd.oci.image.index.v1+json";
  const [first, ...others] = [.../* @__PURE__ */ new Set([...options.images, ...tags.map((t) => splitTag(t).name)])];
  const log = deps.log;
  try {
    const http = openRepository(first, deps);
    await withRetry(`PUT ${first}@${index.digest}`, () => putManifest(http, index.digest, bytes, mediaType), { log });
    for (const name of others) {
      const source = registrySource({ reference: `${first}@${index.digest}`, ...credentialsFor(first, deps) }, deps.fetch ?? fetch);
      const target = openRepository(name, deps);
      await pushByDigest(source, target, { log, mountFrom: sameRegistry(http, target) ? http.endpoint.repository : void 0 });
    }
  } catch (error) {
    throw new BuildError(
      {
        what: "pushing the merged index by digest failed (no tag was written)",
        got: error.message,
        expected: "every digest pushed to the first image name, and push access to every repository",
        fix: error instanceof RegistryFailure ? error.fix : "check the registry and rerun the merge job"
      },
      { cause: error }
    );
  }
  return { ...index, tags, raw };
}
function credentialsFor(name, access) {
  const credentials = access.dockerConfig ? credentialsFromDockerConfig(access.dockerConfig, parseImageReference(name).registry) : void 0;
  return credentials ? { credentials } : {};
}
async function step(run, verb) {
  try {
    return await run();
  } catch (error) {
    const got = error instanceof BuildError ? error.problem.got ?? error.message : String(error);
    throw new BuildError(
      {
        what: `docker buildx imagetools ${verb} failed while merging the per-platform digests`,
        got,
        expected: "every digest pushed to the first image name, and push access to every tag",
        fix: "check that the per-platform jobs pushed to the same images and that the merge job is logged in to every registry"
      },
      { cause: error }
    );
  }
}

export {
  readNaming,
  nameTags,
  dockerRunner,
  parseMergeDigests,
  readMergeInputs,
  resolveMerge,
  parseMergeInputs,
  mergeArgs,
  mergeImages
};
