import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  withImageEnv
} from "./chunk-JL67VI6R.mjs";
import {
  readOwnership
} from "./chunk-UUOAP4AD.mjs";
import {
  checkGatewayInputs,
  gatewayInputs,
  namedGateway,
  readGatewayInput
} from "./chunk-FCWDLZQ3.mjs";
import {
  selectFiles
} from "./chunk-QXO2ADUY.mjs";
import {
  MANIFEST_FILE,
  buildManifest,
  serializeManifest
} from "./chunk-SC7NWMZY.mjs";
import {
  PROFILES
} from "./chunk-NR5WT3X2.mjs";
import {
  CONSUMERS,
  isConsumerName
} from "./chunk-TVM242SN.mjs";
import {
  dockerConfigDir
} from "./chunk-GB2XVR7V.mjs";
import {
  attestationsDir,
  engineBlobsDir,
  layerSummariesDir
} from "./chunk-P64V3RPG.mjs";
import {
  parseBoolean,
  parseLines,
  parseList
} from "./chunk-5NV5H2XR.mjs";
import {
  actionsCacheKey,
  lazyRunStaging,
  stagingRoot,
  toolCacheTool,
  toolCacheVersion
} from "./chunk-2ZPDASUW.mjs";
import {
  LOCK_FILE,
  copyVerified,
  withFolderLock,
  writeFailure,
  writeTextAtomically
} from "./chunk-SH2FOLLV.mjs";
import {
  hashFileIfPresent
} from "./chunk-YFCBWU4X.mjs";
import {
  UnreadableFile
} from "./chunk-TORZOQGE.mjs";
import {
  parseMirror
} from "./chunk-RUXLBO7T.mjs";
import {
  DEFAULT_ENCODINGS,
  ENCODING_NAMES,
  PINNED_FILES,
  canonicalUrl,
  isEncodingName
} from "./chunk-7I65BH5E.mjs";
import {
  MAX_UNPINNED_BYTES,
  checkPin,
  readLimit
} from "./chunk-JUBMCVBR.mjs";
import {
  redactUrl,
  textSecrets,
  urlSecrets
} from "./chunk-AMMJLJJB.mjs";
import {
  ActionError,
  AttestError,
  BuildError,
  DownloadError,
  DriftError,
  InputError,
  IntegrityError,
  VerifyError
} from "./chunk-SENFWAUD.mjs";

// src/cache/actions-cache.ts
import { mkdir } from "node:fs/promises";

