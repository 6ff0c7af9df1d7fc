import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  CACHE_CONTEXT,
  CANONICAL_ORIGIN,
  DEFAULT_ENCODINGS,
  ENCODINGS,
  ENCODING_NAMES,
  LOCK_FILE,
  MAX_UNPINNED_BYTES,
  PINNED_FILES,
  UnreadableFile,
  canonicalUrl,
  checkPin,
  copyVerified,
  isEncodingName,
  openRegular,
  parseBuildFlags,
  parseSecrets,
  processAlive,
  readChunks,
  readLimit,
  readOwnership,
  withFolderLock,
  writeFailure,
  writeTextAtomically
} from "./chunk-X7LCNZJT.mjs";
import {
  AttemptFailure
} from "./chunk-O5CIAIAK.mjs";
import {
  parseBaseImage
} from "./chunk-NKIPBXK5.mjs";
import {
  mergePairs,
  ociLabels
} from "./chunk-T6WRRW3O.mjs";
import {
  CONSUMERS,
  isConsumerName,
  tarEntries
} from "./chunk-PUYDGTI6.mjs";
import {
  MANIFEST_FILE,
  buildManifest,
  cacheFileName,
  serializeManifest
} from "./chunk-QWVPQMR7.mjs";
import {
  TarType
} from "./chunk-2YHSSVPB.mjs";
import {
  nameTags,
  readMergeInputs,
  readNaming,
  resolveMerge
} from "./chunk-QPAV3IL6.mjs";
import {
  parseBoolean,
  parseKeyValues,
  parseLines,
  parseList
} from "./chunk-XIUCSGQF.mjs";
import {
  parseFullTag
} from "./chunk-YEYNGQTL.mjs";
import {
  checkBasePlatforms
} from "./chunk-WKDT3H7I.mjs";
import {
  checkBuilderPlatforms,
  probeEngine
} from "./chunk-4ZCZMC6Q.mjs";
import {
  credentialsFromDockerConfig
} from "./chunk-V7EFCGJB.mjs";
import {
  parseImageReference
} from "./chunk-PUO7BHQP.mjs";
import {
  PROVENANCE_VALUES,
  chooseProvenance,
  proxyBuildArgs,
  proxyOfBuildArgs,
  proxySecrets
} from "./chunk-5OAVNDHC.mjs";
import {
  redactUrl,
  textSecrets,
  urlSecrets
} from "./chunk-H7YIB6DC.mjs";
import {
  ActionError,
  BuildError,
  DownloadError,
  DriftError,
  InputError
} from "./chunk-UI6KUO64.mjs";
import {
  init_define_ACTION_INPUTS
} from "./chunk-HPCM2IMK.mjs";

// src/cache/actions-cache.ts
init_define_ACTION_INPUTS();
import { mkdir } from "node:fs/promises";

// src/cache/cache-mode.ts
init_define_ACTION_INPUTS();
var KNOWN = {
  none: { read: false, write: false },
  read: { read: true, write: false },
  write: { read: true, write: true },
  "write-only": { read: false, write: true }
};
function cacheModeAccess(mode) {
  const normalized = (mode ?? "").trim().toLowerCase();
  return Object.hasOwn(KNOWN, normalized) ? KNOWN[normalized] : { read: true, write: true };
}

// src/cache/service-url.ts
init_define_ACTION_INPUTS();
function mayHaveCacheService(env) {
  return Boolean(env["ACTIONS_CACHE_URL"]?.trim() || env["ACTIONS_RESULTS_URL"]?.trim());
}

// src/cache/actions-cache.ts
function reason(error) {
  return redactUrl(error instanceof Error ? error.message : String(error));
}
function actionsCache(log, env) {
  let toldMissing = false;
  let loaded;
  async function client(operation) {
    const mode = env["ACTIONS_CACHE_MODE"];
    if (!cacheModeAccess(mode)[operation === "restore" ? "read" : "write"]) {
      log.notice(`Actions cache: ${operation} skipped, ACTIONS_CACHE_MODE is "${mode}"`);
      return void 0;
    }
    if (mayHaveCacheService(env)) {
      loaded ??= import("./cache-N7OJSEHQ.mjs");
      const cache = await loaded;
      if (cache.isFeatureAvailable()) return cache;
    }
    if (!toldMissing) {
      log.notice(
        "Actions cache: no cache service here (not on a GitHub runner, or GHES without the Actions cache); the files are still verified and kept in the tool cache"
      );
    }
    toldMissing = true;
    return void 0;
  }
  return {
    async restore(key, dir) {
      try {
        const cache = await client("restore");
        if (!cache) return false;
        await mkdir(dir, { recursive: true });
        const hit = await cache.restoreCache([dir], key);
        if (hit === key) {
          log.info(`Actions cache: restored ${key}`);
          return true;
        }
        log.info(`Actions cache: nothing restored for ${key}`);
        return false;
      } catch (error) {
        log.warning(`Actions cache: restore of ${key} failed (${reason(error)}); carrying on without it`);
        return false;
      }
    },
    async save(key, dir) {
      try {
        const cache = await client("save");
        if (!cache) return;
        const id = await cache.saveCache([dir], key);
        if (id === -1) {
          log.notice(
            `Actions cache: ${key} was not saved (another job may be saving the same key, or the service failed: see the message above); later runs download the files again`
          );
          return;
        }
        log.info(`Actions cache: saved ${key}`);
      } catch (error) {
        log.warning(`Actions cache: save of ${key} failed (${reason(error)}); carrying on without it`);
      }
    }
  };
}

// src/cache/tool-cache.ts
init_define_ACTION_INPUTS();
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { dirname, join } from "node:path";

// src/cache/keys.ts
init_define_ACTION_INPUTS();
import { createHash } from "node:crypto";
var LAYOUT = "v1";
function toolCacheTool(fileId) {
  return `tiktoken-${fileId}`;
}
function toolCacheVersion(sha256) {
  return `1.0.0-sha256-${sha256.toLowerCase()}`;
}
function actionsCacheKey(files) {
  const lines = [...new Set(files.map((file) => `${file.id} ${file.url} ${file.sha256.toLowerCase()}`))].sort();
  const digest = createHash("sha256").update(lines.join("\n"), "utf8").digest("hex");
  return `tiktoken-encoders-${LAYOUT}-${digest}`;
}

// src/cache/tool-cache.ts
var TOOL_CACHE_ARCH = "any";
function reason2(error) {
  return error instanceof Error ? error.message : String(error);
}
function toolCacheEntryDir(root, fileId, sha256) {
  return join(root, toolCacheTool(fileId), toolCacheVersion(sha256), TOOL_CACHE_ARCH);
}
function runnerToolCache(log, env) {
  const root = () => env["RUNNER_TOOL_CACHE"]?.trim() || void 0;
  const complete = (fileId, sha256) => {
    const base = root();
    if (base === void 0) return void 0;
    const dir = toolCacheEntryDir(base, fileId, sha256);
    return existsSync(dir) && existsSync(`${dir}.complete`) ? dir : void 0;
  };
  return {
    find(fileId, sha256) {
      const dir = complete(fileId, sha256);
      if (dir === void 0) return void 0;
      const file = join(dir, fileId);
      return existsSync(file) ? file : void 0;
    },
    async save(fileId, sha256, filePath) {
      try {
        const tc = await import("./tool-cache-Q4XMQNEI.mjs");
        await tc.cacheFile(filePath, fileId, toolCacheTool(fileId), toolCacheVersion(sha256), TOOL_CACHE_ARCH);
        log.debug(`tool cache: saved ${fileId} (${sha256})`);
      } catch (error) {
        log.warning(
          `tool cache: could not keep ${fileId} (${reason2(error)}); this job is not affected, later jobs on this runner download it again. Check that RUNNER_TOOL_CACHE is set and writable.`
        );
      }
    },
    async evict(fileId, sha256) {
      const base = root();
      if (base === void 0) return;
      const dir = toolCacheEntryDir(base, fileId, sha256);
      try {
        await rm(`${dir}.complete`, { force: true });
        await rm(dirname(dir), { recursive: true, force: true });
        log.debug(`tool cache: evicted ${fileId} (${sha256})`);
      } catch (error) {
        log.warning(`tool cache: could not remove the damaged entry of ${fileId} (${reason2(error)}); it is re-checked on every use`);
      }
    }
  };
}

// src/build/git-facts.ts
init_define_ACTION_INPUTS();
import { execFile } from "node:child_process";
function git(cwd, args, gitBin) {
  return new Promise((resolve3) => {
    execFile(gitBin, [...args], { cwd, timeout: 1e4, windowsHide: true }, (error, stdout) => {
      resolve3(error ? void 0 : stdout.trim() || void 0);
    });
  });
}
async function gitFacts(cwd, gitBin = "git") {
  const sha = await git(cwd, ["rev-parse", "--verify", "-q", "HEAD"], gitBin);
  if (!sha || !/^[0-9a-f]{40,64}$/.test(sha)) return {};
  const time = await git(cwd, ["log", "-1", "--format=%ct", "HEAD"], gitBin);
  const tags = await git(cwd, ["tag", "--points-at", "HEAD", "--sort=-version:refname"], gitBin);
  const tag = tags?.split("\n")[0]?.trim();
  const branch = tag ? void 0 : await git(cwd, ["symbolic-ref", "-q", "HEAD"], gitBin);
  const ref = tag ? `refs/tags/${tag}` : branch;
  const commitTime = time && /^\d+$/.test(time) ? Number(time) : void 0;
  return { sha, ...ref ? { ref } : {}, ...commitTime !== void 0 ? { commitTime } : {} };
}
function gitFactsDir(inputs, cwd, resolvePath) {
  if (inputs.baseImage?.trim()) return cwd;
  const context = inputs.context?.trim() || ".";
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(context) || /^git@/.test(context)) return void 0;
  return resolvePath(cwd, context);
}
function repositoryRoot(dir, gitBin = "git") {
  return git(dir, ["rev-parse", "--show-toplevel"], gitBin);
}
async function repositoryFacts(dir, env, gitBin = "git") {
  const facts = await gitFacts(dir, gitBin);
  const ref = env.GITHUB_REF?.trim();
  return facts.sha !== void 0 && facts.sha === env.GITHUB_SHA?.trim() && ref ? { ...facts, ref } : facts;
}

// src/pipeline/host-facts.ts
init_define_ACTION_INPUTS();
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join as join2 } from "node:path";
function defaultCacheRoot(env, home = homedir()) {
  const xdg = env.XDG_CACHE_HOME?.trim();
  return join2(xdg ? xdg : join2(home, ".cache"), "oneapi-offline");
}
async function readDockerConfig(env, home = homedir()) {
  const dir = env.DOCKER_CONFIG?.trim() || join2(home, ".docker");
  return readFile(join2(dir, "config.json"), "utf8").catch(() => void 0);
}
async function runGitFacts(cwd, env) {
  const fromGit = await gitFacts(cwd);
  const ref = env.GITHUB_REF?.trim() || fromGit.ref;
  const sha = env.GITHUB_SHA?.trim() || fromGit.sha;
  return { ...fromGit, ...ref ? { ref } : {}, ...sha ? { sha } : {} };
}
function repositoryUrl(env) {
  const server = env.GITHUB_SERVER_URL?.trim();
  const repo = env.GITHUB_REPOSITORY?.trim();
  return server && repo ? `${server}/${repo}` : void 0;
}

// src/pipeline/pipeline.ts
init_define_ACTION_INPUTS();
import { join as join12 } from "node:path";

