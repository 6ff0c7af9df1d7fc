import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  parseFullTag,
  parseImageName
} from "./chunk-A6RT5XB2.mjs";
import {
  TAG_RE,
  lowercaseName,
  splitTag
} from "./chunk-2PSOF6JL.mjs";
import {
  parseLines,
  parseList
} from "./chunk-5NV5H2XR.mjs";
import {
  InputError
} from "./chunk-SENFWAUD.mjs";

// src/build/flavor.ts
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
    notice = `tag-prefix is deprecated: write flavor: prefix=${legacy} instead (metadata-action's syntax; the same version tags, but the moving tag becomes latest as in metadata-action, or ${legacy}latest with prefix=${legacy},onlatest=true)`;
  }
  const prefixNamesMoving = prefix === void 0;
  prefix ??= legacy;
  const flavor = { latest, prefix, prefixOnLatest, prefixNamesMoving, suffix, suffixOnLatest };
  return notice ? { flavor, notice } : { flavor };
}
function prefixFlavor(prefix) {
  return { latest: "auto", prefix, prefixOnLatest: false, prefixNamesMoving: true, suffix: "", suffixOnLatest: false };
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
function flavorMovingTag(flavor) {
  const base = flavor.prefixOnLatest ? `${flavor.prefix}latest` : flavor.prefixNamesMoving ? movingTag(flavor.prefix) : "latest";
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
function parseTagItem(item) {
  if (item.includes(":") || item.includes("/")) return parseFullTag("tags", lowercaseName(item));
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
  const given = parseList(raw("images")).map((item) => parseImageName("images", item.includes("@") ? item : lowercaseName(item)));
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
  const made = version === void 0 ? [] : versionTags(version, naming.flavor);
  const tags = version === void 0 && naming.extraTags.length === 0 ? [] : imageTags(tagged, made, naming.extraTags);
  const versionTag = naming.imagesFromTags ? void 0 : made[0];
  return { ...version !== void 0 ? { version } : {}, ...versionTag !== void 0 ? { versionTag } : {}, tags };
}

export {
  readNaming,
  nameTags
};