// src/cache/cache-mode.ts
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
      loaded ??= import("./cache-3CPJA2S3.mjs");
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
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { dirname, join } from "node:path";
var TOOL_CACHE_ARCH = "any";
function reason2(error) {
  return error instanceof Error ? error.message : String(error);
}
function toolCacheEntryDir(root, fileId, sha256) {
  return join(root, toolCacheTool(fileId), toolCacheVersion(sha256), TOOL_CACHE_ARCH);
}
function runnerToolCache(log, env) {
  const root = () => env["RUNNER_TOOL_CACHE"]?.trim() || void 0;
  return {
    find(fileId, sha256) {
      const base = root();
      if (base === void 0) return void 0;
      const dir = toolCacheEntryDir(base, fileId, sha256);
      const file = join(dir, fileId);
      return existsSync(`${dir}.complete`) && existsSync(file) ? file : void 0;
    },
    async save(fileId, sha256, filePath) {
      try {
        const tc = await import("./tool-cache-4WD7IOJG.mjs");
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

// src/log/secret-mask.ts
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

// src/pipeline/host-facts.ts
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join as join2 } from "node:path";
function defaultCacheRoot(env, home = homedir()) {
  const xdg = env.XDG_CACHE_HOME?.trim();
  return join2(xdg ? xdg : join2(home, ".cache"), "oneapi-offline");
}
async function readDockerConfig(env, home = homedir()) {
  return readFile(join2(dockerConfigDir(env, home), "config.json"), "utf8").catch(() => void 0);
}
async function runGitFacts(cwd, env, needs) {
  return (await import("./git-facts-HGU3OWMQ.mjs")).workflowGitFacts(cwd, env, needs);
}
function repositoryUrl(env) {
  const server = env.GITHUB_SERVER_URL?.trim();
  const repo = env.GITHUB_REPOSITORY?.trim();
  return server && repo ? `${server}/${repo}` : void 0;
}

// src/prepare/prepare.ts
import { mkdir as mkdir3 } from "node:fs/promises";
import { join as join5 } from "node:path";

// src/encoders/layout.ts
import { lstat, mkdir as mkdir2, readdir, rm as rm2 } from "node:fs/promises";
import { join as join3 } from "node:path";
var RejectedEntries = class extends Error {
  rejected;
  constructor(rejected) {
    super(`rejected: ${rejected.map((r) => r.file.id).join(", ")}`);
    this.name = "RejectedEntries";
    this.rejected = rejected;
  }
};
function notOurs(dir, what, got, expected, fix) {
  return new InputError("cache-dir", { what: `cache-dir ${dir}: ${what}`, got, expected, fix: `${fix}; nothing in the folder was changed` });
}
async function inspect(dir, file) {
  const path = join3(dir, file.cacheFile);
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
  const [ownership, inspected] = await Promise.all([
    readOwnership(dir),
    Promise.all(files.map((file) => inspect(dir, file).then((found) => ({ found }), (error) => ({ error }))))
  ]);
  if (ownership.kind === "foreign") {
    throw notOurs(
      dir,
      `its ${MANIFEST_FILE} was not written by this action`,
      `${join3(dir, MANIFEST_FILE)}: ${ownership.reason}`,
      `a new or empty folder, or one this action prepared (its ${MANIFEST_FILE} says "generator": "oneapi-offline-action")`,
      "point cache-dir at a new or empty folder (the default is $RUNNER_TEMP/tiktoken_cache), or move that manifest.json away if it is not needed"
    );
  }
  const before = new Set(ownership.kind === "ours" ? ownership.files : []);
  const present = [];
  for (const [i, file] of files.entries()) {
    const looked = inspected[i];
    if (looked === void 0 || "error" in looked) throw looked?.error ?? new Error(`internal: ${file.id} was not looked at`);
    const found = looked.found;
    if (found.state === "file" && checkPin(file, found.measured) !== void 0 && !before.has(file.cacheFile)) {
      throw notOurs(
        dir,
        `it already holds ${file.cacheFile} (the cache name of ${file.id}) with other bytes, and no ${MANIFEST_FILE} of this action lists it`,
        `${join3(dir, file.cacheFile)}: ${describe(found.measured)}`,
        `the pinned ${file.id} (sha256 ${file.sha256}${file.size === void 0 ? "" : `, ${file.size} bytes`}), or no file of that name`,
        `delete ${join3(dir, file.cacheFile)} if it is a stale tiktoken cache entry (tiktoken-go caches error pages under that name), or point cache-dir at an empty folder`
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
  const measured = /* @__PURE__ */ new Map();
  const sizes = /* @__PURE__ */ new Map();
  const removed = [];
  const rejected = [];
  const manifestPath = join3(dir, MANIFEST_FILE);
  let manifest;
  try {
    const keep = (plan2) => plan2.present.state === "file" && checkPin(plan2.entry.file, plan2.present.measured) === void 0;
    const copies = await Promise.allSettled(plans.map((plan2) => keep(plan2) ? Promise.resolve(void 0) : copyVerified(plan2.entry.from, dir, plan2.entry.file.cacheFile, plan2.entry.file)));
    for (const [i, { entry, present: present2 }] of plans.entries()) {
      const { file } = entry;
      if (present2.state === "file" && keep({ entry, present: present2 })) {
        unchanged.push(file.cacheFile);
        measured.set(file.id, present2.measured);
        sizes.set(file.id, present2.measured.size);
        continue;
      }
      const outcome = copies[i];
      if (outcome.status === "rejected") {
        const error = outcome.reason;
        if (!entry.unchecked || !(error instanceof IntegrityError || error instanceof UnreadableFile)) throw error;
        rejected.push({ file, problem: error });
        continue;
      }
      const copied = outcome.value;
      measured.set(file.id, copied);
      sizes.set(file.id, copied.size);
      if (present2.state === "file") replaced.push({ name: file.cacheFile, was: present2.measured });
      else written.push(file.cacheFile);
    }
    if (rejected.length > 0) {
      for (const name of written) await rm2(join3(dir, name), { force: true });
      throw new RejectedEntries(rejected);
    }
    manifest = buildManifest(
      entries.map((entry) => entry.file),
      sizes
    );
    const text = serializeManifest(manifest);
    if (ownership.kind !== "ours" || ownership.text !== text) await writeTextAtomically(dir, MANIFEST_FILE, text);
    const wanted = new Set(entries.map((entry) => entry.file.cacheFile));
    for (const name of before) {
      if (wanted.has(name) || !await isRegularFile(join3(dir, name))) continue;
      await rm2(join3(dir, name), { force: true });
      removed.push(name);
    }
  } catch (error) {
    if (error instanceof ActionError || error instanceof UnreadableFile || error instanceof RejectedEntries) throw error;
    throw writeFailure(dir, error);
  }
  const ours = /* @__PURE__ */ new Set([MANIFEST_FILE, LOCK_FILE, ...entries.map((entry) => entry.file.cacheFile), ...removed]);
  const foreign = (await readdir(dir)).filter((name) => !ours.has(name)).sort();
  return { manifest, manifestPath, written, replaced, unchanged, removed, foreign, measured };
}

// src/prepare/check-cache-dir.ts
import { constants } from "node:fs";
import { access, lstat as lstat2, realpath, stat } from "node:fs/promises";
import { basename, dirname as dirname2, join as join4, relative, resolve, sep } from "node:path";
async function canonical(path) {
  const absolute = resolve(path);
  const tail = [];
  for (let current = absolute; ; current = dirname2(current)) {
    const real = await realpath(current).catch(() => void 0);
    if (real !== void 0) return join4(real, ...tail.reverse());
    if (dirname2(current) === current) return absolute;
    tail.push(basename(current));
  }
}
function within(outer, inner) {
  const rel = relative(outer, inner);
  return rel === "" || !rel.startsWith(`..${sep}`) && rel !== ".." && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
}
async function placeProblem(path, guarded) {
  const [dir, others] = await Promise.all([canonical(path), Promise.all(guarded.map((guard) => guard.path.trim() === "" ? void 0 : canonical(guard.path)))]);
  if (dirname2(dir) === dir) return `${dir} is a filesystem root`;
  for (const [i, guard] of guarded.entries()) {
    const other = others[i];
    if (other === void 0) continue;
    if (within(dir, other)) return `${dir} ${dir === other ? "is" : "contains"} ${guard.label} (${other})`;
    if (guard.ownedByRun && within(other, dir)) return `${dir} is inside ${guard.label} (${other}), which the run deletes`;
  }
  return void 0;
}
async function accessProblem(path) {
  const link = await lstat2(path).catch(() => void 0);
  if (link?.isSymbolicLink() && await stat(path).catch(() => void 0) === void 0) return "it is a symlink to nothing (dangling)";
  for (let current = resolve(path), wanted = true; ; current = dirname2(current), wanted = false) {
    const info = await stat(current).catch((error) => error.code === "ENOENT" ? void 0 : error);
    if (info instanceof Error) return `${current}: ${info.code === "ENOTDIR" ? "a part of the path is a file, not a folder (ENOTDIR)" : info.code ?? info.message}`;
    if (info === void 0) {
      if (dirname2(current) === current) return "no existing parent folder";
      continue;
    }
    if (!info.isDirectory()) return wanted ? "it is a file" : `${current} is a file (ENOTDIR)`;
    return access(current, constants.W_OK).then(
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

// src/prepare/from-tool-cache.ts
function fromToolCache(files, toolCache, log) {
  const acquired = [];
  for (const file of files) {
    const path = toolCache.find(file.id, file.sha256);
    if (path === void 0) continue;
    log.info(`${file.id}: from the tool cache (checked against sha256 ${file.sha256} while copied)`);
    acquired.push({ file, from: { path }, source: "tool-cache" });
  }
  return acquired;
}
async function evictDamaged(rejected, toolCache, log) {
  for (const { file, problem } of rejected) {
    log.warning(
      `tool cache: the entry for ${file.id} is damaged (${problem.message}; expected sha256 ${file.sha256}); removed, fetching it again`
    );
    await toolCache.evict(file.id, file.sha256);
  }
}

// src/prepare/result.ts
function sourcesOf(sources) {
  const distinct = [...new Set(sources)];
  const [only] = distinct;
  return { source: distinct.length === 1 && only !== void 0 ? only : "mixed", cacheHit: !distinct.includes("download") };
}

// src/prepare/prepare.ts
function missing(files, acquired) {
  const have = new Set(acquired.map((a) => a.file.id));
  return files.filter((file) => !have.has(file.id));
}
async function acquireOnline(files, wanted, options, deps, staging, toolCache = true) {
  const { log } = deps;
  const acquired = [];
  let restored = false;
  if (options.cache && !options.refresh) {
    if (toolCache) acquired.push(...fromToolCache(wanted, deps.toolCache, log));
    const left2 = missing(wanted, acquired);
    if (left2.length > 0) {
      const { fromActionsCache } = await import("./actions-cache-step-ISEMZZSE.mjs");
      const fromActions = await fromActionsCache(files, left2, deps.actionsCache, await staging.open(), log);
      restored = fromActions.restored;
      acquired.push(...fromActions.acquired);
    }
  } else if (options.refresh) {
    log.info("refresh: every cache is ignored; downloading every file again to check for drift");
  }
  const left = missing(wanted, acquired);
  if (left.length === 0) return { acquired, restored };
  const downloadDir = join5((await staging.open()).dir, "downloads");
  await mkdir3(downloadDir, { recursive: true });
  const { fromDownload } = await import("./from-download-6UZNOAYA.mjs");
  const outcome = await fromDownload(left, options.mirror, options.limits, downloadDir, deps);
  if (options.refresh && outcome.mismatches.length > 0) {
    const { driftError, driftReport } = await import("./drift-EYTKNNQW.mjs");
    throw driftError(driftReport(outcome.mismatches, outcome.failures));
  }
  const problems = [...outcome.mismatches.map((m) => m.error), ...outcome.failures.map((f) => f.error)];
  for (const problem of problems.slice(1)) log.warning(problem instanceof Error ? problem.message : String(problem));
  if (problems.length > 0) throw await stagingProblem(problems[0], downloadDir);
  acquired.push(...outcome.acquired);
  return { acquired, restored };
}
async function stagingProblem(error, dir) {
  const attempt = error instanceof DownloadError ? error.cause : void 0;
  const { AttemptFailure } = await import("./failure-CREUR6UD.mjs");
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
function inOrder(files, acquired) {
  const byId = new Map(acquired.map((a) => [a.file.id, a]));
  return files.map((file) => {
    const found = byId.get(file.id);
    if (!found) throw new Error(`internal: ${file.id} was not acquired`);
    return found;
  });
}
async function layOut(options, ordered, deps) {
  return withFolderLock(options.cacheDir, { onWait: (message) => deps.log.info(`cache folder ${message}`) }, async () => {
    const written = await writeLayout(
      options.cacheDir,
      ordered.map((a) => ({ file: a.file, from: a.from, unchecked: a.source === "tool-cache" }))
    );
    if (options.cache) {
      for (const a of ordered) {
        if (a.source !== "tool-cache") await deps.toolCache.save(a.file.id, a.file.sha256, join5(options.cacheDir, a.file.cacheFile));
      }
    }
    return written;
  });
}
async function prepare(options, deps) {
  const { log } = deps;
  const files = selectFiles(options.encodings, options.extras);
  if (!deps.cacheDirChecked) {
    await checkCacheDir(options.cacheDir, options.guardedDirs);
    await checkLayout(options.cacheDir, files);
  }
  const source = options.source !== void 0 ? await (await import("./local-source-GDKPSVWV.mjs")).openSource(options.source, files) : void 0;
  const staging = lazyRunStaging(deps.stagingDir);
  try {
    let { acquired, restored } = source ? { acquired: await (await import("./from-source-N6DVBEVI.mjs")).fromSource(files, source, log), restored: false } : await acquireOnline(files, files, options, deps, staging);
    try {
      await mkdir3(options.cacheDir, { recursive: true });
    } catch (error) {
      throw writeFailure(options.cacheDir, error);
    }
    let ordered = inOrder(files, acquired);
    await deps.onAcquired?.(ordered).catch(() => void 0);
    let layout;
    try {
      layout = await layOut(options, ordered, deps);
    } catch (error) {
      if (!(error instanceof RejectedEntries)) throw error;
      await evictDamaged(error.rejected, deps.toolCache, log);
      const damaged = new Set(error.rejected.map((r) => r.file.id));
      const again = await acquireOnline(
        files,
        files.filter((file) => damaged.has(file.id)),
        options,
        deps,
        staging,
        false
      );
      acquired = [...acquired.filter((a) => !damaged.has(a.file.id)), ...again.acquired];
      restored ||= again.restored;
      ordered = inOrder(files, acquired);
      layout = await layOut(options, ordered, deps);
    }
    reportLayout(options.cacheDir, layout, log);
    if (options.cache && ordered.some((a) => a.source === "download") && !restored) {
      const { saveActionsCache } = await import("./actions-cache-step-ISEMZZSE.mjs");
      await saveActionsCache(ordered, deps.actionsCache, await staging.open(), log);
    }
    return {
      cacheDir: options.cacheDir,
      ...sourcesOf(ordered.map((a) => a.source)),
      manifest: layout.manifest,
      manifestPath: layout.manifestPath,
      drift: false,
      files: ordered.map((a) => {
        const measured = layout.measured.get(a.file.id) ?? a.measured;
        if (!measured) throw new Error(`internal: ${a.file.id} was not measured`);
        return {
          id: a.file.id,
          encodings: a.file.encodings,
          url: a.file.url,
          cacheFile: a.file.cacheFile,
          sha256: measured.sha256,
          size: measured.size,
          source: a.source
        };
      })
    };
  } finally {
    await staging.dispose();
  }
}
function pinSetKey(options) {
  return actionsCacheKey(selectFiles(options.encodings, options.extras));
}

// src/proxy/settings.ts
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
function proxySecrets(settings) {
  const found = /* @__PURE__ */ new Set();
  for (const url of [settings.http, settings.https]) {
    if (url !== void 0) for (const secret of urlSecrets(url)) found.add(secret);
  }
  return [...found];
}

// src/pipeline/plan.ts
import { readFile as readFile2, stat as stat2 } from "node:fs/promises";
import { join as join7, resolve as resolve2 } from "node:path";

// src/prepare/options.ts
import { join as join6 } from "node:path";

// src/prepare/encoder-list.ts
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
var NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
var SHA256 = /^[0-9a-fA-F]{64}$/;
var PINNED_URLS = new Set(Object.values(PINNED_FILES).map((pin) => canonicalUrl(pin)));
var FORMAT = 'one "name url sha256" per line, e.g. my_base https://example.com/my_base.tiktoken <64 hex digits>';
function bad(got, expected, fix) {
  return new InputError("extra-encoders", { got, expected, fix });
}
function parseLine(line) {
  const fields = line.split(/\s+/);
  const [name = "", url = "", sha256 = ""] = fields;
  const shown = JSON.stringify(fields.map((field) => redactUrl(field)).join(" "));
  if (fields.length !== 3) throw bad(shown, FORMAT, "write each extra file as three fields separated by spaces");
  if (!NAME.test(name) || name.includes("..")) {
    throw bad(
      `name ${JSON.stringify(name)} in ${shown}`,
      'a plain file name: letters, digits, ".", "_" or "-", without "/", ".." or spaces',
      "rename the entry; the name is only a label and the file is cached under sha1(url)"
    );
  }
  if (Object.hasOwn(PINNED_FILES, name)) {
    throw bad(`name ${JSON.stringify(name)}`, "a name that is not a pinned file id", `choose another name; ${name} is built in`);
  }
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw bad(`url ${JSON.stringify(redactUrl(url))} in ${shown}`, "an absolute http:// or https:// URL", "write the full URL tiktoken loads the file from");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw bad(`url ${JSON.stringify(redactUrl(url))}`, "an http:// or https:// URL", "use the http(s) URL tiktoken loads the file from");
  }
  if (PINNED_URLS.has(url)) {
    throw bad(`url ${url}`, "a URL that is not already pinned", "drop the line and add the encoding to `encoders` instead");
  }
  if (!SHA256.test(sha256)) {
    throw bad(
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
      if (seen.has(key)) throw bad(`${key} twice`, "each name and url once", "remove the duplicate line");
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
    { label: "the verifier's layer summaries", path: layerSummariesDir(env.runnerTemp, env.defaultCacheRoot) },
    { label: "the image blobs Engine's builds keep", path: engineBlobsDir(env.runnerTemp, env.defaultCacheRoot) },
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
  return join6(root, "tiktoken_cache");
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

// src/attest/attest-secrets.ts
function attestSecrets(raw) {
  const key = raw("attest-key");
  const password = raw("attest-key-password");
  return [key.trim(), ...key.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length >= 8 && !l.startsWith("-----")), password].filter((s) => s !== "");
}

// src/proxy/input-secrets.ts
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
    ...attestSecrets(raw),
    ...Object.entries(env).flatMap(([name, value]) => value !== void 0 && isProxyName(name) ? urlSecrets(value) : [])
  ];
  return [...new Set(found)];
}

// src/pipeline/verify-options.ts
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
async function buildParsers() {
  return import("./build-parsers-EGPHGVNL.mjs");
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
      const info = await stat2(secret.path).catch(() => void 0);
      if (!info?.isFile()) {
        throw new InputError("secret-files", { got: `${secret.id}=${secret.path}`, expected: "the path of a readable file", fix: "write the secret to that file first, or fix the path" });
      }
    }
  }
}
async function baseImages(draft, log, { CACHE_CONTEXT, dockerfileFromImages }) {
  if (draft.mode.kind === "overlay") return [draft.mode.baseImage];
  const { context } = draft.mode;
  if (/^[a-z]+:\/\//i.test(context) || context.startsWith("git@")) {
    log.info("platform check skipped: the build context is remote, its Dockerfile is read by buildx");
    return [];
  }
  const file = draft.mode.file !== void 0 ? resolve2(draft.mode.file) : join7(resolve2(context), "Dockerfile");
  const text = await readFile2(file, "utf8").catch(() => void 0);
  if (text === void 0) return [];
  const contexts = [CACHE_CONTEXT, ...draft.flags.buildContexts.map(([name]) => name)];
  const { images, skipped } = dockerfileFromImages(text, draft.userBuildArgs, contexts);
  for (const { ref, why } of skipped) log.info(`platform check: FROM ${ref} skipped (${why})`);
  return images;
}
async function plan(raw, facts, deps) {
  for (const secret of inputSecrets(raw, facts.processEnv)) deps.addSecret(secret);
  const verifyOnly = facts.verifyOnly ?? false;
  const request = readGatewayInput(raw, { verifyOnly });
  let gateway = request.kind === "named" ? request.choice : namedGateway(PROFILES.generic, "auto, before base-image is read");
  const parseFor = (choice) => {
    const inputs = gatewayInputs(raw, choice.profile, { verifyOnly });
    const prepare2 = parsePrepareInputs(inputs, { runnerTemp: facts.runnerTemp, defaultCacheRoot: facts.defaultCacheRoot, processEnv: facts.processEnv, cwd: facts.cwd, workDir: facts.workDir });
    return { prepareOptions: prepare2, verifyOptions: { ...parseVerifyInputs(inputs, verifyOnly), gateway: choice.profile } };
  };
  let { prepareOptions, verifyOptions } = parseFor(gateway);
  const checkGateway = (making, cachePath) => checkGatewayInputs(raw, gateway.profile, { making, cachePath, encodings: prepareOptions.encodings });
  if (request.kind === "named" && gateway.profile.name !== "generic") deps.log.info(`gateway: ${gateway.profile.name}${gateway.profile.note ? ` (${gateway.profile.note})` : ""}`);
  for (const secret of [...proxySecrets(prepareOptions.proxy), ...urlSecrets(prepareOptions.mirror), ...prepareOptions.extras.flatMap((e) => urlSecrets(e.url))]) {
    deps.addSecret(secret);
  }
  if (facts.verifyOnly) {
    const source = verifySource(raw);
    const cachePath = plainCachePath(raw);
    checkGateway(false, cachePath);
    const attestation = await (await import("./check-inputs-5QBB4QLF.mjs")).parseAttestationCheck(raw);
    return { mode: "verify", prepareOptions, verifyOptions, cachePath, gateway, ...source ? { source } : {}, attestation };
  }
  const mergeDraft = raw("merge-digests").trim() === "" ? void 0 : (await import("./merge-inputs-HCNL6YPA.mjs")).readMergeInputs(raw);
  if (mergeDraft) {
    const [{ resolveMerge }, { indexAnnotationArgs, parseAnnotations }] = await Promise.all([import("./merge-inputs-HCNL6YPA.mjs"), import("./annotations-O5RDAAVF.mjs")]);
    const verify = parseBoolean("verify", raw("verify"), true);
    const builder = raw("builder").trim();
    const cachePath = plainCachePath(raw);
    checkGateway(false, cachePath);
    const given = parseAnnotations(raw("annotations"));
    indexAnnotationArgs(given);
    const keepCreated = parseBoolean("keep-created", raw("keep-created"), false);
    const { CREATED_KEY, pinCreated } = await import("./created-RU2G2OEE.mjs");
    const pinsCreated = !keepCreated && given.some((a) => a.key === CREATED_KEY);
    const givenEpoch = pinsCreated ? (await import("./options-QO66KQ25.mjs")).parseEpoch(raw("source-date-epoch"), void 0) : void 0;
    for (const notice of mergeDraft.naming.notices) deps.log.notice(notice);
    const needs = { ref: mergeDraft.naming.givenVersion === void 0, commitTime: pinsCreated && givenEpoch === void 0 };
    const git2 = needs.ref || needs.commitTime ? await facts.git(needs) : {};
    const pinned = pinCreated({ labels: [], annotations: given }, givenEpoch ?? git2.commitTime, keepCreated);
    if (pinned.notice) deps.log.notice(pinned.notice);
    const annotations = indexAnnotationArgs(pinned.annotations);
    const merge = resolveMerge(mergeDraft, { gitRef: git2.ref, sha: git2.sha });
    return {
      mode: "merge",
      prepareOptions,
      verifyOptions,
      cachePath,
      gateway,
      merge: { ...merge, ...annotations.length > 0 ? { annotations } : {}, ...builder ? { builder } : {}, verify }
    };
  }
  await checkCacheDir(prepareOptions.cacheDir, prepareOptions.guardedDirs);
  await checkLayout(prepareOptions.cacheDir, selectFiles(prepareOptions.encodings, prepareOptions.extras));
  const cacheImageRef = raw("cache-image").trim() === "" ? void 0 : (await import("./cache-image-input-22TRKFZG.mjs")).parseCacheImage(raw);
  if (!parseBoolean("build", raw("build"), true)) {
    const cachePath = plainCachePath(raw);
    checkGateway(true, cachePath);
    const cacheImage2 = cacheImageRef ? { reference: cacheImageRef, cachePath, platforms: (await import("./platforms-ITJSUF7X.mjs")).parsePlatforms(raw("platforms") || "linux/amd64,linux/arm64"), labels: [], verify: parseBoolean("verify", raw("verify"), true) } : void 0;
    return { mode: "prepare", prepareOptions, verifyOptions, cachePath, gateway, ...cacheImage2 ? { cacheImage: cacheImage2 } : {} };
  }
  const parsers = await buildParsers();
  const { parseEngine, readBuildInputs, resolveBuildOptions, checkRegistryEngine, checkBasePlatforms, checkBuilderPlatforms, probeEngine } = parsers;
  const buildEngine = parseEngine(raw);
  const draft = readBuildInputs(raw, { proxy: prepareOptions.proxy, cacheDir: prepareOptions.cacheDir });
  await checkSecretSources(draft, facts.processEnv, deps.addSecret);
  const attest = await attestPlan(raw, draft, facts);
  let readPlatforms = deps.readPlatforms;
  if (request.kind === "auto" && draft.mode.kind === "overlay") {
    const base = draft.mode.baseImage;
    const { autoGateway, defaultReadBaseFacts } = await import("./auto-36MBJ3OB.mjs");
    const read = deps.readBaseFacts ?? await defaultReadBaseFacts({ dockerConfig: facts.dockerConfig, transport: (await import("./http-request-XQGF3KIY.mjs")).httpTransport(prepareOptions.proxy) });
    const found = await autoGateway(base, draft.platforms, read, deps.log);
    gateway = found.choice;
    ({ prepareOptions, verifyOptions } = parseFor(gateway));
    await checkLayout(prepareOptions.cacheDir, selectFiles(prepareOptions.encodings, prepareOptions.extras));
    const fallback = readPlatforms;
    readPlatforms = async (ref) => ref === base ? [...found.platforms] : (fallback ?? await defaultReadPlatforms(facts, prepareOptions))(ref);
  }
  checkGateway(true, draft.cachePath);
  const images = await baseImages(draft, deps.log, parsers);
  for (const notice of draft.naming.notices) deps.log.notice(notice);
  const floorOf = async (platforms, engine2) => {
    if (draft.mode.kind !== "overlay" || !platforms) return void 0;
    const request2 = { baseImage: draft.mode.baseImage, engine: engine2, platforms, cachePath: draft.cachePath, readers: verifyOptions.consumers, selection: prepareOptions };
    if (deps.readFloor) return deps.readFloor(request2);
    const [{ readBaseFloor }, { httpTransport }, { layerSummariesDir: layerSummariesDir2 }] = await Promise.all([import("./plan-floor-BTTMPNZO.mjs"), import("./http-request-XQGF3KIY.mjs"), import("./kept-folders-JKQJH4MH.mjs")]);
    const summariesDir = layerSummariesDir2(facts.runnerTemp, facts.defaultCacheRoot);
    return readBaseFloor(request2, { log: deps.log, transport: httpTransport(prepareOptions.proxy), dockerConfig: facts.dockerConfig, summariesDir });
  };
  if (buildEngine === "registry") {
    const git2 = await facts.git(gitNeeds(draft));
    const registryBases = images.filter((image) => !/^oci-(layout|archive):\/\//.test(image));
    const read = readPlatforms ?? await defaultReadPlatforms(facts, prepareOptions);
    const basePlatforms2 = await checkBasePlatforms({ images: registryBases, platforms: draft.platforms }, read, deps.log);
    const buildOptions2 = withImageEnv(resolveBuildOptions(draft, { gitRef: git2.ref, sha: git2.sha, commitTime: git2.commitTime, repositoryUrl: facts.repositoryUrl, engineLoadsMultiPlatform: true, basePlatforms: basePlatforms2 }), gateway);
    checkRegistryEngine(buildOptions2, raw);
    if (buildOptions2.createdNotice) deps.log.notice(buildOptions2.createdNotice);
    for (const secret of buildOptions2.secrets) deps.addSecret(secret);
    const baseFloor2 = await floorOf(buildOptions2.platforms, "registry");
    const cacheImage2 = cacheImageRef ? cacheImagePlan(cacheImageRef, buildOptions2) : void 0;
    return { mode: "build", prepareOptions, verifyOptions, cachePath: buildOptions2.cachePath, gateway, buildOptions: buildOptions2, buildEngine, ...cacheImage2 ? { cacheImage: cacheImage2 } : {}, ...baseFloor2 ? { baseFloor: baseFloor2 } : {}, ...attest ? { attest } : {} };
  }
  deps.inputsValid?.(prepareOptions, { overlay: draft.mode.kind === "overlay", cachePath: draft.cachePath });
  const probe = deps.probeEngine ?? ((builder, options) => probeEngine({ log: deps.log, docker: deps.docker }, builder, options));
  const readBase = async () => {
    const platforms = await checkBasePlatforms({ images, platforms: draft.platforms }, readPlatforms ?? await defaultReadPlatforms(facts, prepareOptions), deps.log);
    return { platforms, floor: await floorOf(draft.platforms ?? platforms, "buildx") };
  };
  const [engine, git, { platforms: basePlatforms, floor: baseFloor }] = await inOrder2([engineFacts(draft, facts, deps.probeEngine ? void 0 : parsers).then((known) => known ?? probe(draft.builder, { store: draft.load })), facts.git(gitNeeds(draft)), readBase()]);
  const buildOptions = withImageEnv(resolveBuildOptions(draft, {
    gitRef: git.ref,
    sha: git.sha,
    commitTime: git.commitTime,
    repositoryUrl: facts.repositoryUrl,
    engineLoadsMultiPlatform: engine.loadsMultiPlatform,
    basePlatforms
  }), gateway);
  checkBuilderPlatforms(engine, buildOptions.platforms);
  if (buildOptions.createdNotice) deps.log.notice(buildOptions.createdNotice);
  for (const secret of buildOptions.secrets) deps.addSecret(secret);
  const cacheImage = cacheImageRef ? cacheImagePlan(cacheImageRef, buildOptions) : void 0;
  return { mode: "build", prepareOptions, verifyOptions, cachePath: buildOptions.cachePath, gateway, buildOptions, buildEngine, engine, ...cacheImage ? { cacheImage } : {}, ...baseFloor ? { baseFloor } : {}, ...attest ? { attest } : {} };
}
async function attestPlan(raw, draft, facts) {
  if (raw("attest-key").trim() === "" && raw("attest-key-password") === "") return void 0;
  return (await import("./attest-inputs-3SGBOACK.mjs")).parseAttestInputs(raw, draft, facts.run ?? {});
}
function gitNeeds(draft) {
  return { ref: draft.naming.givenVersion === void 0, commitTime: draft.givenEpoch === void 0 };
}
async function engineFacts(draft, facts, store) {
  if (!store || draft.mode.kind !== "overlay" || draft.load) return void 0;
  return store.storedBuilderFacts(draft.builder, store.buildxStoreDir(facts.processEnv));
}
async function inOrder2(promises) {
  const settled = await Promise.allSettled(promises);
  for (const outcome of settled) if (outcome.status === "rejected") throw outcome.reason;
  return settled.map((outcome) => outcome.value);
}
function cacheImagePlan(reference, options) {
  return { reference, cachePath: options.cachePath, platforms: options.platforms, labels: options.labels, sourceDateEpoch: options.sourceDateEpoch, verify: options.verify };
}
async function defaultReadPlatforms(facts, prepareOptions) {
  const [{ registryPlatforms }, { httpTransport }] = await Promise.all([import("./base-platforms-AMAEUKIH.mjs"), import("./http-request-XQGF3KIY.mjs")]);
  return registryPlatforms({ dockerConfig: facts.dockerConfig, transport: httpTransport(prepareOptions.proxy) });
}

// src/pipeline/context-beside.ts
import { join as join8 } from "node:path";

// src/log/held-logger.ts
function heldLogger(log) {
  let held;
  const line = (kind) => (message) => {
    if (held) held.push({ kind, message });
    else log[kind](message);
  };
  return {
    info: line("info"),
    notice: line("notice"),
    warning: line("warning"),
    debug: line("debug"),
    // A section opened while holding is shown as its title line; its lines are held with the rest.
    group: (title, body) => {
      if (!held) return log.group(title, body);
      held.push({ kind: "info", message: title });
      return body();
    },
    hold: () => {
      held ??= [];
    },
    heldCount: () => held?.length ?? 0,
    release: () => {
      const lines = held ?? [];
      held = void 0;
      for (const { kind, message } of lines) log[kind](message);
    }
  };
}

// src/pipeline/context-beside.ts
function contextBeside(buildDir2, shape, log) {
  const held = heldLogger(log);
  let settle = () => void 0;
  const context = new Promise((resolve3) => settle = resolve3);
  let start = () => void 0;
  const started = new Promise((resolve3) => start = resolve3);
  return {
    log: held,
    started,
    onAcquired: async (acquired) => {
      const staged = await import("./buildx-modules-7CHR3HVN.mjs").then(({ stageSources, contextLayout }) => {
        const { name, layout } = contextLayout(shape.overlay, shape.cachePath);
        return stageSources(acquired, join8(buildDir2, name), layout);
      }).catch((error) => {
        log.debug(`the build context is staged from cache-dir after prepare: staging it from the acquired bytes failed (${error instanceof Error ? error.message : String(error)})`);
        return void 0;
      });
      settle(staged);
    },
    // prepare awaits its onAcquired before it settles: a context staged is known by then.
    ready: (preparing) => {
      preparing.then(
        () => settle(void 0),
        () => settle(void 0)
      );
      return context;
    },
    hold: () => {
      held.hold();
      start();
    }
  };
}
async function showHeld(beside, log) {
  if (beside.log.heldCount() === 0) beside.log.release();
  else await log.group("Prepare: the rest, finished beside the build", async () => beside.log.release());
}
function checkSameManifest(staged, prepared) {
  const built = serializeManifest(staged.manifest);
  const kept = serializeManifest(prepared.manifest);
  if (built === kept) return;
  throw new BuildError({
    what: `the build context's manifest.json and cache-dir's (${prepared.manifestPath}) differ; nothing was tagged`,
    got: built,
    expected: kept,
    fix: "run again; report this if it happens twice"
  });
}

// src/pipeline/steps.ts
import { join as join9 } from "node:path";
async function mergeStep(p, facts, deps) {
  const [{ mergeImages }, { runDocker }] = await Promise.all([import("./merge-LOJ3DBKI.mjs"), import("./run-M52BT27F.mjs")]);
  return deps.log.group(
    "Merge the per-platform digests into one index (pushed by digest, no tags yet)",
    async () => mergeImages(p.merge, {
      run: (argv, options) => runDocker(argv, { log: deps.log, docker: deps.docker }, options),
      builder: p.merge.builder,
      log: deps.log,
      dockerConfig: facts.dockerConfig,
      transport: await registryTransport(p)
    })
  );
}
async function registryTransport(p) {
  return (await import("./http-request-XQGF3KIY.mjs")).httpTransport(p.prepareOptions.proxy);
}
function unpublishedAt(result) {
  const digest = result.merged?.digest ?? result.built?.digest ?? "(no digest)";
  const pushed = result.merged ? [`${result.merged.tags[0]?.replace(/:[^:/]+$/, "") ?? ""}@${digest}`] : result.built?.digestRefs ?? (result.built?.root && result.buildOptions ? result.buildOptions.images.map((i) => `${i}@${digest}`) : []);
  const where = [...pushed, ...result.built?.archive ? [`the OCI archive ${result.built.archive}`] : []];
  return where.length > 0 ? `${digest}, at ${where.join(", ")}` : digest;
}
async function publishStep(p, result, facts, deps) {
  const { publish, tagInRegistry, assertPublished } = await import("./buildx-modules-7CHR3HVN.mjs");
  const access2 = { log: deps.log, docker: deps.docker, dockerConfig: facts.dockerConfig, transport: await registryTransport(p) };
  if (result.merged && p.mode === "merge") {
    const merged = result.merged;
    const states = await deps.log.group(
      `Tag ${merged.digest} in the registry`,
      () => tagInRegistry({ digest: merged.digest, root: { bytes: Buffer.from(merged.raw, "utf8"), mediaType: JSON.parse(merged.raw).mediaType ?? "" } }, merged.tags, access2)
    );
    result = { ...result, published: states };
    assertPublished(states, merged.digest, p.merge.images[0], p.merge.verify);
    return result;
  }
  if (result.built && p.mode === "build") {
    try {
      return { ...result, published: await publish(result.built, p.buildOptions, access2) };
    } catch (error) {
      const { PublishError } = await import("./errors-MT7CYMDF.mjs");
      if (error instanceof PublishError) return { ...result, published: error.tags, error };
      throw error;
    }
  }
  return result;
}
async function attestStep(p, result, facts, deps) {
  const { attest, buildOptions } = p;
  const report = result.verification;
  if (!attest) return void 0;
  if (!report?.ok || !result.built?.digest || !result.prepared) {
    throw new AttestError({ what: "attest-key: there is no verified image to attest, so nothing was tagged", fix: "build with push: true and verify: true (the attestation states what verification read)" });
  }
  const [{ attestImage }, { openRepository }, { imageSet }, { writeStatementFile }, transport] = await Promise.all([
    import("./attest-image-6TFHFMSJ.mjs"),
    import("./repository-L6ZWNX5O.mjs"),
    import("./image-set-QPN5L3Y7.mjs"),
    import("./statement-file-6N4ESZQ6.mjs"),
    registryTransport(p)
  ]);
  const repositories = buildOptions.images.map((name) => openRepository(name, { dockerConfig: facts.dockerConfig, transport }));
  const files = imageSet(result.prepared, p.baseFloor).manifest.files;
  const attested = await deps.log.group(
    `Attest ${result.built.digest}: sign the Statement of what verification read, attach it in cosign's layout`,
    () => attestImage(attest, { report, repositories }, { gateway: p.gateway.profile.name, files, carried: p.baseFloor?.carried.map((c) => c.file.cacheFile), sourceDateEpoch: buildOptions.sourceDateEpoch }, deps.log)
  );
  return { ...attested, path: await writeStatementFile(attestationsDir(facts.runnerTemp, facts.defaultCacheRoot), attested.subjectDigest, attested.statement) };
}
async function verifyStep(p, result, facts, deps) {
  const target = (await import("./verify-target-WNCPPIB7.mjs")).verifyTarget(p, result, facts.dockerConfig);
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
  const [{ verifyImage }, transport, { layerSummaries }, { expectationsOf }, { imageSet, mergeExpectations }] = await Promise.all([
    import("./verify-image-PCI32RI2.mjs"),
    registryTransport(p),
    import("./layer-summaries-4NWCWHG4.mjs"),
    import("./expectations-2ZK47GGI.mjs"),
    import("./image-set-QPN5L3Y7.mjs")
  ]);
  const expected = expectationsOf(p.cachePath, result.prepared && imageSet(result.prepared, p.baseFloor), p.prepareOptions, p.verifyOptions);
  const expectations = p.mode === "merge" ? mergeExpectations(expected, p.prepareOptions.extras) : expected;
  const summaries = layerSummaries(layerSummariesDir(facts.runnerTemp, facts.defaultCacheRoot), (why) => deps.log.info(why));
  const report = await deps.log.group(
    `Verify ${target.label} offline, per platform`,
    () => verifyImage(target.target, expectations, { log: deps.log, tempDir: facts.workDir, summaries, transport })
  );
  if (p.mode === "verify" && p.attestation && p.attestation.mode !== "ignore" && report.ok) {
    const check = p.attestation;
    if (target.target.kind !== "registry") {
      if (check.mode === "required") throw new VerifyError({ what: `--attestation required: ${target.label} is not in a registry, and only the registry's attestation is checked so far`, fix: "verify the image in its registry (--images name@sha256:\u2026), or use --attestation if-present" });
      deps.log.notice(`${target.label}: attestations are checked in a registry only so far; not checked here`);
    } else {
      const [{ checkAttestation }, { openRepository }] = await Promise.all([import("./check-attestation-Q2OD43O6.mjs"), import("./repository-L6ZWNX5O.mjs")]);
      const name = target.target.reference.replace(/@sha256:[0-9a-f]{64}$/, "").replace(/:[^:/]+$/, "");
      await deps.log.group(`Check the attestation of ${name}@${report.digest}`, () => checkAttestation(openRepository(name, { dockerConfig: facts.dockerConfig, transport }), report, check, deps.log));
    }
  }
  return report;
}
function credentialsFor(facts) {
  return async (registry) => {
    const { dockerCredentials } = await import("./docker-credentials-FPXG7NQF.mjs");
    try {
      return await dockerCredentials(facts.dockerConfig)(registry);
    } catch (error) {
      throw new BuildError(
        { what: `cannot get the credentials for ${registry} from the Docker config`, got: error.message, fix: "check credsStore/credHelpers in config.json (DOCKER_CONFIG) and that the docker-credential-* program is on PATH, or log in again" },
        { cause: error }
      );
    }
  };
}
async function registryStep(p, options, prepared, facts, deps) {
  const [{ registryBuild }, transport, { expectationsOf }, { layerBlobCache }, { imageSet }] = await Promise.all([
    import("./registry-engine-5JBBB4TS.mjs"),
    registryTransport(p),
    import("./expectations-2ZK47GGI.mjs"),
    import("./layer-blob-cache-5HH466TC.mjs"),
    import("./image-set-QPN5L3Y7.mjs")
  ]);
  const image = imageSet(prepared, p.baseFloor);
  const expectations = expectationsOf(options.cachePath, image, p.prepareOptions, p.verifyOptions);
  const layerCache = layerBlobCache(join9(layerSummariesDir(facts.runnerTemp, facts.defaultCacheRoot), "layers"), (why) => deps.log.info(why));
  let attested;
  const attest = p.mode === "build" && p.buildEngine === "registry" ? p.attest : void 0;
  const beforeTag = attest ? async (copy) => {
    const { attestImage } = await import("./attest-image-6TFHFMSJ.mjs");
    attested = await attestImage(attest, copy, { gateway: p.gateway.profile.name, files: image.manifest.files, carried: p.baseFloor?.carried.map((c) => c.file.cacheFile), sourceDateEpoch: options.sourceDateEpoch }, deps.log);
  } : void 0;
  const outcome = await deps.log.group(
    `Registry engine: append the encoder layer to ${options.mode.kind === "overlay" ? options.mode.baseImage : "?"} (${options.platforms.join(", ")})`,
    () => registryBuild(options, image, expectations, { log: deps.log, credentials: credentialsFor(facts), layerCache, transport, ...beforeTag ? { beforeTag } : {} })
  );
  if (!attested) return outcome;
  const { writeStatementFile } = await import("./statement-file-6N4ESZQ6.mjs");
  const path = await writeStatementFile(attestationsDir(facts.runnerTemp, facts.defaultCacheRoot), attested.subjectDigest, attested.statement);
  return { ...outcome, attested: { ...attested, path } };
}
async function cacheImageStep(p, options, prepared, facts, deps) {
  const [{ pushCacheImage }, transport, { expectationsOf }] = await Promise.all([import("./cache-image-EWWSYFNS.mjs"), registryTransport(p), import("./expectations-2ZK47GGI.mjs")]);
  const { gateway: _notTheGateway, ...verifyOptions } = p.verifyOptions;
  return pushCacheImage(options, prepared, expectationsOf(options.cachePath, prepared, p.prepareOptions, verifyOptions), { log: deps.log, credentials: credentialsFor(facts), transport });
}
async function buildxStepParts(facts, deps) {
  const { build, openLayoutRun, buildxBinary } = await import("./buildx-modules-7CHR3HVN.mjs");
  const buildx = deps.docker === void 0 ? await buildxBinary(facts.processEnv, facts.dockerConfig) : void 0;
  return { build, openLayoutRun, buildx };
}
function buildDir(facts) {
  return join9(facts.workDir, "build");
}
async function buildxStep(p, context, facts, deps, onLayout, parts = buildxStepParts(facts, deps)) {
  const { build, openLayoutRun, buildx } = await parts;
  const tempDir = buildDir(facts);
  const floor = p.baseFloor?.carried.length ? p.baseFloor : void 0;
  const staged = floor ? await (await import("./stage-carried-5GWJLKRX.mjs")).stageCarried(context, p.buildOptions.cachePath, floor, tempDir) : "dir" in context ? context.dir : void 0;
  const from = staged !== void 0 ? { staged } : context;
  return build(p.buildOptions, from, {
    log: deps.log,
    docker: deps.docker,
    buildx,
    tempDir,
    engine: p.engine,
    dockerConfig: facts.dockerConfig,
    transport: await registryTransport(p),
    openLayout: async () => {
      const run = await openLayoutRun(engineBlobsDir(facts.runnerTemp, facts.defaultCacheRoot), tempDir, (why) => deps.log.info(why));
      onLayout(run.close);
      return run;
    }
  });
}

// src/pipeline/pipeline.ts
function stampOf(p) {
  if (p.mode === "build") {
    const o = p.buildOptions;
    const version = o.versionTag ?? o.version;
    return { ...version !== void 0 ? { version } : {}, labels: o.labels.map(([k, v]) => `${k}=${v}`), annotations: o.annotations };
  }
  if (p.mode === "merge") {
    const version = p.merge.versionTag ?? p.merge.version;
    return { ...version !== void 0 ? { version } : {}, labels: [], annotations: p.merge.annotations ?? [] };
  }
  return void 0;
}
var download = async (request, dest, deps) => (await import("./download-file-63NR2XVI.mjs")).downloadFile(request, dest, deps);
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
async function prepareStep(prepareOptions, facts, deps, gate, beside) {
  deps.applyEnvironment(proxyEnvironment(prepareOptions.proxy));
  const ports = gate ? gatedPorts(gate, deps) : { actionsCache: deps.actionsCache, download };
  const title = "Prepare the verified encoder cache";
  const run = () => prepare(prepareOptions, {
    log: beside?.log ?? deps.log,
    toolCache: deps.toolCache,
    ...ports,
    // A fixed root: each run stages in its own folder under it, but the Actions cache matches
    // entries on the hand-off path inside it (see src/prepare/staging.ts).
    stagingDir: stagingRoot(facts.runnerTemp, facts.defaultCacheRoot),
    // The plan checked cache-dir's place and contents (checkCacheDir, checkLayout) just before.
    cacheDirChecked: true,
    ...beside ? { onAcquired: beside.onAcquired } : {}
  });
  if (!beside) return deps.log.group(title, run);
  let preparing;
  await deps.log.group(title, async () => {
    preparing = run();
    await Promise.race([preparing.then(() => void 0, () => void 0), beside.started]);
  });
  if (!preparing) throw new Error("internal: the prepare section never ran");
  return preparing;
}
async function runPipeline(raw, facts, deps) {
  let result = { mode: "prepare" };
  let closeLayout;
  try {
    let early;
    let planDone = () => void 0;
    const gate = new Promise((resolve3) => planDone = resolve3);
    let buildParts;
    let beside;
    const inputsValid = (prepareOptions, context) => {
      beside = contextBeside(buildDir(facts), context, deps.log);
      early = prepareStep(prepareOptions, facts, deps, gate, beside);
      early.catch(() => void 0);
      buildParts = buildxStepParts(facts, deps);
      buildParts.catch(() => void 0);
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
    result = { mode: p.mode, prepareOptions: p.prepareOptions, pinSetKey: pinSetKey(p.prepareOptions), gateway: p.gateway, ...p.mode === "build" ? { buildOptions: p.buildOptions } : {} };
    const stamp = stampOf(p);
    if (stamp) result = { ...result, stamp };
    if (p.mode === "prepare" || p.mode === "build") {
      const preparing = early ?? prepareStep(p.prepareOptions, facts, deps);
      const buildx = p.mode === "build" && p.buildEngine === "buildx" ? p : void 0;
      const staged = buildx && beside ? await beside.ready(preparing) : void 0;
      if (buildx && beside && staged) {
        beside.hold();
        const building = buildxStep(buildx, staged, facts, deps, (close) => closeLayout = close, buildParts);
        const [built, prepared] = await Promise.allSettled([building, preparing]);
        await showHeld(beside, deps.log);
        if (prepared.status === "fulfilled") result = { ...result, prepared: prepared.value, ...p.prepareOptions.refresh ? { drift: [] } : {} };
        if (built.status === "rejected") throw built.reason;
        result = { ...result, built: built.value };
        if (prepared.status === "rejected") {
          deps.log.warning(`nothing was tagged or loaded: prepare failed while the image was built. The unpublished image is ${unpublishedAt(result)}`);
          throw prepared.reason;
        }
        checkSameManifest(staged, prepared.value);
      } else {
        try {
          result = { ...result, prepared: await preparing, ...p.prepareOptions.refresh ? { drift: [] } : {} };
        } catch (error) {
          if (error instanceof DriftError) return { ...result, drift: error.drifted, error };
          throw error;
        }
      }
    }
    if (p.mode === "build" && p.buildEngine === "registry" && result.prepared) {
      const outcome = await registryStep(p, p.buildOptions, result.prepared, facts, deps);
      const published = outcome.built.tags.map((ref) => ({ ref, where: "registry", published: true }));
      result = { ...result, built: outcome.built, published, ...outcome.verification ? { verification: outcome.verification } : {}, ...outcome.attested ? { attestation: outcome.attested } : {} };
      if (outcome.verification) (await import("./assert-verified-RDUT2GH2.mjs")).assertVerified(outcome.verification);
    } else if (p.mode === "build" && p.buildEngine === "buildx" && result.prepared && !result.built) {
      result = { ...result, built: await buildxStep(p, result.prepared, facts, deps, (close) => closeLayout = close, buildParts) };
    }
    if (p.mode === "merge") {
      result = { ...result, merged: await mergeStep(p, facts, deps) };
    }
    if (p.cacheImage && result.prepared) {
      const pushed = await cacheImageStep(p, p.cacheImage, result.prepared, facts, deps);
      result = { ...result, cacheImage: { reference: pushed.reference, digest: pushed.digest, tagged: pushed.tagged } };
      if (pushed.verification) (await import("./assert-verified-RDUT2GH2.mjs")).assertVerified(pushed.verification);
    }
    const registryEngine = p.mode === "build" && p.buildEngine === "registry";
    const shouldVerify = !registryEngine && (p.mode === "verify" || (p.mode === "merge" ? p.merge.verify : p.mode === "build" && p.buildOptions.verify));
    if (shouldVerify) {
      const verification = await verifyStep(p, result, facts, deps);
      if (verification) {
        result = { ...result, verification };
        if (!verification.ok) {
          const planned = p.mode === "build" ? (await import("./buildx-modules-7CHR3HVN.mjs")).plannedTags(p.buildOptions, "verification failed") : (result.merged?.tags ?? []).map((ref) => ({ ref, where: "registry", published: false, reason: "verification failed" }));
          result = { ...result, published: planned };
          deps.log.warning(`nothing was tagged or loaded: verification failed. The unpublished image is ${unpublishedAt(result)}`);
        }
        (await import("./assert-verified-RDUT2GH2.mjs")).assertVerified(verification);
      }
    }
    if (p.mode === "build" && !registryEngine && p.attest) {
      const attestation = await attestStep(p, result, facts, deps);
      if (attestation) result = { ...result, attestation };
    }
    if (p.mode === "build" && !registryEngine || p.mode === "merge") result = await publishStep(p, result, facts, deps);
    return result;
  } catch (error) {
    return { ...result, error };
  } finally {
    await closeLayout?.().catch(() => void 0);
  }
}

// src/attest/run-facts.ts
function runFacts(env) {
  const pick2 = (name) => env[name]?.trim() || void 0;
  return { repository: pick2("GITHUB_REPOSITORY"), commit: pick2("GITHUB_SHA"), workflowRef: pick2("GITHUB_WORKFLOW_REF"), runId: pick2("GITHUB_RUN_ID") };
}

export {
  actionsCache,
  runnerToolCache,
  secretMask,
  defaultCacheRoot,
  readDockerConfig,
  runGitFacts,
  repositoryUrl,
  runPipeline,
  runFacts
};