// src/prepare/prepare.ts
init_define_ACTION_INPUTS();
import { mkdir as mkdir5 } from "node:fs/promises";
import { join as join9 } from "node:path";

// src/encoders/local-source.ts
init_define_ACTION_INPUTS();
import { constants } from "node:fs";
import { access, readdir, stat } from "node:fs/promises";
import { join as join3 } from "node:path";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";

// src/encoders/tar-entries.ts
init_define_ACTION_INPUTS();
async function* once(archive) {
  yield archive;
}
async function tarEntries2(archive, keep = () => Number.MAX_SAFE_INTEGER) {
  const entries = [];
  for await (const entry of tarEntries(Buffer.isBuffer(archive) ? once(archive) : archive)) {
    const limit = entry.type === TarType.file ? keep(entry.name) : void 0;
    if (limit === void 0) continue;
    const chunks = [];
    let held = 0;
    for await (const chunk of entry.body) {
      if (held > limit) continue;
      const part = chunk.subarray(0, limit + 1 - held);
      chunks.push(part);
      held += part.length;
    }
    entries.push({ name: entry.name, bytes: Buffer.concat(chunks) });
  }
  return entries;
}

// src/encoders/local-source.ts
var TARBALL = /\.(tar|tar\.gz|tgz)$/i;
var MAX_UNPACKED = 256 * 1024 * 1024;
function sourceError(path, got, cause) {
  return new InputError(
    "source",
    {
      got: `${JSON.stringify(path)} (${got})`,
      expected: "a readable folder, .tar, .tar.gz or .tgz holding the encoder files",
      fix: "point source at the folder or tarball that holds the files (named like cl100k_base.tiktoken or by their sha1 cache name), or leave source empty to download"
    },
    cause === void 0 ? void 0 : { cause }
  );
}
async function checkSource(path) {
  let kind;
  try {
    const info = await stat(path);
    if (info.isDirectory()) kind = "folder";
    else if (info.isFile() && TARBALL.test(path)) kind = "tarball";
    else throw sourceError(path, info.isFile() ? "a file that is not .tar, .tar.gz or .tgz" : "not a file or folder");
    await access(path, kind === "folder" ? constants.R_OK | constants.X_OK : constants.R_OK);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = error.code;
    throw sourceError(path, code === "ENOENT" ? "does not exist" : `not readable: ${code ?? String(error)}`, error);
  }
  return kind;
}
async function folderFiles(root) {
  const found = [];
  const walk = async (dir, depth) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join3(dir, entry.name);
      if (entry.isDirectory() && depth === 0) await walk(path, 1);
      else if (!entry.isDirectory() && !(entry.isSymbolicLink() && (await stat(path).catch(() => void 0))?.isDirectory()))
        found.push({ display: path, from: { path }, name: entry.name, depth });
    }
  };
  await walk(root, 0);
  return found;
}
async function* tarStream(path) {
  const raw = readChunks(await openRegular(path), Number.MAX_SAFE_INTEGER, path);
  try {
    const first = await raw.next();
    if (first.done) throw new Error("the file is empty");
    const head = first.value;
    const bytes = (async function* () {
      yield head;
      yield* raw;
    })();
    const gzip = head[0] === 31 && head[1] === 139;
    const unpacked = gzip ? Readable.from(bytes).pipe(createGunzip()) : bytes;
    let total = 0;
    for await (const chunk of unpacked) {
      total += chunk.length;
      if (total > MAX_UNPACKED) throw new Error(`it unpacks to more than ${MAX_UNPACKED} bytes; the encoder files are far smaller`);
      yield chunk;
    }
  } finally {
    await raw.return(void 0);
  }
}
async function tarballFiles(path, keep) {
  return (await tarEntries2(tarStream(path), keep)).flatMap((entry) => {
    const parts = entry.name.split("/").filter((part) => part !== "" && part !== ".");
    if (parts.length === 0 || parts.length > 2 || parts.includes("..")) return [];
    return [{ display: `${path}:${entry.name}`, from: { bytes: entry.bytes }, name: parts.at(-1) ?? "", depth: parts.length - 1 }];
  });
}
function keepFor(files) {
  if (files === void 0) return () => MAX_UNPACKED;
  const limits = /* @__PURE__ */ new Map();
  for (const file of files) {
    for (const name of [file.cacheFile, ...file.sourceNames]) limits.set(name, Math.max(limits.get(name) ?? 0, readLimit(file)));
  }
  return (name) => limits.get(name.split("/").filter((part) => part !== "" && part !== ".").at(-1) ?? "");
}
async function openSource(path, wanted) {
  const kind = await checkSource(path);
  let files;
  try {
    files = kind === "folder" ? await folderFiles(path) : await tarballFiles(path, keepFor(wanted));
  } catch (error) {
    throw sourceError(path, `cannot read it: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  const byName = /* @__PURE__ */ new Map();
  for (const file of files) {
    byName.set(file.name, [...byName.get(file.name) ?? [], file]);
  }
  return {
    path,
    kind,
    candidates: (file) => [file.cacheFile, ...file.sourceNames].flatMap(
      (name) => [...byName.get(name) ?? []].sort((a, b) => a.depth - b.depth)
    )
  };
}

// src/encoders/layout.ts
init_define_ACTION_INPUTS();
import { lstat, mkdir as mkdir2, readdir as readdir2, rm as rm2 } from "node:fs/promises";
import { join as join4 } from "node:path";

// src/encoders/hash-file.ts
init_define_ACTION_INPUTS();
import { createHash as createHash2 } from "node:crypto";
async function hashFile(path, limit = MAX_UNPINNED_BYTES, options = {}) {
  const opened = await openRegular(path, options);
  if (opened.size > limit) {
    await opened.handle.close();
    return { sha256: "", size: opened.size };
  }
  const hash = createHash2("sha256");
  let size = 0;
  for await (const chunk of readChunks(opened, limit, path)) {
    size += chunk.length;
    hash.update(chunk);
  }
  return { sha256: size > limit ? "" : hash.digest("hex"), size };
}
async function hashFileIfPresent(path, limit = MAX_UNPINNED_BYTES, options = {}) {
  try {
    return await hashFile(path, limit, options);
  } catch (error) {
    if (error instanceof UnreadableFile && error.code === "ENOENT") return void 0;
    throw error;
  }
}

// src/encoders/layout.ts
function notOurs(dir, what, got, expected, fix) {
  return new InputError("cache-dir", { what: `cache-dir ${dir}: ${what}`, got, expected, fix: `${fix}; nothing in the folder was changed` });
}
async function inspect(dir, file) {
  const path = join4(dir, file.cacheFile);
  try {
    const measured = await hashFileIfPresent(path, readLimit(file), { noFollow: true });
    return measured === void 0 ? { state: "absent" } : { state: "file", measured };
  } catch (error) {
    if (!(error instanceof UnreadableFile)) throw error;
    throw notOurs(
      dir,
      `${file.cacheFile} (the cache name of ${file.id}) ${error.message.slice(path.length + 2)}`,
      path,
      `a regular file with the pinned ${file.id}, or no entry of that name`,
      `remove or rename ${path}, or point cache-dir at an empty folder`
    );
  }
}
function describe(measured) {
  return `${measured.sha256 === "" ? "not hashed (too large)" : `sha256 ${measured.sha256}`}, ${measured.size} bytes`;
}
async function isRegularFile(path) {
  return lstat(path).then(
    (info) => info.isFile(),
    () => false
  );
}
async function lookAt(dir, files) {
  const ownership = await readOwnership(dir);
  if (ownership.kind === "foreign") {
    throw notOurs(
      dir,
      `its ${MANIFEST_FILE} was not written by this action`,
      `${join4(dir, MANIFEST_FILE)}: ${ownership.reason}`,
      `a new or empty folder, or one this action prepared (its ${MANIFEST_FILE} says "generator": "oneapi-offline-action")`,
      "point cache-dir at a new or empty folder (the default is $RUNNER_TEMP/tiktoken_cache), or move that manifest.json away if it is not needed"
    );
  }
  const before = new Set(ownership.kind === "ours" ? ownership.files : []);
  const present = [];
  for (const file of files) {
    const found = await inspect(dir, file);
    if (found.state === "file" && checkPin(file, found.measured) !== void 0 && !before.has(file.cacheFile)) {
      throw notOurs(
        dir,
        `it already holds ${file.cacheFile} (the cache name of ${file.id}) with other bytes, and no ${MANIFEST_FILE} of this action lists it`,
        `${join4(dir, file.cacheFile)}: ${describe(found.measured)}`,
        `the pinned ${file.id} (sha256 ${file.sha256}${file.size === void 0 ? "" : `, ${file.size} bytes`}), or no file of that name`,
        `delete ${join4(dir, file.cacheFile)} if it is a stale tiktoken cache entry (tiktoken-go caches error pages under that name), or point cache-dir at an empty folder`
      );
    }
    present.push(found);
  }
  return { ownership, present };
}
async function checkLayout(dir, files) {
  const exists = await lstat(dir).then(
    () => true,
    () => false
  );
  if (exists) await lookAt(dir, files);
}
async function writeLayout(dir, entries) {
  try {
    await mkdir2(dir, { recursive: true });
  } catch (error) {
    throw writeFailure(dir, error);
  }
  const { ownership, present } = await lookAt(
    dir,
    entries.map((entry) => entry.file)
  );
  const before = new Set(ownership.kind === "ours" ? ownership.files : []);
  const plans = entries.map((entry, i) => ({ entry, present: present[i] }));
  const written = [];
  const replaced = [];
  const unchanged = [];
  const sizes = /* @__PURE__ */ new Map();
  const removed = [];
  const manifestPath = join4(dir, MANIFEST_FILE);
  let manifest;
  try {
    for (const { entry, present: present2 } of plans) {
      const { file, from } = entry;
      if (present2.state === "file" && checkPin(file, present2.measured) === void 0) {
        unchanged.push(file.cacheFile);
        sizes.set(file.id, present2.measured.size);
        continue;
      }
      const copied = await copyVerified(from, dir, file.cacheFile, file);
      sizes.set(file.id, copied.size);
      if (present2.state === "file") replaced.push({ name: file.cacheFile, was: present2.measured });
      else written.push(file.cacheFile);
    }
    manifest = buildManifest(
      entries.map((entry) => entry.file),
      sizes
    );
    const text = serializeManifest(manifest);
    if (ownership.kind !== "ours" || ownership.text !== text) await writeTextAtomically(dir, MANIFEST_FILE, text);
    const wanted = new Set(entries.map((entry) => entry.file.cacheFile));
    for (const name of before) {
      if (wanted.has(name) || !await isRegularFile(join4(dir, name))) continue;
      await rm2(join4(dir, name), { force: true });
      removed.push(name);
    }
  } catch (error) {
    if (error instanceof ActionError || error instanceof UnreadableFile) throw error;
    throw writeFailure(dir, error);
  }
  const ours = /* @__PURE__ */ new Set([MANIFEST_FILE, LOCK_FILE, ...entries.map((entry) => entry.file.cacheFile), ...removed]);
  const foreign = (await readdir2(dir)).filter((name) => !ours.has(name)).sort();
  return { manifest, manifestPath, written, replaced, unchanged, removed, foreign };
}

// src/prepare/check-cache-dir.ts
init_define_ACTION_INPUTS();
import { constants as constants2 } from "node:fs";
import { access as access2, lstat as lstat2, realpath, stat as stat2 } from "node:fs/promises";
import { basename, dirname as dirname2, join as join5, relative, resolve, sep } from "node:path";
async function canonical(path) {
  const absolute = resolve(path);
  const tail = [];
  for (let current = absolute; ; current = dirname2(current)) {
    const real = await realpath(current).catch(() => void 0);
    if (real !== void 0) return join5(real, ...tail.reverse());
    if (dirname2(current) === current) return absolute;
    tail.push(basename(current));
  }
}
function within(outer, inner) {
  const rel = relative(outer, inner);
  return rel === "" || !rel.startsWith(`..${sep}`) && rel !== ".." && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
}
async function placeProblem(path, guarded) {
  const dir = await canonical(path);
  if (dirname2(dir) === dir) return `${dir} is a filesystem root`;
  for (const guard of guarded) {
    if (guard.path.trim() === "") continue;
    const other = await canonical(guard.path);
    if (within(dir, other)) return `${dir} ${dir === other ? "is" : "contains"} ${guard.label} (${other})`;
    if (guard.ownedByRun && within(other, dir)) return `${dir} is inside ${guard.label} (${other}), which the run deletes`;
  }
  return void 0;
}
async function accessProblem(path) {
  const link = await lstat2(path).catch(() => void 0);
  if (link?.isSymbolicLink() && await stat2(path).catch(() => void 0) === void 0) return "it is a symlink to nothing (dangling)";
  for (let current = resolve(path), wanted = true; ; current = dirname2(current), wanted = false) {
    const info = await stat2(current).catch((error) => error.code === "ENOENT" ? void 0 : error);
    if (info instanceof Error) return `${current}: ${info.code === "ENOTDIR" ? "a part of the path is a file, not a folder (ENOTDIR)" : info.code ?? info.message}`;
    if (info === void 0) {
      if (dirname2(current) === current) return "no existing parent folder";
      continue;
    }
    if (!info.isDirectory()) return wanted ? "it is a file" : `${current} is a file (ENOTDIR)`;
    return access2(current, constants2.W_OK).then(
      () => void 0,
      (error) => `${current} is not writable (${error.code ?? error.message})`
    );
  }
}
async function checkCacheDir(path, guarded = []) {
  const place = await placeProblem(path, guarded);
  if (place !== void 0) {
    throw new InputError("cache-dir", {
      got: `${path}: ${place}`,
      expected: "a folder of its own for the encoder files (only the verified files go into the image, but the action writes and may clean up in it)",
      fix: "point cache-dir (--out) at a dedicated folder, e.g. ${{ runner.temp }}/tiktoken_cache, or leave it empty for that default"
    });
  }
  const problem = await accessProblem(path);
  if (problem === void 0) return;
  throw new InputError("cache-dir", {
    got: `${path}: ${problem}`,
    expected: "a folder this job can create and write",
    fix: "point cache-dir (--out) at a writable folder, or leave it empty for $RUNNER_TEMP/tiktoken_cache"
  });
}

// src/encoders/selection.ts
init_define_ACTION_INPUTS();
function baseName(url) {
  const path = new URL(url).pathname;
  const last = path.slice(path.lastIndexOf("/") + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
function selectFiles(encodings, extras = []) {
  const users = /* @__PURE__ */ new Map();
  for (const encoding of encodings) {
    for (const id of ENCODINGS[encoding]) {
      const list = users.get(id) ?? [];
      if (!list.includes(encoding)) list.push(encoding);
      users.set(id, list);
    }
  }
  const pinned = Object.values(PINNED_FILES).filter((pin) => users.has(pin.id)).map((pin) => {
    const url = canonicalUrl(pin);
    return {
      id: pin.id,
      encodings: users.get(pin.id) ?? [],
      url,
      cacheFile: cacheFileName(url),
      sourceNames: [baseName(url)],
      sha256: pin.sha256,
      size: pin.size,
      extra: false
    };
  });
  const added = extras.map(
    (extra) => ({
      id: extra.name,
      encodings: [extra.name],
      url: extra.url,
      cacheFile: cacheFileName(extra.url),
      sourceNames: [.../* @__PURE__ */ new Set([extra.name, baseName(extra.url)])].filter((n) => n !== ""),
      sha256: extra.sha256.toLowerCase(),
      extra: true
    })
  );
  return [...pinned, ...added];
}

// src/prepare/drift.ts
init_define_ACTION_INPUTS();
function reason3(error) {
  return error instanceof Error ? error.message.split("\n")[0] ?? "" : String(error);
}
function driftReport(mismatches, failures) {
  const expected = (file) => file.size === void 0 ? { sha256: file.sha256 } : { sha256: file.sha256, size: file.size };
  return [
    ...mismatches.map(
      (m) => ({ id: m.file.id, url: m.file.url, from: m.from, expected: expected(m.file), actual: m.measured })
    ),
    ...failures.map(
      (f) => ({ id: f.file.id, url: f.file.url, from: f.from, expected: expected(f.file), error: reason3(f.error) })
    )
  ].sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
function driftError(drifted) {
  const lines = drifted.map(
    (d) => d.actual ? `${d.id} (${d.from}): sha256 ${d.actual.sha256}, ${d.actual.size} bytes` : `${d.id} (${d.from}): not fetched: ${d.error ?? "unknown error"}`
  );
  const expected = drifted.map((d) => `${d.id}: sha256 ${d.expected.sha256}${d.expected.size === void 0 ? "" : `, ${d.expected.size} bytes`}`);
  return new DriftError(
    {
      what: `refresh: upstream bytes of ${drifted.filter((d) => d.actual).length} pinned file(s) no longer match the pins (drift); nothing was kept`,
      got: lines.join("\n            "),
      expected: expected.join("\n            "),
      fix: "review the new upstream files; if the change is genuine, update their sha256 and size in src/pins.ts (or extra-encoders) and release; until then builds keep using the cached, pinned bytes"
    },
    drifted
  );
}

// src/prepare/actions-cache-step.ts
init_define_ACTION_INPUTS();
import { mkdir as mkdir4, rename, rm as rm4 } from "node:fs/promises";
import { join as join7 } from "node:path";

// src/prepare/staging.ts
init_define_ACTION_INPUTS();
import { createHash as createHash3 } from "node:crypto";
import { mkdir as mkdir3, mkdtemp, readdir as readdir3, rm as rm3 } from "node:fs/promises";
import { hostname } from "node:os";
import { join as join6 } from "node:path";
var HOST = createHash3("sha256").update(hostname()).digest("hex").slice(0, 8);
var RUN_FOLDER = /^run-([0-9a-f]{8})-(\d+)-[A-Za-z0-9]{6}$/;
async function removeCrashedRuns(root) {
  for (const name of await readdir3(root).catch(() => [])) {
    const match = RUN_FOLDER.exec(name);
    if (match && match[1] === HOST && !processAlive(Number(match[2]))) await rm3(join6(root, name), { recursive: true, force: true });
  }
}
function stagingRoot(runnerTemp, defaultCacheRoot2) {
  return join6(runnerTemp ?? defaultCacheRoot2, "oneapi-offline-staging");
}
function actionsCacheDir(root) {
  return join6(root, "actions-cache");
}
async function openRunStaging(root) {
  let dir;
  try {
    await mkdir3(root, { recursive: true });
    await removeCrashedRuns(root);
    dir = await mkdtemp(join6(root, `run-${HOST}-${process.pid}-`));
  } catch (error) {
    throw writeFailure(root, error, "RUNNER_TEMP");
  }
  return { root, dir, dispose: () => rm3(dir, { recursive: true, force: true }) };
}

// src/prepare/actions-cache-step.ts
function lockOptions(log) {
  return { onWait: (message) => log.info(`Actions cache hand-off folder: ${message}`) };
}
async function fromActionsCache(all, wanted, port, staging, log) {
  const fixed = actionsCacheDir(staging.root);
  const mine = join7(staging.dir, "actions-cache");
  await mkdir4(mine, { recursive: true });
  return withFolderLock(staging.root, lockOptions(log), async () => {
    try {
      await rm4(fixed, { recursive: true, force: true });
      await mkdir4(fixed, { recursive: true });
      const restored = await port.restore(actionsCacheKey(all), fixed);
      if (!restored) return { acquired: [], restored };
      const acquired = [];
      for (const file of wanted) {
        const path = join7(fixed, file.cacheFile);
        const measured = await hashFileIfPresent(path, readLimit(file), { noFollow: true }).catch(() => void 0);
        if (measured !== void 0 && checkPin(file, measured, path) === void 0) {
          const kept = join7(mine, file.cacheFile);
          await rename(path, kept);
          log.info(`${file.id}: from the Actions cache (sha256 ${measured.sha256})`);
          acquired.push({ file, from: { path: kept }, measured, source: "actions-cache" });
        } else {
          log.warning(
            `Actions cache: ${file.id} in the restored entry is ${measured ? `damaged (sha256 ${measured.sha256})` : "missing"}; downloading it instead`
          );
        }
      }
      return { acquired, restored };
    } finally {
      await rm4(fixed, { recursive: true, force: true });
    }
  });
}
async function saveActionsCache(files, port, staging, log) {
  const fixed = actionsCacheDir(staging.root);
  const mine = join7(staging.dir, "actions-cache-save");
  try {
    await mkdir4(mine, { recursive: true });
    for (const { file, from } of files) await copyVerified(from, mine, file.cacheFile, file);
  } catch (error) {
    log.warning(`Actions cache: not saved, the files could not be staged (${error instanceof Error ? error.message : String(error)})`);
    return;
  }
  await withFolderLock(staging.root, lockOptions(log), async () => {
    try {
      await rm4(fixed, { recursive: true, force: true });
      await rename(mine, fixed);
      await port.save(
        actionsCacheKey(files.map((a) => a.file)),
        fixed
      );
    } finally {
      await rm4(fixed, { recursive: true, force: true });
    }
  });
}

// src/prepare/from-download.ts
init_define_ACTION_INPUTS();
import { rm as rm5 } from "node:fs/promises";
import { join as join8 } from "node:path";

// src/prepare/mirror.ts
init_define_ACTION_INPUTS();
function bad(raw, why) {
  return new InputError("mirror", {
    got: `${JSON.stringify(redactUrl(raw.trim()))} (${why})`,
    expected: "an http:// or https:// base URL without ?query or #fragment, e.g. https://mirror.example/openai",
    fix: `set mirror to the URL the upstream paths live under, or leave it empty for ${CANONICAL_ORIGIN}`
  });
}
function parseMirror(raw) {
  const value = raw.trim();
  if (value === "") return CANONICAL_ORIGIN;
  let url;
  try {
    url = new URL(value);
  } catch {
    throw bad(value, "not a URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw bad(value, `scheme ${url.protocol} is not http or https`);
  if (url.search !== "" || url.hash !== "") throw bad(value, "has a query or fragment");
  url.pathname = url.pathname.replace(/\/+$/, "");
  return url.toString().replace(/\/+$/, "");
}
function downloadUrl(mirror, url) {
  return url.startsWith(`${CANONICAL_ORIGIN}/`) ? `${mirror}${url.slice(CANONICAL_ORIGIN.length)}` : url;
}

// src/prepare/from-download.ts
function downloadRequest(file, mirror, limits) {
  const maxBytes = file.size === void 0 ? limits.maxBytesUnpinned : Math.max(file.size * 2, 1 << 20);
  return {
    url: downloadUrl(mirror, file.url),
    label: file.id,
    maxBytes,
    idleTimeoutMs: limits.idleTimeoutMs,
    totalTimeoutMs: limits.totalTimeoutMs,
    attempts: limits.attempts,
    backoffMs: limits.backoffMs
  };
}
async function fromDownload(files, mirror, limits, stagingDir, deps) {
  const acquired = [];
  const mismatches = [];
  const failures = [];
  await Promise.all(
    files.map(async (file) => {
      const request = downloadRequest(file, mirror, limits);
      const from = redactUrl(request.url);
      const dest = join8(stagingDir, file.cacheFile);
      try {
        const got = await deps.download(request, dest, { log: deps.log });
        const measured = { sha256: got.sha256, size: got.size };
        const problem = checkPin(file, measured, request.url);
        if (problem) {
          await rm5(got.path, { force: true });
          mismatches.push({ file, from, measured, error: problem });
          return;
        }
        const tries = got.attempts > 1 ? ` after ${got.attempts} attempts` : "";
        deps.log.info(`${file.id}: downloaded from ${from}${tries} (sha256 ${got.sha256})`);
        acquired.push({ file, from: { path: got.path }, measured, source: "download" });
      } catch (error) {
        await rm5(dest, { force: true });
        failures.push({ file, from, error });
      }
    })
  );
  return { acquired, mismatches, failures };
}

// src/prepare/from-source.ts
init_define_ACTION_INPUTS();
import { createHash as createHash4 } from "node:crypto";
async function measure(candidate, file, source) {
  if ("path" in candidate.from) {
    try {
      return await hashFile(candidate.from.path, readLimit(file));
    } catch (error) {
      if (!(error instanceof UnreadableFile)) throw error;
      return new InputError(
        "source",
        {
          what: `input "source": the candidate for ${file.id} cannot be read`,
          got: error.message,
          expected: `a readable regular file with the pinned ${file.id}`,
          fix: `replace ${candidate.display} with the encoder file itself (a FIFO, device, folder or dangling symlink will not do), or remove it from ${source.path}`
        },
        { cause: error }
      );
    }
  }
  const { bytes } = candidate.from;
  if (bytes.length > readLimit(file)) return { sha256: "", size: bytes.length };
  return { sha256: createHash4("sha256").update(bytes).digest("hex"), size: bytes.length };
}
async function fromSource(files, source, log) {
  const acquired = [];
  for (const file of files) {
    const candidates = source.candidates(file);
    if (candidates.length === 0) {
      throw new InputError("source", {
        what: `input "source" has no file for ${file.id}`,
        got: source.path,
        expected: `a file named ${[...file.sourceNames, file.cacheFile].join(" or ")} (top level or one folder down)`,
        fix: `add ${file.id} (${redactUrl(file.url)}) to the ${source.kind}, or remove its encoding from encoders`
      });
    }
    let firstProblem;
    let found;
    let shown = "";
    for (const candidate of candidates) {
      const measured = await measure(candidate, file, source);
      if (measured instanceof InputError) {
        log.warning(`source: ${candidate.display} cannot be read (${measured.problem.got ?? ""}); skipped`);
        firstProblem ??= measured;
        continue;
      }
      const problem = checkPin(file, measured, candidate.display);
      if (problem === void 0) {
        found = { file, from: candidate.from, measured, source: "source" };
        shown = candidate.display;
        break;
      }
      log.warning(`source: ${candidate.display} is not the pinned ${file.id} (${measured.sha256 === "" ? `${measured.size} bytes, too large` : `sha256 ${measured.sha256}`}); skipped`);
      firstProblem ??= problem;
    }
    if (!found) throw firstProblem ?? new Error(`internal: no candidate for ${file.id}`);
    log.info(`${file.id}: from source ${shown} (sha256 ${found.measured.sha256})`);
    acquired.push(found);
  }
  return acquired;
}

// src/prepare/from-tool-cache.ts
init_define_ACTION_INPUTS();
async function fromToolCache(files, toolCache, log) {
  const acquired = [];
  for (const file of files) {
    const path = toolCache.find(file.id, file.sha256);
    if (path === void 0) continue;
    const measured = await hashFileIfPresent(path, readLimit(file)).catch(() => void 0);
    const problem = measured === void 0 ? new Error("unreadable") : checkPin(file, measured, path);
    if (measured !== void 0 && problem === void 0) {
      log.info(`${file.id}: from the tool cache (sha256 ${measured.sha256})`);
      acquired.push({ file, from: { path }, measured, source: "tool-cache" });
      continue;
    }
    log.warning(
      `tool cache: the entry for ${file.id} at ${path} is damaged (${measured ? `sha256 ${measured.sha256}, ${measured.size} bytes` : "unreadable"}; expected sha256 ${file.sha256}); removed, fetching it again`
    );
    await toolCache.evict(file.id, file.sha256);
  }
  return acquired;
}

// src/prepare/result.ts
init_define_ACTION_INPUTS();
function cacheHitOf(sources) {
  const distinct = [...new Set(sources)];
  const [only] = distinct;
  return distinct.length === 1 && only !== void 0 ? only : "mixed";
}

// src/prepare/prepare.ts
function missing(files, acquired) {
  const have = new Set(acquired.map((a) => a.file.id));
  return files.filter((file) => !have.has(file.id));
}
async function acquireOnline(files, options, deps, staging) {
  const { log } = deps;
  const acquired = [];
  let restored = false;
  if (options.cache && !options.refresh) {
    acquired.push(...await fromToolCache(files, deps.toolCache, log));
    const left2 = missing(files, acquired);
    if (left2.length > 0) {
      const fromActions = await fromActionsCache(files, left2, deps.actionsCache, staging, log);
      restored = fromActions.restored;
      acquired.push(...fromActions.acquired);
    }
  } else if (options.refresh) {
    log.info("refresh: every cache is ignored; downloading every file again to check for drift");
  }
  const left = missing(files, acquired);
  if (left.length === 0) return { acquired, restored };
  const downloadDir = join9(staging.dir, "downloads");
  await mkdir5(downloadDir, { recursive: true });
  const outcome = await fromDownload(left, options.mirror, options.limits, downloadDir, deps);
  if (options.refresh && outcome.mismatches.length > 0) throw driftError(driftReport(outcome.mismatches, outcome.failures));
  const problems = [...outcome.mismatches.map((m) => m.error), ...outcome.failures.map((f) => f.error)];
  for (const problem of problems.slice(1)) log.warning(problem instanceof Error ? problem.message : String(problem));
  if (problems.length > 0) throw stagingProblem(problems[0], downloadDir);
  acquired.push(...outcome.acquired);
  return { acquired, restored };
}
function stagingProblem(error, dir) {
  const attempt = error instanceof DownloadError ? error.cause : void 0;
  if (attempt instanceof AttemptFailure && attempt.failure.kind === "file") return writeFailure(dir, attempt.cause ?? attempt, "RUNNER_TEMP");
  return error;
}
function reportLayout(dir, layout, log) {
  if (layout.written.length > 0) log.info(`cache folder ${dir}: wrote ${layout.written.length} file(s): ${layout.written.join(", ")}`);
  for (const { name, was } of layout.replaced) {
    log.warning(`cache folder ${dir}: replaced ${name} (listed by this action's earlier manifest.json) that held other bytes (${was.sha256 === "" ? "too large to hash" : `sha256 ${was.sha256}`}, ${was.size} bytes)`);
  }
  for (const name of layout.removed) log.info(`cache folder ${dir}: removed ${name} (listed by this action's earlier manifest.json, no longer selected)`);
  if (layout.foreign.length > 0) {
    log.info(`cache folder ${dir}: left ${layout.foreign.length} file(s) that are not this action's alone (they are not part of the image): ${layout.foreign.join(", ")}`);
  }
}
async function prepare(options, deps) {
  const { log } = deps;
  const files = selectFiles(options.encodings, options.extras);
  await checkCacheDir(options.cacheDir, options.guardedDirs);
  await checkLayout(options.cacheDir, files);
  const source = options.source !== void 0 ? await openSource(options.source, files) : void 0;
  const staging = await openRunStaging(deps.stagingDir);
  try {
    const { acquired, restored } = source ? { acquired: await fromSource(files, source, log), restored: false } : await acquireOnline(files, options, deps, staging);
    const byId = new Map(acquired.map((a) => [a.file.id, a]));
    const ordered = files.map((file) => {
      const found = byId.get(file.id);
      if (!found) throw new Error(`internal: ${file.id} was not acquired`);
      return found;
    });
    try {
      await mkdir5(options.cacheDir, { recursive: true });
    } catch (error) {
      throw writeFailure(options.cacheDir, error);
    }
    const layout = await withFolderLock(options.cacheDir, { onWait: (message) => log.info(`cache folder ${message}`) }, async () => {
      const written = await writeLayout(
        options.cacheDir,
        ordered.map((a) => ({ file: a.file, from: a.from }))
      );
      if (options.cache) {
        for (const a of ordered) {
          if (a.source !== "tool-cache") await deps.toolCache.save(a.file.id, a.file.sha256, join9(options.cacheDir, a.file.cacheFile));
        }
      }
      return written;
    });
    reportLayout(options.cacheDir, layout, log);
    if (options.cache && ordered.some((a) => a.source === "download") && !restored) {
      await saveActionsCache(ordered, deps.actionsCache, staging, log);
    }
    return {
      cacheDir: options.cacheDir,
      cacheHit: cacheHitOf(ordered.map((a) => a.source)),
      manifest: layout.manifest,
      manifestPath: layout.manifestPath,
      drift: false,
      files: ordered.map((a) => ({
        id: a.file.id,
        encodings: a.file.encodings,
        url: a.file.url,
        cacheFile: a.file.cacheFile,
        sha256: a.measured.sha256,
        size: a.measured.size,
        source: a.source
      }))
    };
  } finally {
    await staging.dispose();
  }
}
function pinSetKey(options) {
  return actionsCacheKey(selectFiles(options.encodings, options.extras));
}

// src/proxy/settings.ts
init_define_ACTION_INPUTS();
function pick(input, env, name) {
  const candidates = [
    ["input", input],
    [name.toLowerCase(), env[name.toLowerCase()]],
    [name.toUpperCase(), env[name.toUpperCase()]]
  ];
  for (const [from, value] of candidates) {
    const trimmed = value?.trim();
    if (trimmed) return { value: trimmed, from };
  }
  return void 0;
}
function showRejected(value) {
  const redacted = redactUrl(value);
  return JSON.stringify(redacted.includes("@") ? redacted.replace(/^([a-z][a-z0-9+.-]*:\/\/)?.*@/i, "$1***@") : redacted);
}
function checkProxyUrl(input, picked) {
  const { from } = picked;
  const value = picked.value.includes("://") ? picked.value : `http://${picked.value}`;
  let url;
  try {
    url = new URL(value);
  } catch {
    url = void 0;
  }
  if (!url || url.protocol !== "http:" && url.protocol !== "https:" || url.hostname === "") {
    throw new InputError(input, {
      ...from === "input" ? {} : { what: `input "${input}" is empty and the runner's ${from} is not a usable proxy URL` },
      got: showRejected(picked.value),
      expected: "an http:// or https:// proxy URL, e.g. http://user:password@proxy.example:3128",
      fix: `set ${input} (or the runner's ${input === "http-proxy" ? "HTTP_PROXY" : "HTTPS_PROXY"}) to a proxy URL such as http://proxy.example:3128, or leave it empty for no proxy`
    });
  }
  return value;
}
function resolveProxySettings(inputs, env) {
  const http = pick(inputs.httpProxy, env, "HTTP_PROXY");
  const https = pick(inputs.httpsProxy, env, "HTTPS_PROXY");
  const noProxy = pick(inputs.noProxy, env, "NO_PROXY");
  return {
    ...http !== void 0 ? { http: checkProxyUrl("http-proxy", http) } : {},
    ...https !== void 0 ? { https: checkProxyUrl("https-proxy", https) } : {},
    ...noProxy !== void 0 ? { noProxy: noProxy.value } : {}
  };
}
function proxyEnvironment(settings) {
  const env = {};
  const put = (name, value) => {
    if (value === void 0) return;
    env[name] = value;
    env[name.toLowerCase()] = value;
  };
  put("HTTP_PROXY", settings.http);
  put("HTTPS_PROXY", settings.https);
  put("NO_PROXY", settings.noProxy);
  return env;
}
function proxySecrets2(settings) {
  const found = /* @__PURE__ */ new Set();
  for (const url of [settings.http, settings.https]) {
    if (url !== void 0) for (const secret of urlSecrets(url)) found.add(secret);
  }
  return [...found];
}

// src/pipeline/expectations.ts
init_define_ACTION_INPUTS();

// src/image/expectations.ts
init_define_ACTION_INPUTS();
function expectedFile(file) {
  return {
    cacheFile: file.cacheFile,
    sha256: file.sha256,
    ...file.size !== void 0 ? { size: file.size } : {},
    id: file.id,
    encodings: [...file.encodings]
  };
}
function expectationsFrom(manifest, cachePath, consumers) {
  return { cachePath, files: manifest.files.map(expectedFile), ...consumers ? { consumers } : {} };
}

// src/pipeline/expectations.ts
function expectationsOf(cachePath, prepared, selection, options = { consumers: ["tiktoken", "tiktoken-go"], encodersFromImage: false }) {
  const { consumers } = options;
  if (prepared) return expectationsFrom(prepared.manifest, cachePath, consumers);
  if (options.encodersFromImage) {
    return { cachePath, files: [], fromImage: true, known: selectFiles(ENCODING_NAMES, selection.extras).map(expectedFile), consumers };
  }
  return { cachePath, files: selectFiles(selection.encodings, selection.extras).map(expectedFile), consumers };
}

// src/pipeline/plan.ts
init_define_ACTION_INPUTS();
import { readFile as readFile2, stat as stat3 } from "node:fs/promises";
import { join as join11, resolve as resolve2 } from "node:path";

// src/build/annotations.ts
init_define_ACTION_INPUTS();
var ANNOTATION_LEVELS = ["index", "manifest", "index-descriptor", "manifest-descriptor"];
var PREFIX = /^([a-z-]+(?:,[a-z-]+)*)(?:\[([A-Za-z0-9_/-]+)\])?:(.+)$/;
var KEY = /^[^\s=:]+$/;
var EXPECTED = "one [index|manifest|index-descriptor|manifest-descriptor[,\u2026][[platform]]:]key=value per line, e.g. org.opencontainers.image.title=one-api";
function bad2(line, fix) {
  throw new InputError("annotations", { got: JSON.stringify(line), expected: EXPECTED, fix });
}
function parseAnnotation(line) {
  const eq = line.indexOf("=");
  if (eq <= 0) bad2(line, "write each annotation as key=value");
  const head = line.slice(0, eq);
  const value = line.slice(eq + 1);
  const typed = PREFIX.exec(head);
  if (!typed) {
    if (!KEY.test(head)) bad2(line, 'an annotation key has no spaces or ":" (a prefix before ":" names the levels, e.g. index,manifest:)');
    return { key: head, value };
  }
  const [, types = "", platform, key = ""] = typed;
  const levels = types.split(",");
  for (const level of levels) {
    if (!ANNOTATION_LEVELS.includes(level)) bad2(line, `"${level}" is not an annotation level: use ${ANNOTATION_LEVELS.join(", ")}`);
  }
  if (!KEY.test(key)) bad2(line, 'an annotation key has no spaces, "=" or ":"');
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

// src/build/dockerfile-from.ts
init_define_ACTION_INPUTS();
function instructions(text) {
  const lines = text.split(/\r?\n/);
  let escape = "\\";
  for (const line of lines) {
    const directive = /^#\s*escape\s*=\s*([\\`])\s*$/i.exec(line);
    if (directive?.[1]) escape = directive[1];
    else if (!/^#\s*\w+\s*=/.test(line)) break;
  }
  const out = [];
  let current = "";
  for (const line of lines) {
    if (/^\s*#/.test(line)) continue;
    const trimmed = line.replace(/\s+$/, "");
    if (trimmed.endsWith(escape)) {
      current += `${trimmed.slice(0, -1)} `;
      continue;
    }
    current += trimmed;
    const match = /^\s*(\w+)\s*(.*)$/.exec(current);
    if (match?.[1]) out.push([match[1].toUpperCase(), match[2] ?? ""]);
    current = "";
  }
  return out;
}
function substitute(text, args) {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+][^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced, bare) => {
    const name = braced ?? bare ?? "";
    const value = args.get(name);
    if (value !== void 0) return value;
    const dflt = /^\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}$/.exec(whole);
    return dflt ? dflt[1] ?? "" : whole;
  });
}
function dockerfileFromImages(text, buildArgs, contexts) {
  const given = new Map(buildArgs);
  const globals = /* @__PURE__ */ new Map();
  const stages = /* @__PURE__ */ new Set();
  const named = new Set(contexts.map((c) => c.toLowerCase()));
  const images = [];
  const skipped = [];
  let seenFrom = false;
  for (const [keyword, rest] of instructions(text)) {
    if (keyword === "ARG" && !seenFrom) {
      for (const decl of rest.split(/\s+/).filter(Boolean)) {
        const eq = decl.indexOf("=");
        const name = eq < 0 ? decl : decl.slice(0, eq);
        const dflt = eq < 0 ? void 0 : decl.slice(eq + 1).replace(/^"(.*)"$/, "$1").replace(/^'(.*)'$/, "$1");
        const value = given.get(name) ?? (dflt === void 0 ? void 0 : substitute(dflt, globals));
        if (value !== void 0) globals.set(name, value);
      }
      continue;
    }
    if (keyword !== "FROM") continue;
    seenFrom = true;
    const later = [];
    const words = rest.split(/\s+/).filter(Boolean);
    const flags = words.filter((w) => w.startsWith("--"));
    const [ref = "", as, stage] = words.filter((w) => !w.startsWith("--"));
    if (as?.toUpperCase() === "AS" && stage) later.push(stage.toLowerCase());
    const platformFlag = flags.find((f) => f.startsWith("--platform="));
    const resolved = substitute(ref, globals);
    const lower = resolved.toLowerCase();
    if (platformFlag && /\$\{?BUILDPLATFORM\b/.test(platformFlag)) skipped.push({ ref, why: "runs on the build platform (--platform=$BUILDPLATFORM)" });
    else if (resolved.includes("$")) skipped.push({ ref, why: "depends on an ARG with no value" });
    else if (lower === "scratch") skipped.push({ ref, why: "scratch is empty, any platform" });
    else if (stages.has(lower)) skipped.push({ ref, why: "an earlier build stage" });
    else if (named.has(lower)) skipped.push({ ref, why: "a named build context" });
    else if (platformFlag && !/\$\{?TARGETPLATFORM\b/.test(platformFlag)) skipped.push({ ref, why: `pinned to ${platformFlag.slice("--platform=".length)}` });
    else if (!images.includes(resolved)) images.push(resolved);
    for (const name of later) stages.add(name);
  }
  return { images, skipped };
}

// src/build/cache-image-input.ts
init_define_ACTION_INPUTS();
function parseCacheImage(raw) {
  const value = raw("cache-image").trim();
  return value === "" ? void 0 : parseFullTag("cache-image", value);
}

// src/build/engine-input.ts
init_define_ACTION_INPUTS();
var ENGINES = ["buildx", "registry"];
function parseEngine(raw) {
  const value = raw("engine").trim() || "buildx";
  if (!ENGINES.includes(value)) {
    throw new InputError("engine", { got: JSON.stringify(value), expected: ENGINES.join(" or "), fix: "set engine to buildx (the default) or registry (overlay mode without Docker)" });
  }
  return value;
}
function checkRegistryEngine(options, raw) {
  if (options.mode.kind !== "overlay") {
    throw new InputError("engine", {
      got: "registry, without base-image",
      expected: "engine: registry together with base-image (overlay mode)",
      fix: "set base-image to the image to make offline, or use engine: buildx for Dockerfile builds"
    });
  }
  try {
    parseBaseImage(options.mode.baseImage);
  } catch (error) {
    throw new InputError("base-image", {
      got: JSON.stringify(options.mode.baseImage),
      expected: "a registry reference (host/name:tag or @sha256:\u2026), oci-layout://DIR[:TAG] or oci-archive://FILE[:TAG]",
      fix: error.message
    }, { cause: error });
  }
  if (options.load) {
    throw new InputError("load", { got: "true with engine: registry", expected: "push and/or archive", fix: "push the image or write an archive (then `docker load -i` it), or use engine: buildx" });
  }
  if (raw("build-args").trim() !== "") {
    throw new InputError("build-args", { got: "build-args with engine: registry", expected: "no build-args: the registry engine runs no Dockerfile", fix: "remove build-args, or use engine: buildx" });
  }
  if (!options.push && !options.archive) {
    throw new InputError("engine", { got: "registry with neither push nor archive", expected: "push: true (with images) and/or archive: PATH", fix: "say where the image goes: push to a registry or write an OCI archive" });
  }
}

// src/build/platforms.ts
init_define_ACTION_INPUTS();
var KNOWN_ARCHITECTURES = {
  amd64: ["v1", "v2", "v3", "v4"],
  arm64: ["v8", "v9"],
  arm: ["v5", "v6", "v7", "v8"],
  "386": [],
  ppc64le: [],
  s390x: [],
  riscv64: [],
  mips64le: [],
  mips64: [],
  loong64: []
};
var KNOWN_OS = ["linux", "windows"];
var ALIASES = {
  x86_64: "amd64",
  x64: "amd64",
  aarch64: "arm64",
  armhf: "arm/v7",
  i386: "386"
};
var EXPECTED2 = `os/arch[/variant] with os in ${KNOWN_OS.join(", ")} and arch in ${Object.keys(KNOWN_ARCHITECTURES).join(", ")}, e.g. linux/amd64,linux/arm64`;
function reject(item, fix) {
  throw new InputError("platforms", { got: JSON.stringify(item), expected: EXPECTED2, fix });
}
function parsePlatform(item) {
  const parts = item.split("/");
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === "")) {
    reject(item, "write each platform as os/arch or os/arch/variant, e.g. linux/arm64");
  }
  const [os = "", arch = "", variant] = parts;
  if (!KNOWN_OS.includes(os)) reject(item, `use one of the operating systems ${KNOWN_OS.join(", ")}`);
  if (!Object.hasOwn(KNOWN_ARCHITECTURES, arch)) {
    const alias = ALIASES[arch];
    reject(item, alias ? `write ${os}/${alias} instead of ${item}` : `use a known architecture (${Object.keys(KNOWN_ARCHITECTURES).join(", ")})`);
  }
  if (variant !== void 0) {
    const variants = KNOWN_ARCHITECTURES[arch];
    if (!variants.includes(variant)) {
      reject(item, variants.length ? `use a variant of ${arch}: ${variants.join(", ")}` : `drop the variant: ${arch} has none`);
    }
  }
  return item;
}
function parsePlatforms(raw) {
  const items = parseList(raw);
  if (items.length === 0) {
    throw new InputError("platforms", { got: JSON.stringify(raw), expected: EXPECTED2, fix: "name at least one platform, e.g. linux/amd64" });
  }
  return [...new Set(items.map(parsePlatform))];
}

// src/build/options.ts
init_define_ACTION_INPUTS();
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
    return { kind: "overlay", baseImage };
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
  const { version, tags } = nameTags(draft.naming, { ref: facts.gitRef, sha: facts.sha });
  if (draft.naming.images.length > 0 && tags.length === 0 && !draft.pushByDigest) {
    throw new InputError("version", { got: "(empty, and no git tag or commit known)", expected: "a version to make tags from", fix: "set version (e.g. v1.2.3) or tags" });
  }
  const epoch = draft.givenEpoch ?? facts.commitTime;
  const buildArgs = mergePairs(proxyBuildArgs(draft.proxy), draft.userBuildArgs);
  if (epoch !== void 0) buildArgs.push(["SOURCE_DATE_EPOCH", String(epoch)]);
  const buildProxy = proxyOfBuildArgs(buildArgs);
  const provenance = chooseProvenance(draft.provenanceRaw, buildProxy);
  const labels = mergePairs(ociLabels({ version, revision: facts.sha, source: facts.repositoryUrl, sourceDateEpoch: epoch }), draft.userLabels);
  const secretValues = draft.buildSecrets.flatMap((s) => s.from === "value" ? [s.value] : []);
  return {
    mode: draft.mode,
    cacheDir: draft.cacheDir,
    cachePath: draft.cachePath,
    platforms,
    ...draft.builder ? { builder: draft.builder } : {},
    buildArgs,
    labels,
    annotations: annotationArgs(draft.annotations, platforms.length),
    images: draft.naming.images,
    ...version !== void 0 ? { version } : {},
    tags,
    push: draft.push || draft.pushByDigest,
    pushByDigest: draft.pushByDigest,
    load: draft.load,
    ...draft.archive ? { archive: draft.archive } : {},
    ...provenance.flag ? { provenance: provenance.flag } : {},
    ...provenance.notice ? { provenanceNotice: provenance.notice } : {},
    ...epoch !== void 0 ? { sourceDateEpoch: epoch } : {},
    verify: draft.verify,
    flags: draft.flags,
    buildSecrets: draft.buildSecrets,
    secrets: [.../* @__PURE__ */ new Set([...proxySecrets(draft.proxy), ...proxySecrets(buildProxy), ...secretValues])]
  };
}

// src/prepare/options.ts
init_define_ACTION_INPUTS();
import { join as join10 } from "node:path";

// src/prepare/encoder-list.ts
init_define_ACTION_INPUTS();
function parseEncoderList(raw) {
  if (raw.trim() === "") return [...DEFAULT_ENCODINGS];
  const items = parseList(raw);
  const valid = `one or more of ${ENCODING_NAMES.join(", ")}, or all`;
  if (items.length === 0) {
    throw new InputError("encoders", {
      got: JSON.stringify(raw),
      expected: valid,
      fix: `list at least one encoding, or leave encoders out for ${DEFAULT_ENCODINGS.join(",")}`
    });
  }
  const chosen = /* @__PURE__ */ new Set();
  for (const item of items) {
    if (item.toLowerCase() === "all") {
      for (const name of ENCODING_NAMES) chosen.add(name);
    } else if (isEncodingName(item)) {
      chosen.add(item);
    } else {
      throw new InputError("encoders", {
        got: JSON.stringify(item),
        expected: valid,
        fix: "fix the spelling, or add the file through extra-encoders if it is not a built-in encoding"
      });
    }
  }
  return [...chosen];
}

// src/prepare/extra-encoders.ts
init_define_ACTION_INPUTS();
var NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
var SHA256 = /^[0-9a-fA-F]{64}$/;
var PINNED_URLS = new Set(Object.values(PINNED_FILES).map((pin) => canonicalUrl(pin)));
var FORMAT = 'one "name url sha256" per line, e.g. my_base https://example.com/my_base.tiktoken <64 hex digits>';
function bad3(got, expected, fix) {
  return new InputError("extra-encoders", { got, expected, fix });
}
function parseLine(line) {
  const fields = line.split(/\s+/);
  const [name = "", url = "", sha256 = ""] = fields;
  const shown = JSON.stringify(fields.map((field) => redactUrl(field)).join(" "));
  if (fields.length !== 3) throw bad3(shown, FORMAT, "write each extra file as three fields separated by spaces");
  if (!NAME.test(name) || name.includes("..")) {
    throw bad3(
      `name ${JSON.stringify(name)} in ${shown}`,
      'a plain file name: letters, digits, ".", "_" or "-", without "/", ".." or spaces',
      "rename the entry; the name is only a label and the file is cached under sha1(url)"
    );
  }
  if (Object.hasOwn(PINNED_FILES, name)) {
    throw bad3(`name ${JSON.stringify(name)}`, "a name that is not a pinned file id", `choose another name; ${name} is built in`);
  }
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw bad3(`url ${JSON.stringify(redactUrl(url))} in ${shown}`, "an absolute http:// or https:// URL", "write the full URL tiktoken loads the file from");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw bad3(`url ${JSON.stringify(redactUrl(url))}`, "an http:// or https:// URL", "use the http(s) URL tiktoken loads the file from");
  }
  if (PINNED_URLS.has(url)) {
    throw bad3(`url ${url}`, "a URL that is not already pinned", "drop the line and add the encoding to `encoders` instead");
  }
  if (!SHA256.test(sha256)) {
    throw bad3(
      `sha256 ${JSON.stringify(sha256)} for ${name}`,
      "the file's sha256: 64 hexadecimal digits",
      `compute it from a trusted copy (sha256sum ${name}) and put it as the third field`
    );
  }
  return { name, url, sha256: sha256.toLowerCase() };
}
function parseExtraEncoders(raw) {
  const extras = parseLines(raw).map(parseLine);
  const seen = /* @__PURE__ */ new Set();
  for (const extra of extras) {
    for (const key of [`name ${extra.name}`, `url ${extra.url}`]) {
      if (seen.has(key)) throw bad3(`${key} twice`, "each name and url once", "remove the duplicate line");
      seen.add(key);
    }
  }
  return extras;
}

