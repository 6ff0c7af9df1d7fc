import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  runDocker
} from "./chunk-7VLGP4TU.mjs";
import {
  BuildError,
  InputError
} from "./chunk-22DLFXIZ.mjs";

// src/inputs/scalars.ts
var TRUE = /* @__PURE__ */ new Set(["true", "True", "TRUE"]);
var FALSE = /* @__PURE__ */ new Set(["false", "False", "FALSE"]);
function parseBoolean(name, raw, fallback) {
  const value = raw.trim();
  if (value === "") return fallback;
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw new InputError(name, {
    got: JSON.stringify(raw),
    expected: "true or false",
    fix: `set ${name}: true or ${name}: false (or leave it out for ${fallback})`
  });
}
function parseList(raw) {
  return raw.split(/\r?\n/).filter((line) => !line.trimStart().startsWith("#")).flatMap((line) => line.split(",")).map((item) => item.trim()).filter((item) => item !== "");
}
function parseLines(raw) {
  return raw.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#"));
}
function parseKeyValues(name, raw) {
  return parseLines(raw).map((line) => {
    const eq = line.indexOf("=");
    if (eq <= 0) {
      throw new InputError(name, {
        got: JSON.stringify(line),
        expected: "one KEY=VALUE per line",
        fix: `write each entry of ${name} as KEY=VALUE on its own line`
      });
    }
    return [line.slice(0, eq).trim(), line.slice(eq + 1)];
  });
}

// src/build/reference.ts
var ALNUM = "[a-z0-9]+";
var SEPARATOR = "(?:[._]|__|[-]+)";
var PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
var DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
var DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
var PATH_RE = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
var DOMAIN_RE = new RegExp(`^${DOMAIN}$`);
var TAG_RE = /^[\w][\w.-]{0,127}$/;
var NAME_MAX = 255;
function splitDomain(name) {
  const slash = name.indexOf("/");
  if (slash < 0) return { path: name };
  const first = name.slice(0, slash);
  if (first.includes(".") || first.includes(":") || first === "localhost" || first !== first.toLowerCase()) {
    return { domain: first, path: name.slice(slash + 1) };
  }
  return { path: name };
}
function nameProblem(name) {
  if (name === "") return "the name is empty";
  if (name.length > NAME_MAX) return `the name is longer than ${NAME_MAX} characters`;
  const { domain, path } = splitDomain(name);
  if (domain !== void 0 && !/[.:]/.test(domain) && domain !== "localhost") return "repository names must be lowercase";
  if (domain !== void 0 && !DOMAIN_RE.test(domain)) return `"${domain}" is not a registry host[:port]`;
  if (path !== path.toLowerCase()) return "repository names must be lowercase";
  if (!PATH_RE.test(path)) return 'each path component must be lowercase letters and digits, separated by ".", "_", "__" or "-"';
  return void 0;
}
function splitTag(ref) {
  const colon = ref.lastIndexOf(":");
  if (colon > ref.lastIndexOf("/")) return { name: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { name: ref };
}
function parseImageName(input, item) {
  const expected = "a repository name such as ghcr.io/org/one-api (lowercase, no tag, no digest)";
  if (item.includes("@")) {
    throw new InputError(input, { got: JSON.stringify(item), expected, fix: "drop the @digest: tags come from version, tag-prefix and tags" });
  }
  const { name, tag } = splitTag(item);
  if (tag !== void 0 && TAG_RE.test(tag) && nameProblem(name) === void 0) {
    throw new InputError(input, { got: JSON.stringify(item), expected, fix: `drop ":${tag}" here and put the full tag in "tags" (or set "version")` });
  }
  const problem = nameProblem(item);
  if (problem) throw new InputError(input, { got: JSON.stringify(item), expected, fix: `${problem}; fix the name` });
  return item;
}
function parseFullTag(input, item) {
  const expected = "name:tag, e.g. ghcr.io/org/one-api:offline-stable, tag matching [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
  const { name, tag } = splitTag(item);
  if (item.includes("@") || tag === void 0) {
    throw new InputError(input, { got: JSON.stringify(item), expected, fix: "give each extra tag as name:tag" });
  }
  if (!TAG_RE.test(tag)) {
    throw new InputError(input, { got: JSON.stringify(item), expected, fix: `"${tag}" is not a valid tag: use letters, digits, "_", "." and "-", at most 128, not starting with "." or "-"` });
  }
  const problem = nameProblem(name);
  if (problem) throw new InputError(input, { got: JSON.stringify(item), expected, fix: `${problem}; fix the name` });
  return item;
}

// src/build/merge-index.ts
import { createHash } from "node:crypto";
function readIndex(raw) {
  let json;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new BuildError(
      { what: "the merged index could not be read back", got: raw.slice(0, 200), expected: "an OCI image index or Docker manifest list (JSON)", fix: "check the registry and rerun the merge job" },
      { cause: error }
    );
  }
  const manifests = (json.manifests ?? []).filter((m) => m.annotations?.["vnd.docker.reference.type"] !== "attestation-manifest").map((m) => ({
    digest: m.digest ?? "",
    platform: [m.platform?.os ?? "unknown", m.platform?.architecture ?? "unknown", m.platform?.variant].filter((part) => part !== void 0 && part !== "").join("/")
  }));
  return {
    digest: `sha256:${createHash("sha256").update(raw, "utf8").digest("hex")}`,
    platforms: [...new Set(manifests.map((m) => m.platform))],
    manifests
  };
}

