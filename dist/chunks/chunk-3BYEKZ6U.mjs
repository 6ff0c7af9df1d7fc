import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  parseLines
} from "./chunk-5NV5H2XR.mjs";
import {
  InputError
} from "./chunk-SENFWAUD.mjs";

// src/build/annotations.ts
var ANNOTATION_LEVELS = ["index", "manifest", "index-descriptor", "manifest-descriptor"];
var PREFIX = /^([a-z-]+(?:,[a-z-]+)*)(?:\[([A-Za-z0-9_/-]+)\])?:(.+)$/;
var KEY = /^[^\s=:]+$/;
var EXPECTED = "one [index|manifest|index-descriptor|manifest-descriptor[,\u2026][[platform]]:]key=value per line, e.g. org.opencontainers.image.title=one-api";
function bad(line, fix) {
  throw new InputError("annotations", { got: JSON.stringify(line), expected: EXPECTED, fix });
}
function parseAnnotation(line) {
  const eq = line.indexOf("=");
  if (eq <= 0) bad(line, "write each annotation as key=value");
  const head = line.slice(0, eq);
  const value = line.slice(eq + 1);
  const typed = PREFIX.exec(head);
  if (!typed) {
    if (!KEY.test(head)) bad(line, 'an annotation key has no spaces or ":" (a prefix before ":" names the levels, e.g. index,manifest:)');
    return { key: head, value };
  }
  const [, types = "", platform, key = ""] = typed;
  const levels = types.split(",");
  for (const level of levels) {
    if (!ANNOTATION_LEVELS.includes(level)) bad(line, `"${level}" is not an annotation level: use ${ANNOTATION_LEVELS.join(", ")}`);
  }
  if (!KEY.test(key)) bad(line, 'an annotation key has no spaces, "=" or ":"');
  return { levels, ...platform ? { platform } : {}, key, value };
}
function parseAnnotations(raw) {
  return parseLines(raw).map(parseAnnotation);
}
function annotationArgs(annotations, platformCount) {
  return annotations.map((a) => {
    const levels = a.levels ?? (platformCount > 1 ? ["index", "manifest"] : ["manifest"]);
    return `${levels.join(",")}${a.platform ? `[${a.platform}]` : ""}:${a.key}=${a.value}`;
  });
}
function indexAnnotationArgs(annotations) {
  return annotations.map((a) => {
    if (a.levels !== void 0 && (a.levels.some((l) => l !== "index") || a.platform !== void 0)) {
      throw new InputError("annotations", {
        got: JSON.stringify(`${a.levels.join(",")}${a.platform ? `[${a.platform}]` : ""}:${a.key}=${a.value}`),
        expected: "index-level annotations in merge mode (bare key=value or index:key=value)",
        fix: "set manifest annotations in the per-platform jobs (they build the manifests); the merge job writes only the index"
      });
    }
    return `index:${a.key}=${a.value}`;
  });
}

export {
  ANNOTATION_LEVELS,
  parseAnnotation,
  parseAnnotations,
  annotationArgs,
  indexAnnotationArgs
};
