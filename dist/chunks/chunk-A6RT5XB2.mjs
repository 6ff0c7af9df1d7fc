import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  TAG_RE,
  nameProblem,
  splitTag
} from "./chunk-2PSOF6JL.mjs";
import {
  InputError
} from "./chunk-SENFWAUD.mjs";

// src/build/reference.ts
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

export {
  parseImageName,
  parseFullTag
};
