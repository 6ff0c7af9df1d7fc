import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  nameTags,
  readNaming
} from "./chunk-M6FE5M2X.mjs";
import "./chunk-A6RT5XB2.mjs";
import "./chunk-2PSOF6JL.mjs";
import {
  parseBoolean,
  parseList
} from "./chunk-5NV5H2XR.mjs";
import {
  DIGEST_RE
} from "./chunk-LMSPCY74.mjs";
import {
  InputError
} from "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/build/merge-inputs.ts
var BARE_HEX = /^[a-f0-9]{64}$/;
function parseMergeDigests(raw) {
  const seen = /* @__PURE__ */ new Set();
  for (const item of parseList(raw)) {
    const digest = BARE_HEX.test(item) ? `sha256:${item}` : item;
    if (!DIGEST_RE.test(digest)) {
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
  const { tags, version, versionTag } = nameTags(draft.naming, { ref: facts.gitRef, sha: facts.sha });
  if (tags.length === 0) {
    throw new InputError("version", {
      got: "(empty, and no git tag or commit known)",
      expected: "a version (or tags) to tag the merged index with",
      fix: "set version (e.g. v1.2.3) or tags in the merge job"
    });
  }
  return { images: draft.naming.images, digests: draft.digests, tags, ...version !== void 0 ? { version } : {}, ...versionTag !== void 0 ? { versionTag } : {} };
}
function parseMergeInputs(raw, facts = {}) {
  const draft = readMergeInputs(raw);
  return draft && resolveMerge(draft, facts);
}
export {
  parseMergeDigests,
  parseMergeInputs,
  readMergeInputs,
  resolveMerge
};
