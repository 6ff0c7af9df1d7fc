import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  BuildError,
  InputError
} from "./chunk-UI6KUO64.mjs";
import {
  init_define_ACTION_INPUTS
} from "./chunk-HPCM2IMK.mjs";

// src/inputs/scalars.ts
init_define_ACTION_INPUTS();
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

// src/build/merge-index.ts
init_define_ACTION_INPUTS();
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

export {
  parseBoolean,
  parseList,
  parseLines,
  parseKeyValues,
  readIndex
};
