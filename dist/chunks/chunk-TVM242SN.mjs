import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  goClean
} from "./chunk-EOQMFXHM.mjs";

// src/image/consumers.ts
var CONSUMERS = ["tiktoken", "tiktoken-go"];
var CACHE_VARIABLES = ["TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR"];
function isConsumerName(name) {
  return CONSUMERS.includes(name);
}
function imageRuntime(envLines, workingDir) {
  const env = /* @__PURE__ */ new Map();
  for (const line of envLines ?? []) {
    const eq = line.indexOf("=");
    if (eq > 0) env.set(line.slice(0, eq), line.slice(eq + 1));
    else if (eq === -1 && line !== "") env.set(line, "");
  }
  const wd = workingDir && workingDir !== "" ? workingDir.startsWith("/") ? workingDir : `/${workingDir}` : "/";
  return { env, workingDir: wd };
}
function absolute(path, workingDir) {
  if (path.startsWith("/")) return path;
  return `${workingDir.replace(/\/+$/, "")}/${path}`;
}
function pythonAbspath(path, workingDir) {
  return goClean(absolute(path, workingDir));
}
var PYTHON_TEMP_VARIABLES = ["TMPDIR", "TEMP", "TMP"];
var PYTHON_TEMP_DIRS = ["/tmp", "/var/tmp", "/usr/tmp"];
function consumerDir(consumer, runtime, isDirectory) {
  const { env, workingDir } = runtime;
  if (consumer === "tiktoken") {
    for (const variable of CACHE_VARIABLES) {
      const value = env.get(variable);
      if (value === void 0) continue;
      if (value === "") return { kind: "off", variable, why: `${variable} is set to an empty value, which turns tiktoken's cache off (it downloads every time)` };
      return { kind: "dir", path: absolute(value, workingDir), variable, why: `${variable}=${value}` };
    }
    const tried = [];
    const candidates = [];
    for (const name of PYTHON_TEMP_VARIABLES) {
      const value = env.get(name);
      if (value) candidates.push([value, `${name}=${value}`]);
    }
    for (const dir of PYTHON_TEMP_DIRS) candidates.push([dir, dir]);
    candidates.push([workingDir, `the working directory ${workingDir}`]);
    for (const [dir, label] of candidates) {
      const abs = pythonAbspath(dir, workingDir);
      if (isDirectory(abs)) {
        return { kind: "dir", path: `${abs.replace(/\/+$/, "")}/data-gym-cache`, why: `no cache variable; Python's temp dir is ${abs} (${label})${tried.length ? `, after ${tried.join(", ")} (not a directory in the image)` : ""}` };
      }
      tried.push(abs);
    }
    return { kind: "none", why: `no cache variable, and none of Python's temp dir candidates (${tried.join(", ")}) is a directory in the image` };
  }
  for (const variable of CACHE_VARIABLES) {
    const value = env.get(variable);
    if (value) return { kind: "dir", path: goClean(absolute(value, workingDir)), variable, why: `${variable}=${value}` };
  }
  const tmp = env.get("TMPDIR") || "/tmp";
  const empty = CACHE_VARIABLES.filter((v) => env.get(v) === "");
  const note = empty.length ? `; ${empty.join(" and ")} ${empty.length > 1 ? "are" : "is"} empty, which tiktoken-go ignores` : "";
  return { kind: "dir", path: goClean(absolute(`${tmp}/data-gym-cache`, workingDir)), why: `no non-empty cache variable; os.TempDir() is ${tmp}${env.get("TMPDIR") ? " (TMPDIR)" : ""}${note}` };
}
function candidateDirs(runtime, cachePath) {
  const out = /* @__PURE__ */ new Set([goClean(cachePath)]);
  const add = (p, suffix = "") => {
    if (p) out.add(goClean(absolute(`${p}${suffix}`, runtime.workingDir)));
  };
  for (const v of CACHE_VARIABLES) add(runtime.env.get(v));
  for (const v of PYTHON_TEMP_VARIABLES) add(runtime.env.get(v), "/data-gym-cache");
  for (const d of PYTHON_TEMP_DIRS) add(d, "/data-gym-cache");
  add(runtime.workingDir, "/data-gym-cache");
  return [...out];
}

export {
  CONSUMERS,
  CACHE_VARIABLES,
  isConsumerName,
  imageRuntime,
  consumerDir,
  candidateDirs
};