// src/build/tags.ts
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
function versionTags(version, prefix) {
  const match = SEMVER.exec(version);
  if (!match) return [sanitizeTag(`${prefix}${version}`)];
  const [, v = "", major = "", minor = "", , pre, build] = match;
  if (pre !== void 0 || build !== void 0) return [sanitizeTag(`${prefix}${version}`)];
  const tags = [`${prefix}${version}`, `${prefix}${v}${major}.${minor}`];
  if (major !== "0") tags.push(`${prefix}${v}${major}`);
  tags.push(movingTag(prefix));
  return tags.filter((tag) => TAG_RE.test(tag));
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
function parseMergeInputs(raw, facts = {}) {
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
  const images = parseList(raw("images"));
  if (images.length === 0) {
    throw new InputError("images", {
      got: '""',
      expected: "the image name(s) the per-platform jobs pushed to, e.g. ghcr.io/org/one-api",
      fix: "set images: to the same value as in the per-platform jobs"
    });
  }
  for (const image of images) parseImageName("images", image);
  const tags = mergeTags(raw, images, facts);
  if (tags.length === 0) {
    throw new InputError("version", {
      got: "(empty, and no git tag or commit known)",
      expected: "a version (or tags) to tag the merged index with",
      fix: "set version (e.g. v1.2.3) or tags in the merge job"
    });
  }
  return { images, digests, tags };
}
function mergeTags(raw, images, facts) {
  const prefix = raw("tag-prefix");
  if (prefix !== "" && !/^[\w.-]+$/.test(prefix)) {
    throw new InputError("tag-prefix", { got: JSON.stringify(prefix), expected: 'letters, digits, "_", "." and "-"', fix: "use a prefix a tag can hold, e.g. offline-" });
  }
  const given = raw("version").trim();
  let version;
  if (given === "") {
    const fallback = defaultVersion({ ref: facts.gitRef, sha: facts.sha });
    version = fallback === void 0 ? void 0 : sanitizeTag(fallback);
  } else if (/^[\w.-]+$/.test(given) && TAG_RE.test(`${prefix}${given}`)) {
    version = given;
  } else {
    throw new InputError("version", {
      got: JSON.stringify(given),
      expected: 'letters, digits, "_", "." and "-" (a tag must be [A-Za-z0-9_][A-Za-z0-9_.-]{0,127} with the prefix)',
      fix: "use the same version as a release build, e.g. v1.2.3"
    });
  }
  const extra = parseList(raw("tags")).map((item) => {
    if (item.includes(":") || item.includes("/")) return parseFullTag("tags", item);
    if (!TAG_RE.test(item)) throw new InputError("tags", { got: JSON.stringify(item), expected: "name:tag, or a bare tag [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}", fix: "fix the tag" });
    return item;
  });
  return imageTags(images, version === void 0 ? [] : versionTags(version, prefix), extra);
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
  return [
    "buildx",
    "imagetools",
    "create",
    ...builder,
    ...[...new Set(tags)].flatMap((tag) => ["-t", tag]),
    ...digests.map((digest) => `${source}@${digest}`)
  ];
}
function inspectRawArgs(ref, options = {}) {
  const builder = options.builder ? ["--builder", options.builder] : [];
  return ["buildx", "imagetools", "inspect", ...builder, "--raw", ref];
}
async function mergeImages(options, deps) {
  const tags = [...new Set(options.tags)];
  const builderOption = deps.builder ? { builder: deps.builder } : {};
  const argv = mergeArgs(options.images, tags, options.digests, builderOption);
  await step(() => deps.run(argv, { echo: true, what: "docker buildx imagetools create" }), "create");
  const inspected = await step(() => deps.run(inspectRawArgs(tags[0], builderOption), { echo: false, what: "docker buildx imagetools inspect" }), "inspect");
  const index = readIndex(inspected.stdout);
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
  return { ...index, tags, raw: inspected.stdout };
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
  parseBoolean,
  parseList,
  parseLines,
  parseKeyValues,
  TAG_RE,
  parseImageName,
  parseFullTag,
  readIndex,
  sanitizeTag,
  versionTags,
  imageTags,
  defaultVersion,
  dockerRunner,
  parseMergeDigests,
  parseMergeInputs,
  mergeArgs,
  inspectRawArgs,
  mergeImages
};
