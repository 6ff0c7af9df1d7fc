import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  InputError
} from "./chunk-SENFWAUD.mjs";

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

export {
  parseBoolean,
  parseList,
  parseLines,
  parseKeyValues
};