// src/prepare/options.ts
var DEFAULT_DOWNLOAD_LIMITS = {
  attempts: 4,
  backoffMs: 1e3,
  idleTimeoutMs: 3e4,
  totalTimeoutMs: 3e5,
  maxBytesUnpinned: MAX_UNPINNED_BYTES
};
function guardedDirsOf(env) {
  const candidates = [
    env.processEnv["GITHUB_WORKSPACE"] ? { label: "the workspace (GITHUB_WORKSPACE)", path: env.processEnv["GITHUB_WORKSPACE"] } : void 0,
    env.cwd ? { label: "the current working folder", path: env.cwd } : void 0,
    env.runnerTemp ? { label: "RUNNER_TEMP", path: env.runnerTemp } : void 0,
    env.processEnv["RUNNER_TEMP"] && env.processEnv["RUNNER_TEMP"] !== env.runnerTemp ? { label: "RUNNER_TEMP", path: env.processEnv["RUNNER_TEMP"] } : void 0,
    { label: "the staging folder", path: stagingRoot(env.runnerTemp, env.defaultCacheRoot), ownedByRun: true },
    env.workDir ? { label: "the run's work folder", path: env.workDir, ownedByRun: true } : void 0
  ];
  return candidates.filter((dir) => dir !== void 0 && dir.path.trim() !== "");
}
function cacheDirOf(raw, env) {
  const value = raw.trim();
  if (value !== "") {
    if (value.includes("\n") || value.includes("\0")) {
      throw new InputError("cache-dir", { got: JSON.stringify(raw), expected: "one folder path", fix: "set cache-dir to a single path" });
    }
    return value;
  }
  const root = env.runnerTemp?.trim() || env.defaultCacheRoot;
  return join10(root, "tiktoken_cache");
}
function sourceOf(raw) {
  const value = raw.trim();
  if (value === "") return void 0;
  if (value.includes("\n") || value.includes("\0")) {
    throw new InputError("source", { got: JSON.stringify(raw), expected: "one folder or tarball path", fix: "set source to a single path" });
  }
  return value;
}
function parsePrepareInputs(raw, env) {
  const encodings = parseEncoderList(raw("encoders"));
  const extras = parseExtraEncoders(raw("extra-encoders"));
  const mirror = parseMirror(raw("mirror"));
  const source = sourceOf(raw("source"));
  const cacheDir = cacheDirOf(raw("cache-dir"), env);
  const cache = parseBoolean("cache", raw("cache"), true);
  const refresh = parseBoolean("refresh", raw("refresh"), false);
  if (refresh && source !== void 0) {
    throw new InputError("refresh", {
      got: "refresh: true together with source",
      expected: "refresh (downloads again) or source (never downloads), not both",
      fix: "drop refresh to build from the local source, or drop source to check upstream for drift"
    });
  }
  const proxy = resolveProxySettings(
    { httpProxy: raw("http-proxy"), httpsProxy: raw("https-proxy"), noProxy: raw("no-proxy") },
    env.processEnv
  );
  return {
    encodings,
    extras,
    mirror,
    ...source !== void 0 ? { source } : {},
    cacheDir,
    cache,
    refresh,
    proxy,
    limits: DEFAULT_DOWNLOAD_LIMITS,
    guardedDirs: guardedDirsOf(env)
  };
}

// src/proxy/input-secrets.ts
init_define_ACTION_INPUTS();
var URL_INPUTS = ["mirror", "http-proxy", "https-proxy"];
var TEXT_INPUTS = ["extra-encoders", "context"];
var PROXY_NAMES = ["HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "ALL_PROXY"];
function isProxyName(name) {
  return PROXY_NAMES.includes(name.trim().toUpperCase());
}
function buildArgSecrets(text) {
  return text.split(/\r?\n/).flatMap((line) => {
    const eq = line.indexOf("=");
    const key = eq > 0 ? line.slice(0, eq) : "";
    const value = eq > 0 ? line.slice(eq + 1) : line;
    return [...isProxyName(key) ? urlSecrets(value) : [], ...textSecrets(line)];
  });
}
function inputSecrets(raw, env) {
  const found = [
    ...URL_INPUTS.flatMap((name) => [...urlSecrets(raw(name)), ...textSecrets(raw(name))]),
    ...TEXT_INPUTS.flatMap((name) => textSecrets(raw(name))),
    ...buildArgSecrets(raw("build-args")),
    ...Object.entries(env).flatMap(([name, value]) => value !== void 0 && isProxyName(name) ? urlSecrets(value) : [])
  ];
  return [...new Set(found)];
}

// src/pipeline/verify-options.ts
init_define_ACTION_INPUTS();
function parseConsumers(raw) {
  if (raw.trim() === "") return [...CONSUMERS];
  const chosen = [];
  for (const item of parseList(raw)) {
    const name = item.toLowerCase();
    if (!isConsumerName(name)) {
      throw new InputError("consumers", {
        got: JSON.stringify(item),
        expected: `one or more of ${CONSUMERS.join(", ")}`,
        fix: `list the readers that must work offline, e.g. consumers: ${CONSUMERS.join(",")}`
      });
    }
    if (!chosen.includes(name)) chosen.push(name);
  }
  if (chosen.length === 0) {
    throw new InputError("consumers", { got: JSON.stringify(raw), expected: `one or more of ${CONSUMERS.join(", ")}`, fix: "name at least one consumer, or leave the input out for both" });
  }
  return chosen;
}
function parseVerifyInputs(raw, verifyOnly) {
  return { consumers: parseConsumers(raw("consumers")), encodersFromImage: verifyOnly && raw("encoders").trim() === "" };
}

// src/pipeline/plan.ts
var ENGINE_PREFIX = "docker-daemon:";
var DEFAULT_CACHE_PATH = "/tiktoken_cache";
function plainCachePath(raw) {
  const value = raw("cache-path").trim() || DEFAULT_CACHE_PATH;
  if (!value.startsWith("/") || /[\r\n\0]/.test(value)) {
    throw new InputError("cache-path", { got: JSON.stringify(value), expected: "an absolute folder inside the image, e.g. /tiktoken_cache", fix: "set cache-path to the folder the image was built with" });
  }
  return value.length > 1 ? value.replace(/\/+$/, "") : value;
}
function verifySource(raw) {
  const archive = raw("archive").trim();
  if (archive) return { kind: "archive", path: archive };
  const reference = parseList(raw("images"))[0];
  if (!reference) return void 0;
  return reference.startsWith(ENGINE_PREFIX) ? { kind: "engine", reference: reference.slice(ENGINE_PREFIX.length) } : { kind: "image", reference };
}
async function checkSecretSources(draft, env, addSecret) {
  for (const secret of draft.buildSecrets) {
    if (secret.from === "value") addSecret(secret.value);
    if (secret.from === "env") {
      const value = env[secret.env];
      if (value === void 0 || value === "") {
        throw new InputError("secret-envs", { got: `${secret.id}=${secret.env}`, expected: `the environment variable ${secret.env} set and not empty`, fix: `set ${secret.env} in the step's env: (e.g. env: ${secret.env}: \${{ secrets.\u2026 }})` });
      }
      addSecret(value);
    }
    if (secret.from === "file") {
      const info = await stat3(secret.path).catch(() => void 0);
      if (!info?.isFile()) {
        throw new InputError("secret-files", { got: `${secret.id}=${secret.path}`, expected: "the path of a readable file", fix: "write the secret to that file first, or fix the path" });
      }
    }
  }
}
async function baseImages(draft, log) {
  if (draft.mode.kind === "overlay") return [draft.mode.baseImage];
  const { context } = draft.mode;
  if (/^[a-z]+:\/\//i.test(context) || context.startsWith("git@")) {
    log.info("platform check skipped: the build context is remote, its Dockerfile is read by buildx");
    return [];
  }
  const file = draft.mode.file !== void 0 ? resolve2(draft.mode.file) : join11(resolve2(context), "Dockerfile");
  const text = await readFile2(file, "utf8").catch(() => void 0);
  if (text === void 0) return [];
  const contexts = [CACHE_CONTEXT, ...draft.flags.buildContexts.map(([name]) => name)];
  const { images, skipped } = dockerfileFromImages(text, draft.userBuildArgs, contexts);
  for (const { ref, why } of skipped) log.info(`platform check: FROM ${ref} skipped (${why})`);
  return images;
}
async function plan(raw, facts, deps) {
  for (const secret of inputSecrets(raw, facts.processEnv)) deps.addSecret(secret);
  const prepareOptions = parsePrepareInputs(raw, {
    runnerTemp: facts.runnerTemp,
    defaultCacheRoot: facts.defaultCacheRoot,
    processEnv: facts.processEnv,
    cwd: facts.cwd,
    workDir: facts.workDir
  });
  const verifyOptions = parseVerifyInputs(raw, facts.verifyOnly ?? false);
  for (const secret of [...proxySecrets2(prepareOptions.proxy), ...urlSecrets(prepareOptions.mirror), ...prepareOptions.extras.flatMap((e) => urlSecrets(e.url))]) {
    deps.addSecret(secret);
  }
  if (facts.verifyOnly) {
    const source = verifySource(raw);
    return { mode: "verify", prepareOptions, verifyOptions, cachePath: plainCachePath(raw), ...source ? { source } : {} };
  }
  const mergeDraft = readMergeInputs(raw);
  if (mergeDraft) {
    const verify = parseBoolean("verify", raw("verify"), true);
    const builder = raw("builder").trim();
    const cachePath = plainCachePath(raw);
    const annotations = indexAnnotationArgs(parseAnnotations(raw("annotations")));
    for (const notice of mergeDraft.naming.notices) deps.log.notice(notice);
    const git3 = mergeDraft.naming.givenVersion === void 0 ? await facts.git() : {};
    const merge = resolveMerge(mergeDraft, { gitRef: git3.ref, sha: git3.sha });
    return {
      mode: "merge",
      prepareOptions,
      verifyOptions,
      cachePath,
      merge: { ...merge, ...annotations.length > 0 ? { annotations } : {}, ...builder ? { builder } : {}, verify }
    };
  }
  await checkCacheDir(prepareOptions.cacheDir, prepareOptions.guardedDirs);
  await checkLayout(prepareOptions.cacheDir, selectFiles(prepareOptions.encodings, prepareOptions.extras));
  const cacheImageRef = parseCacheImage(raw);
  if (!parseBoolean("build", raw("build"), true)) {
    const cachePath = plainCachePath(raw);
    const cacheImage2 = cacheImageRef ? { reference: cacheImageRef, cachePath, platforms: parsePlatforms(raw("platforms") || "linux/amd64,linux/arm64"), labels: [], verify: parseBoolean("verify", raw("verify"), true) } : void 0;
    return { mode: "prepare", prepareOptions, verifyOptions, cachePath, ...cacheImage2 ? { cacheImage: cacheImage2 } : {} };
  }
  const buildEngine = parseEngine(raw);
  const draft = readBuildInputs(raw, { proxy: prepareOptions.proxy, cacheDir: prepareOptions.cacheDir });
  await checkSecretSources(draft, facts.processEnv, deps.addSecret);
  const images = await baseImages(draft, deps.log);
  for (const notice of draft.naming.notices) deps.log.notice(notice);
  if (buildEngine === "registry") {
    const git3 = await facts.git();
    const registryBases = images.filter((image) => !/^oci-(layout|archive):\/\//.test(image));
    const read = deps.readPlatforms ?? await defaultReadPlatforms(facts, prepareOptions);
    const basePlatforms2 = await checkBasePlatforms({ images: registryBases, platforms: draft.platforms }, read, deps.log);
    const buildOptions2 = resolveBuildOptions(draft, { gitRef: git3.ref, sha: git3.sha, commitTime: git3.commitTime, repositoryUrl: facts.repositoryUrl, engineLoadsMultiPlatform: true, basePlatforms: basePlatforms2 });
    checkRegistryEngine(buildOptions2, raw);
    for (const secret of buildOptions2.secrets) deps.addSecret(secret);
    const cacheImage2 = cacheImageRef ? cacheImagePlan(cacheImageRef, buildOptions2) : void 0;
    return { mode: "build", prepareOptions, verifyOptions, cachePath: buildOptions2.cachePath, buildOptions: buildOptions2, buildEngine, ...cacheImage2 ? { cacheImage: cacheImage2 } : {} };
  }
  deps.inputsValid?.(prepareOptions);
  const probe = deps.probeEngine ?? ((builder, options) => probeEngine({ log: deps.log, docker: deps.docker }, builder, options));
  const readBase = async () => checkBasePlatforms({ images, platforms: draft.platforms }, deps.readPlatforms ?? await defaultReadPlatforms(facts, prepareOptions), deps.log);
  const [engine, git2, basePlatforms] = await inOrder([probe(draft.builder, { store: draft.load }), facts.git(), readBase()]);
  const buildOptions = resolveBuildOptions(draft, {
    gitRef: git2.ref,
    sha: git2.sha,
    commitTime: git2.commitTime,
    repositoryUrl: facts.repositoryUrl,
    engineLoadsMultiPlatform: engine.loadsMultiPlatform,
    basePlatforms
  });
  checkBuilderPlatforms(engine, buildOptions.platforms);
  for (const secret of buildOptions.secrets) deps.addSecret(secret);
  const cacheImage = cacheImageRef ? cacheImagePlan(cacheImageRef, buildOptions) : void 0;
  return { mode: "build", prepareOptions, verifyOptions, cachePath: buildOptions.cachePath, buildOptions, buildEngine, engine, ...cacheImage ? { cacheImage } : {} };
}
async function inOrder(promises) {
  const settled = await Promise.allSettled(promises);
  for (const outcome of settled) if (outcome.status === "rejected") throw outcome.reason;
  return settled.map((outcome) => outcome.value);
}
function cacheImagePlan(reference, options) {
  return { reference, cachePath: options.cachePath, platforms: options.platforms, labels: options.labels, sourceDateEpoch: options.sourceDateEpoch, verify: options.verify };
}
async function defaultReadPlatforms(facts, prepareOptions) {
  const { registryPlatforms } = await import("./base-platforms-IJJI6AN2.mjs");
  const { proxiedFetch } = await import("./proxy-fetch-AYCDL75E.mjs");
  const fetch = proxiedFetch(prepareOptions.proxy);
  return registryPlatforms({ dockerConfig: facts.dockerConfig, ...fetch ? { fetch } : {} });
}

// src/pipeline/verify-target.ts
init_define_ACTION_INPUTS();
function registryOf(reference) {
  try {
    return parseImageReference(reference).registry;
  } catch (error) {
    throw new InputError("images", {
      got: JSON.stringify(reference),
      expected: "an image reference such as ghcr.io/org/one-api@sha256:\u2026 or ghcr.io/org/one-api:tag",
      fix: "fix the image reference"
    }, { cause: error });
  }
}
function registryTarget(reference, dockerConfig) {
  const registry = registryOf(reference);
  const credentials = dockerConfig ? credentialsFromDockerConfig(dockerConfig, registry) : void 0;
  return { target: { kind: "registry", reference, ...credentials ? { credentials } : {} }, label: reference };
}
function verifyTarget(plan2, result, dockerConfig) {
  if (plan2.mode === "merge") {
    const image2 = plan2.merge.images[0];
    return image2 && result.merged ? registryTarget(`${image2}@${result.merged.digest}`, dockerConfig) : void 0;
  }
  if (plan2.mode === "verify") {
    const source = plan2.source;
    if (!source) return void 0;
    if (source.kind === "archive") return { target: { kind: "oci-archive", path: source.path }, label: source.path };
    if (source.kind === "engine") return { target: { kind: "docker", reference: source.reference }, label: `${source.reference} (local engine)` };
    return registryTarget(source.reference, dockerConfig);
  }
  const built = result.built;
  if (plan2.mode !== "build" || !built) return void 0;
  if (built.ociArchive) {
    return { target: { kind: "oci-archive", path: built.ociArchive }, label: built.archive ?? "the built image (OCI archive)" };
  }
  const image = plan2.buildOptions.images[0];
  if (built.digest && image && plan2.buildOptions.push) return registryTarget(`${image}@${built.digest}`, dockerConfig);
  return void 0;
}

// src/pipeline/pipeline.ts
function lostAnnotations(annotations, raw) {
  let present = {};
  try {
    present = JSON.parse(raw).annotations ?? {};
  } catch {
  }
  return annotations.map((a) => a.slice(a.indexOf(":") + 1, a.indexOf("="))).filter((key) => !(key in present));
}
function stampOf(p) {
  if (p.mode === "build") {
    const o = p.buildOptions;
    return { ...o.version !== void 0 ? { version: o.version } : {}, labels: o.labels.map(([k, v]) => `${k}=${v}`), annotations: o.annotations };
  }
  if (p.mode === "merge") return { ...p.merge.version !== void 0 ? { version: p.merge.version } : {}, labels: [], annotations: p.merge.annotations ?? [] };
  return void 0;
}
var download = async (request, dest, deps) => (await import("./download-file-BT6U66ZJ.mjs")).downloadFile(request, dest, deps);
function gatedPorts(gate, deps) {
  const open = async () => {
    if (!await gate) throw new PlanFailed();
  };
  return {
    actionsCache: {
      restore: async (key, dir) => await gate && deps.actionsCache.restore(key, dir),
      save: async (key, dir) => await gate ? deps.actionsCache.save(key, dir) : void 0
    },
    download: async (request, dest, downloadDeps) => {
      await open();
      return download(request, dest, downloadDeps);
    }
  };
}
var PlanFailed = class extends Error {
};
async function prepareStep(prepareOptions, facts, deps, gate) {
  deps.applyEnvironment(proxyEnvironment(prepareOptions.proxy));
  const ports = gate ? gatedPorts(gate, deps) : { actionsCache: deps.actionsCache, download };
  return deps.log.group(
    "Prepare the verified encoder cache",
    () => prepare(prepareOptions, {
      log: deps.log,
      toolCache: deps.toolCache,
      ...ports,
      // A fixed root: each run stages in its own folder under it, but the Actions cache matches
      // entries on the hand-off path inside it (see src/prepare/staging.ts).
      stagingDir: stagingRoot(facts.runnerTemp, facts.defaultCacheRoot)
    })
  );
}
async function mergeStep(p, facts, deps) {
  const [{ mergeImages }, { runDocker }] = await Promise.all([import("./merge-JXVWGHQ2.mjs"), import("./run-6ANPVJSQ.mjs")]);
  return deps.log.group(
    "Merge the per-platform digests into one index (pushed by digest, no tags yet)",
    async () => mergeImages(p.merge, {
      run: (argv, options) => runDocker(argv, { log: deps.log, docker: deps.docker }, options),
      builder: p.merge.builder,
      log: deps.log,
      dockerConfig: facts.dockerConfig,
      fetch: await registryFetch(p)
    })
  );
}
async function registryFetch(p) {
  return (await import("./proxy-fetch-AYCDL75E.mjs")).proxiedFetch(p.prepareOptions.proxy);
}
function unpublishedAt(result) {
  const digest = result.merged?.digest ?? result.built?.digest ?? "(no digest)";
  const pushed = result.merged ? [`${result.merged.tags[0]?.replace(/:[^:/]+$/, "") ?? ""}@${digest}`] : result.built?.digestRefs ?? (result.built?.root && result.buildOptions ? result.buildOptions.images.map((i) => `${i}@${digest}`) : []);
  const where = [...pushed, ...result.built?.archive ? [`the OCI archive ${result.built.archive}`] : []];
  return where.length > 0 ? `${digest}, at ${where.join(", ")}` : digest;
}
async function publishStep(p, result, facts, deps) {
  const { publish, tagInRegistry, assertPublished } = await import("./publish-J5L6TWNG.mjs");
  const access3 = { log: deps.log, docker: deps.docker, dockerConfig: facts.dockerConfig, fetch: await registryFetch(p) };
  if (result.merged && p.mode === "merge") {
    const merged = result.merged;
    const states = await deps.log.group(
      `Tag ${merged.digest} in the registry`,
      () => tagInRegistry({ digest: merged.digest, root: { bytes: Buffer.from(merged.raw, "utf8"), mediaType: JSON.parse(merged.raw).mediaType ?? "" } }, merged.tags, access3)
    );
    result = { ...result, published: states };
    assertPublished(states, merged.digest, p.merge.images[0], p.merge.verify);
    return result;
  }
  if (result.built && p.mode === "build") {
    try {
      return { ...result, published: await publish(result.built, p.buildOptions, access3) };
    } catch (error) {
      const { PublishError } = await import("./errors-EDGW5EQ7.mjs");
      if (error instanceof PublishError) return { ...result, published: error.tags, error };
      throw error;
    }
  }
  return result;
}
async function verifyStep(p, result, facts, deps) {
  const target = verifyTarget(p, result, facts.dockerConfig);
  if (!target) {
    if (p.mode === "verify") {
      throw new InputError("images", {
        what: "verify needs an image to read",
        fix: "pass --images name:tag or name@sha256:\u2026 (read from its registry), --images docker-daemon:name:tag (the local engine) or --archive path.oci.tar"
      });
    }
    deps.log.notice("verify: nothing to read back (no push, load or archive); set push, load or archive to check the image offline");
    return void 0;
  }
  const expectations = expectationsOf(p.cachePath, result.prepared, p.prepareOptions, p.verifyOptions);
  const [{ verifyImage }, { proxiedFetch }] = await Promise.all([import("./verify-image-H7JREXMY.mjs"), import("./proxy-fetch-AYCDL75E.mjs")]);
  const fetch = proxiedFetch(p.prepareOptions.proxy);
  return deps.log.group(
    `Verify ${target.label} offline, per platform`,
    () => verifyImage(target.target, expectations, { log: deps.log, tempDir: facts.workDir, ...fetch ? { fetch } : {} })
  );
}
function credentialsFor(facts) {
  return async (registry) => {
    const { resolveCredentials } = await import("./docker-credentials-SUO73F76.mjs");
    try {
      return await resolveCredentials(facts.dockerConfig, registry);
    } catch (error) {
      throw new BuildError(
        { what: `cannot get the credentials for ${registry} from the Docker config`, got: error.message, fix: "check credsStore/credHelpers in config.json (DOCKER_CONFIG) and that the docker-credential-* program is on PATH, or log in again" },
        { cause: error }
      );
    }
  };
}
async function registryStep(p, options, prepared, facts, deps) {
  const [{ registryBuild }, { proxiedFetch }] = await Promise.all([import("./registry-engine-DDUAC4VU.mjs"), import("./proxy-fetch-AYCDL75E.mjs")]);
  const fetch = proxiedFetch(p.prepareOptions.proxy);
  const expectations = expectationsOf(options.cachePath, prepared, p.prepareOptions, p.verifyOptions);
  return deps.log.group(
    `Registry engine: append the encoder layer to ${options.mode.kind === "overlay" ? options.mode.baseImage : "?"} (${options.platforms.join(", ")})`,
    () => registryBuild(options, prepared, expectations, { log: deps.log, credentials: credentialsFor(facts), ...fetch ? { fetch } : {} })
  );
}
async function cacheImageStep(p, options, prepared, facts, deps) {
  const [{ pushCacheImage }, { proxiedFetch }] = await Promise.all([import("./cache-image-P35O7GJJ.mjs"), import("./proxy-fetch-AYCDL75E.mjs")]);
  const fetch = proxiedFetch(p.prepareOptions.proxy);
  return pushCacheImage(options, prepared, expectationsOf(options.cachePath, prepared, p.prepareOptions, p.verifyOptions), { log: deps.log, credentials: credentialsFor(facts), ...fetch ? { fetch } : {} });
}
async function runPipeline(raw, facts, deps) {
  let result = { mode: "prepare" };
  try {
    let early;
    let planDone = () => void 0;
    const gate = new Promise((resolve3) => planDone = resolve3);
    const inputsValid = (prepareOptions) => {
      early = prepareStep(prepareOptions, facts, deps, gate);
      early.catch(() => void 0);
    };
    let p;
    try {
      p = await plan(raw, facts, { ...deps, inputsValid });
      planDone(true);
    } catch (error) {
      planDone(false);
      await early?.catch(() => void 0);
      throw error;
    }
    result = { mode: p.mode, prepareOptions: p.prepareOptions, pinSetKey: pinSetKey(p.prepareOptions), ...p.mode === "build" ? { buildOptions: p.buildOptions } : {} };
    const stamp = stampOf(p);
    if (stamp) result = { ...result, stamp };
    if (p.mode === "prepare" || p.mode === "build") {
      try {
        result = { ...result, prepared: await (early ?? prepareStep(p.prepareOptions, facts, deps)), ...p.prepareOptions.refresh ? { drift: [] } : {} };
      } catch (error) {
        if (error instanceof DriftError) return { ...result, drift: error.drifted, error };
        throw error;
      }
    }
    if (p.mode === "build" && p.buildEngine === "registry" && result.prepared) {
      const outcome = await registryStep(p, p.buildOptions, result.prepared, facts, deps);
      const published = outcome.built.tags.map((ref) => ({ ref, where: "registry", published: true }));
      result = { ...result, built: outcome.built, published, ...outcome.verification ? { verification: outcome.verification } : {} };
      if (outcome.verification) (await import("./assert-verified-7AZHSVJ3.mjs")).assertVerified(outcome.verification);
    } else if (p.mode === "build" && result.prepared) {
      const { build } = await import("./build-CNNANZWL.mjs");
      const built = await build(p.buildOptions, result.prepared, {
        log: deps.log,
        docker: deps.docker,
        tempDir: join12(facts.workDir, "build"),
        engine: p.engine,
        dockerConfig: facts.dockerConfig,
        fetch: await registryFetch(p)
      });
      result = { ...result, built };
    }
    if (p.mode === "merge") {
      const merged = await mergeStep(p, facts, deps);
      result = { ...result, merged };
      const lost = lostAnnotations(p.merge.annotations ?? [], merged.raw);
      if (lost.length > 0) {
        if (result.stamp) result = { ...result, stamp: { ...result.stamp, annotations: result.stamp.annotations.filter((a) => !lost.some((key) => a.includes(`:${key}=`))) } };
        deps.log.warning(
          `imagetools made a Docker manifest list, which holds no annotations: ${lost.join(", ")} not set. Build the per-platform images with OCI media types (provenance on, or oci-mediatypes=true) to annotate the merged index.`
        );
      }
    }
    if (p.cacheImage && result.prepared) {
      const pushed = await cacheImageStep(p, p.cacheImage, result.prepared, facts, deps);
      result = { ...result, cacheImage: { reference: pushed.reference, digest: pushed.digest, tagged: pushed.tagged } };
      if (pushed.verification) (await import("./assert-verified-7AZHSVJ3.mjs")).assertVerified(pushed.verification);
    }
    const registryEngine = p.mode === "build" && p.buildEngine === "registry";
    const shouldVerify = !registryEngine && (p.mode === "verify" || (p.mode === "merge" ? p.merge.verify : p.mode === "build" && p.buildOptions.verify));
    if (shouldVerify) {
      const verification = await verifyStep(p, result, facts, deps);
      if (verification) {
        result = { ...result, verification };
        if (!verification.ok) {
          const planned = p.mode === "build" ? (await import("./publish-J5L6TWNG.mjs")).plannedTags(p.buildOptions, "verification failed") : (result.merged?.tags ?? []).map((ref) => ({ ref, where: "registry", published: false, reason: "verification failed" }));
          result = { ...result, published: planned };
          deps.log.warning(`nothing was tagged or loaded: verification failed. The unpublished image is ${unpublishedAt(result)}`);
        }
        (await import("./assert-verified-7AZHSVJ3.mjs")).assertVerified(verification);
      }
    }
    if (p.mode === "build" && !registryEngine || p.mode === "merge") result = await publishStep(p, result, facts, deps);
    return result;
  } catch (error) {
    return { ...result, error };
  }
}

// src/log/secret-mask.ts
init_define_ACTION_INPUTS();
function secretMask() {
  const secrets = /* @__PURE__ */ new Set();
  let ordered = [];
  return {
    add: (secret) => {
      if (secret.length === 0 || secrets.has(secret)) return;
      secrets.add(secret);
      ordered = [...secrets].sort((a, b) => b.length - a.length);
    },
    mask: (text) => {
      let out = text;
      for (const secret of ordered) if (out.includes(secret)) out = out.split(secret).join("***");
      return out;
    }
  };
}

export {
  actionsCache,
  runnerToolCache,
  gitFactsDir,
  repositoryRoot,
  repositoryFacts,
  defaultCacheRoot,
  readDockerConfig,
  runGitFacts,
  repositoryUrl,
  runPipeline,
  secretMask
};
