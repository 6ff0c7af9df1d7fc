import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  probeEngine
} from "./chunk-UZZM6D2E.mjs";
import {
  TAG_RE,
  defaultVersion,
  imageTags,
  parseBoolean,
  parseFullTag,
  parseImageName,
  parseKeyValues,
  parseLines,
  parseList,
  parseMergeInputs,
  sanitizeTag,
  versionTags
} from "./chunk-XMJO4ZNN.mjs";
import {
  PROVENANCE_VALUES,
  chooseProvenance,
  proxyBuildArgs,
  proxyOfBuildArgs,
  proxySecrets
} from "./chunk-7VLGP4TU.mjs";
import {
  TarType,
  parseImageReference,
  tarEntries
} from "./chunk-HMTH2MVS.mjs";
import {
  redactUrl,
  urlSecrets
} from "./chunk-TFUDK5DV.mjs";
import {
  DriftError,
  InputError,
  IntegrityError
} from "./chunk-22DLFXIZ.mjs";

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
      loaded ??= import("./cache-RYHIMDUJ.mjs");
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

// src/cache/keys.ts
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
        const tc = await import("./tool-cache-BQB6IUK6.mjs");
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

// src/pipeline/host-facts.ts
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join as join2 } from "node:path";

// src/build/git-facts.ts
import { execFile } from "node:child_process";
function git(cwd, args, gitBin) {
  return new Promise((resolve2) => {
    execFile(gitBin, [...args], { cwd, timeout: 1e4, windowsHide: true }, (error, stdout) => {
      resolve2(error ? void 0 : stdout.trim() || void 0);
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

// src/pipeline/host-facts.ts
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
import { join as join10 } from "node:path";

// src/prepare/prepare.ts
import { randomBytes as randomBytes2 } from "node:crypto";
import { mkdir as mkdir4, rm as rm6 } from "node:fs/promises";
import { join as join8 } from "node:path";

// src/encoders/local-source.ts
import { constants } from "node:fs";
import { access, readdir, readFile as readFile2, stat } from "node:fs/promises";
import { join as join3 } from "node:path";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";

// src/encoders/tar-entries.ts
async function* once(archive) {
  yield archive;
}
async function tarEntries2(archive) {
  const entries = [];
  for await (const entry of tarEntries(once(archive))) {
    const chunks = [];
    for await (const chunk of entry.body) chunks.push(chunk);
    if (entry.type === TarType.file) entries.push({ name: entry.name, bytes: Buffer.concat(chunks) });
  }
  return entries;
}

// src/encoders/local-source.ts
var TARBALL = /\.(tar|tar\.gz|tgz)$/i;
var MAX_UNPACKED = 256 * 1024 * 1024;
var unzip = promisify(gunzip);
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
      else if (entry.isFile() || entry.isSymbolicLink() && (await stat(path).catch(() => void 0))?.isFile())
        found.push({ display: path, from: { path }, name: entry.name, depth });
    }
  };
  await walk(root, 0);
  return found;
}
async function tarballFiles(path) {
  let archive = await readFile2(path);
  if (archive[0] === 31 && archive[1] === 139) archive = await unzip(archive, { maxOutputLength: MAX_UNPACKED });
  return (await tarEntries2(archive)).flatMap((entry) => {
    const parts = entry.name.split("/").filter((part) => part !== "" && part !== ".");
    if (parts.length === 0 || parts.length > 2 || parts.includes("..")) return [];
    return [{ display: `${path}:${entry.name}`, from: { bytes: entry.bytes }, name: parts.at(-1) ?? "", depth: parts.length - 1 }];
  });
}
async function openSource(path) {
  const kind = await checkSource(path);
  let files;
  try {
    files = kind === "folder" ? await folderFiles(path) : await tarballFiles(path);
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
import { mkdir as mkdir2, readdir as readdir2, readFile as readFile3, rm as rm3 } from "node:fs/promises";
import { join as join5 } from "node:path";

// src/encoders/check-pin.ts
function describeBytes(sha256, size) {
  return size === void 0 ? `sha256 ${sha256}` : `sha256 ${sha256}, ${size} bytes`;
}
function checkPin(pin, actual, from) {
  const sizeOk = pin.size === void 0 || pin.size === actual.size;
  if (sizeOk && pin.sha256 === actual.sha256.toLowerCase()) return void 0;
  const encodings = pin.encodings.filter((name) => name !== pin.id);
  const label = encodings.length > 0 ? `${pin.id} (${encodings.join(", ")})` : pin.id;
  const source = from !== void 0 && from !== pin.url ? ` from ${redactUrl(from)}` : "";
  return new IntegrityError({
    what: `encoder file ${label}, ${redactUrl(pin.url)}${source}: the bytes do not match the pin`,
    got: describeBytes(actual.sha256, actual.size),
    expected: describeBytes(pin.sha256, pin.size),
    fix: "the file was not kept. If it came from a mirror, proxy or local source, replace it with the upstream file; if upstream changed, review the new file and update the pin in src/pins.ts (or the sha256 in extra-encoders)"
  });
}

// src/encoders/copy-verified.ts
import { randomBytes, createHash as createHash2 } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { rename, rm as rm2 } from "node:fs/promises";
import { join as join4 } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
var TEMP_PREFIX = ".oneapi-offline-";
function open(source) {
  return "path" in source ? createReadStream(source.path, { highWaterMark: 1 << 20 }) : Readable.from([source.bytes]);
}
function tempName() {
  return `${TEMP_PREFIX}${randomBytes(6).toString("hex")}.tmp`;
}
async function copyVerified(source, dir, name, pin) {
  const temp = join4(dir, tempName());
  const hash = createHash2("sha256");
  let size = 0;
  try {
    await pipeline(
      open(source),
      async function* (chunks) {
        for await (const chunk of chunks) {
          size += chunk.length;
          hash.update(chunk);
          yield chunk;
        }
      },
      createWriteStream(temp, { flags: "wx", flush: true })
    );
    const measured = { sha256: hash.digest("hex"), size };
    const problem = checkPin(pin, measured, "path" in source ? source.path : void 0);
    if (problem) throw problem;
    await rename(temp, join4(dir, name));
    return measured;
  } finally {
    await rm2(temp, { force: true });
  }
}
async function writeTextAtomically(dir, name, text) {
  const temp = join4(dir, tempName());
  try {
    await pipeline(Readable.from([Buffer.from(text, "utf8")]), createWriteStream(temp, { flags: "wx", flush: true }));
    await rename(temp, join4(dir, name));
  } finally {
    await rm2(temp, { force: true });
  }
}

// src/encoders/hash-file.ts
import { createHash as createHash3 } from "node:crypto";
import { createReadStream as createReadStream2 } from "node:fs";
async function hashFile(path) {
  const hash = createHash3("sha256");
  let size = 0;
  for await (const chunk of createReadStream2(path, { highWaterMark: 1 << 20 })) {
    const bytes = chunk;
    size += bytes.length;
    hash.update(bytes);
  }
  return { sha256: hash.digest("hex"), size };
}
async function hashFileIfPresent(path) {
  try {
    return await hashFile(path);
  } catch {
    return void 0;
  }
}

// src/encoders/manifest.ts
var MANIFEST_FILE = "manifest.json";
var MANIFEST_SCHEMA = 1;
function buildManifest(files, sizes = /* @__PURE__ */ new Map()) {
  const entries = files.map((file) => {
    const size = file.size ?? sizes.get(file.id);
    if (size === void 0) throw new Error(`internal: no size for ${file.id}`);
    return { id: file.id, encodings: [...file.encodings], url: file.url, sha256: file.sha256, size, cacheFile: file.cacheFile };
  }).sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const encodings = [...new Set(entries.flatMap((entry) => entry.encodings))].sort();
  return { schema: MANIFEST_SCHEMA, encodings, files: entries };
}
function serializeManifest(manifest) {
  return `${JSON.stringify(manifest, null, 2)}
`;
}
function listedCacheFiles(text) {
  try {
    const parsed = JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null || !("files" in parsed) || !Array.isArray(parsed.files)) return [];
    return parsed.files.map(
      (entry) => typeof entry === "object" && entry !== null && "cacheFile" in entry && typeof entry.cacheFile === "string" ? entry.cacheFile : ""
    ).filter((name) => /^[0-9a-f]{40}$/.test(name));
  } catch {
    return [];
  }
}

// src/encoders/layout.ts
async function previousFiles(dir) {
  try {
    return listedCacheFiles(await readFile3(join5(dir, MANIFEST_FILE), "utf8"));
  } catch {
    return [];
  }
}
async function writeLayout(dir, entries) {
  await mkdir2(dir, { recursive: true });
  const before = await previousFiles(dir);
  const written = [];
  const unchanged = [];
  const sizes = /* @__PURE__ */ new Map();
  for (const { file, from } of entries) {
    const target = join5(dir, file.cacheFile);
    const present = await hashFileIfPresent(target);
    if (present && checkPin(file, present) === void 0) {
      unchanged.push(file.cacheFile);
      sizes.set(file.id, present.size);
      continue;
    }
    const copied = await copyVerified(from, dir, file.cacheFile, file);
    sizes.set(file.id, copied.size);
    written.push(file.cacheFile);
  }
  const manifest = buildManifest(
    entries.map((entry) => entry.file),
    sizes
  );
  const text = serializeManifest(manifest);
  const manifestPath = join5(dir, MANIFEST_FILE);
  const current = await readFile3(manifestPath, "utf8").catch(() => void 0);
  if (current !== text) await writeTextAtomically(dir, MANIFEST_FILE, text);
  const wanted = /* @__PURE__ */ new Set([MANIFEST_FILE, ...entries.map((entry) => entry.file.cacheFile)]);
  const removed = [];
  const foreign = [];
  for (const name of await readdir2(dir)) {
    if (wanted.has(name)) continue;
    if (name.startsWith(TEMP_PREFIX) || before.includes(name)) {
      await rm3(join5(dir, name), { force: true });
      removed.push(name);
    } else {
      foreign.push(name);
    }
  }
  return { manifest, manifestPath, written, unchanged, removed, foreign };
}

// src/prepare/check-cache-dir.ts
import { constants as constants2 } from "node:fs";
import { access as access2, stat as stat2 } from "node:fs/promises";
import { dirname as dirname2, resolve } from "node:path";
async function problemWith(path) {
  for (let current = resolve(path), wanted = true; ; current = dirname2(current), wanted = false) {
    const info = await stat2(current).catch((error) => error.code === "ENOENT" ? void 0 : error);
    if (info instanceof Error) return info.code ?? info.message;
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
async function checkCacheDir(path) {
  const problem = await problemWith(path);
  if (problem === void 0) return;
  throw new InputError("cache-dir", {
    got: `${path}: ${problem}`,
    expected: "a folder this job can create and write",
    fix: "point cache-dir (--out) at a writable folder, or leave it empty for $RUNNER_TEMP/tiktoken_cache"
  });
}

// src/pins.ts
var CANONICAL_ORIGIN = "https://openaipublic.blob.core.windows.net";
var PINNED_FILES = {
  r50k_base: {
    id: "r50k_base",
    path: "/encodings/r50k_base.tiktoken",
    sha256: "306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930",
    size: 835554
  },
  p50k_base: {
    id: "p50k_base",
    path: "/encodings/p50k_base.tiktoken",
    sha256: "94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069",
    size: 836186
  },
  cl100k_base: {
    id: "cl100k_base",
    path: "/encodings/cl100k_base.tiktoken",
    sha256: "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    size: 1681126
  },
  o200k_base: {
    id: "o200k_base",
    path: "/encodings/o200k_base.tiktoken",
    sha256: "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    size: 3613922
  },
  "gpt2-vocab-bpe": {
    id: "gpt2-vocab-bpe",
    path: "/gpt-2/encodings/main/vocab.bpe",
    sha256: "1ce1664773c50f3e0cc8842619a93edc4624525b728b188a9e0be33b7726adc5",
    size: 456318
  },
  "gpt2-encoder-json": {
    id: "gpt2-encoder-json",
    path: "/gpt-2/encodings/main/encoder.json",
    sha256: "196139668be63f3b5d6574427317ae82f612a97c5d1cdaf36ed2256dbf636783",
    size: 1042301
  }
};
var ENCODINGS = {
  r50k_base: ["r50k_base"],
  p50k_base: ["p50k_base"],
  p50k_edit: ["p50k_base"],
  cl100k_base: ["cl100k_base"],
  o200k_base: ["o200k_base"],
  o200k_harmony: ["o200k_base"],
  gpt2: ["gpt2-vocab-bpe", "gpt2-encoder-json"]
};
var ENCODING_NAMES = Object.keys(ENCODINGS);
var DEFAULT_ENCODINGS = ["r50k_base", "p50k_base", "cl100k_base", "o200k_base"];
function isEncodingName(name) {
  return Object.hasOwn(ENCODINGS, name);
}
function canonicalUrl(file) {
  return `${CANONICAL_ORIGIN}${file.path}`;
}

// src/encoders/cache-name.ts
import { createHash as createHash4 } from "node:crypto";
function cacheFileName(canonicalUrl2) {
  return createHash4("sha1").update(canonicalUrl2, "utf8").digest("hex");
}

// src/encoders/selection.ts
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
import { mkdir as mkdir3, rm as rm4 } from "node:fs/promises";
import { join as join6 } from "node:path";
async function fromActionsCache(all, wanted, port, dir, log) {
  await rm4(dir, { recursive: true, force: true });
  await mkdir3(dir, { recursive: true });
  const restored = await port.restore(actionsCacheKey(all), dir);
  if (!restored) return { acquired: [], restored };
  const acquired = [];
  for (const file of wanted) {
    const path = join6(dir, file.cacheFile);
    const measured = await hashFileIfPresent(path);
    if (measured !== void 0 && checkPin(file, measured, path) === void 0) {
      log.info(`${file.id}: from the Actions cache (sha256 ${measured.sha256})`);
      acquired.push({ file, from: { path }, measured, source: "actions-cache" });
    } else {
      log.warning(
        `Actions cache: ${file.id} in the restored entry is ${measured ? `damaged (sha256 ${measured.sha256})` : "missing"}; downloading it instead`
      );
      await rm4(path, { force: true });
    }
  }
  return { acquired, restored };
}
async function saveActionsCache(files, cacheDir, port, dir) {
  await rm4(dir, { recursive: true, force: true });
  await mkdir3(dir, { recursive: true });
  for (const { file } of files) {
    await copyVerified({ path: join6(cacheDir, file.cacheFile) }, dir, file.cacheFile, file);
  }
  await port.save(
    actionsCacheKey(files.map((a) => a.file)),
    dir
  );
}

// src/prepare/from-download.ts
import { rm as rm5 } from "node:fs/promises";
import { join as join7 } from "node:path";

// src/prepare/mirror.ts
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
      const dest = join7(stagingDir, file.cacheFile);
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
import { createHash as createHash5 } from "node:crypto";
async function measure(candidate) {
  if ("path" in candidate.from) return hashFile(candidate.from.path);
  const { bytes } = candidate.from;
  return { sha256: createHash5("sha256").update(bytes).digest("hex"), size: bytes.length };
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
      const measured = await measure(candidate);
      const problem = checkPin(file, measured, candidate.display);
      if (problem === void 0) {
        found = { file, from: candidate.from, measured, source: "source" };
        shown = candidate.display;
        break;
      }
      log.warning(`source: ${candidate.display} is not the pinned ${file.id} (sha256 ${measured.sha256}); skipped`);
      firstProblem ??= problem;
    }
    if (!found) throw firstProblem ?? new Error(`internal: no candidate for ${file.id}`);
    log.info(`${file.id}: from source ${shown} (sha256 ${found.measured.sha256})`);
    acquired.push(found);
  }
  return acquired;
}

// src/prepare/from-tool-cache.ts
async function fromToolCache(files, toolCache, log) {
  const acquired = [];
  for (const file of files) {
    const path = toolCache.find(file.id, file.sha256);
    if (path === void 0) continue;
    const measured = await hashFileIfPresent(path);
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
function cacheHitOf(sources) {
  const distinct = [...new Set(sources)];
  const [only] = distinct;
  return distinct.length === 1 && only !== void 0 ? only : "mixed";
}

// src/prepare/prepare.ts
function actionsCacheDir(stagingDir) {
  return join8(stagingDir, "actions-cache");
}
function missing(files, acquired) {
  const have = new Set(acquired.map((a) => a.file.id));
  return files.filter((file) => !have.has(file.id));
}
async function acquireOnline(files, options, deps, downloadDir) {
  const { log } = deps;
  const acquired = [];
  let restored = false;
  if (options.cache && !options.refresh) {
    acquired.push(...await fromToolCache(files, deps.toolCache, log));
    const left2 = missing(files, acquired);
    if (left2.length > 0) {
      const fromActions = await fromActionsCache(files, left2, deps.actionsCache, actionsCacheDir(deps.stagingDir), log);
      restored = fromActions.restored;
      acquired.push(...fromActions.acquired);
    }
  } else if (options.refresh) {
    log.info("refresh: every cache is ignored; downloading every file again to check for drift");
  }
  const left = missing(files, acquired);
  if (left.length === 0) return { acquired, restored };
  await mkdir4(downloadDir, { recursive: true });
  const outcome = await fromDownload(left, options.mirror, options.limits, downloadDir, deps);
  if (options.refresh && outcome.mismatches.length > 0) throw driftError(driftReport(outcome.mismatches, outcome.failures));
  const problems = [...outcome.mismatches.map((m) => m.error), ...outcome.failures.map((f) => f.error)];
  for (const problem of problems.slice(1)) log.warning(problem instanceof Error ? problem.message : String(problem));
  if (problems.length > 0) throw problems[0];
  acquired.push(...outcome.acquired);
  return { acquired, restored };
}
async function prepare(options, deps) {
  const { log } = deps;
  const files = selectFiles(options.encodings, options.extras);
  await checkCacheDir(options.cacheDir);
  const source = options.source !== void 0 ? await openSource(options.source) : void 0;
  const downloadDir = join8(deps.stagingDir, `downloads-${randomBytes2(6).toString("hex")}`);
  try {
    const { acquired, restored } = source ? { acquired: await fromSource(files, source, log), restored: false } : await acquireOnline(files, options, deps, downloadDir);
    const byId = new Map(acquired.map((a) => [a.file.id, a]));
    const ordered = files.map((file) => {
      const found = byId.get(file.id);
      if (!found) throw new Error(`internal: ${file.id} was not acquired`);
      return found;
    });
    const layout = await writeLayout(
      options.cacheDir,
      ordered.map((a) => ({ file: a.file, from: a.from }))
    );
    if (layout.written.length > 0) log.info(`cache folder ${options.cacheDir}: wrote ${layout.written.length} file(s)`);
    if (layout.foreign.length > 0) log.info(`cache folder ${options.cacheDir}: left ${layout.foreign.length} other file(s) alone: ${layout.foreign.join(", ")}`);
    if (options.cache) {
      for (const a of ordered) {
        if (a.source !== "tool-cache") await deps.toolCache.save(a.file.id, a.file.sha256, join8(options.cacheDir, a.file.cacheFile));
      }
      if (ordered.some((a) => a.source === "download") && !restored) {
        await saveActionsCache(ordered, options.cacheDir, deps.actionsCache, actionsCacheDir(deps.stagingDir));
      }
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
    await rm6(downloadDir, { recursive: true, force: true });
    await rm6(actionsCacheDir(deps.stagingDir), { recursive: true, force: true });
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
function proxySecrets2(settings) {
  const found = /* @__PURE__ */ new Set();
  for (const url of [settings.http, settings.https]) {
    if (url !== void 0) for (const secret of urlSecrets(url)) found.add(secret);
  }
  return [...found];
}

// src/image/expectations.ts
function expectationsFrom(manifest, cachePath) {
  return {
    cachePath,
    files: manifest.files.map((file) => ({ cacheFile: file.cacheFile, sha256: file.sha256, size: file.size }))
  };
}

// src/pipeline/expectations.ts
function expectationsOf(cachePath, prepared, selection) {
  if (prepared) return expectationsFrom(prepared.manifest, cachePath);
  const files = selectFiles(selection.encodings, selection.extras);
  return { cachePath, files: files.map((f) => ({ cacheFile: f.cacheFile, sha256: f.sha256, ...f.size !== void 0 ? { size: f.size } : {} })) };
}

// src/build/labels.ts
function rfc3339(epochSeconds) {
  return new Date(epochSeconds * 1e3).toISOString().replace(/\.\d{3}Z$/, "Z");
}
function ociLabels(facts) {
  const labels = [];
  if (facts.version) labels.push(["org.opencontainers.image.version", facts.version]);
  if (facts.revision) labels.push(["org.opencontainers.image.revision", facts.revision]);
  if (facts.source) labels.push(["org.opencontainers.image.source", facts.source]);
  if (facts.sourceDateEpoch !== void 0) labels.push(["org.opencontainers.image.created", rfc3339(facts.sourceDateEpoch)]);
  return labels;
}
function mergePairs(base, overrides) {
  const merged = new Map(base);
  for (const [key, value] of overrides) merged.set(key, value);
  return [...merged];
}

// src/build/platforms.ts
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
var EXPECTED = `os/arch[/variant] with os in ${KNOWN_OS.join(", ")} and arch in ${Object.keys(KNOWN_ARCHITECTURES).join(", ")}, e.g. linux/amd64,linux/arm64`;
function reject(item, fix) {
  throw new InputError("platforms", { got: JSON.stringify(item), expected: EXPECTED, fix });
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
    throw new InputError("platforms", { got: JSON.stringify(raw), expected: EXPECTED, fix: "name at least one platform, e.g. linux/amd64" });
  }
  return [...new Set(items.map(parsePlatform))];
}

// src/build/options.ts
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
function parseVersion(raw, prefix, facts) {
  const given = raw.trim();
  if (given === "") {
    const fallback = defaultVersion({ ref: facts.gitRef, sha: facts.sha });
    return fallback === void 0 ? void 0 : sanitizeTag(fallback);
  }
  if (!TAG_RE.test(`${prefix}${given}`) || !/^[\w.-]+$/.test(given)) {
    throw new InputError("version", {
      got: JSON.stringify(raw),
      expected: 'letters, digits, "_", "." and "-" (a tag must be [A-Za-z0-9_][A-Za-z0-9_.-]{0,127} with the prefix)',
      fix: "give a version a tag can hold, e.g. v1.2.3 (build metadata such as +sha is not allowed in tags)"
    });
  }
  return given;
}
function parseBuildArgs(raw, proxy, epoch) {
  const user = parseKeyValues("build-args", raw).map(([key, value]) => {
    if (!ARG_NAME.test(key)) {
      throw new InputError("build-args", { got: JSON.stringify(key), expected: "an ARG name like NODE_VERSION", fix: 'use letters, digits and "_" in build-arg names' });
    }
    if (key === "SOURCE_DATE_EPOCH") {
      throw new InputError("build-args", { got: `SOURCE_DATE_EPOCH=${value}`, expected: "no SOURCE_DATE_EPOCH here", fix: "set the source-date-epoch input instead" });
    }
    return [key, value];
  });
  const args = mergePairs(proxyBuildArgs(proxy), user);
  if (epoch !== void 0) args.push(["SOURCE_DATE_EPOCH", String(epoch)]);
  return args;
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
function parseBuildInputs(raw, facts) {
  const mode = parseMode(raw);
  const cachePath = parseCachePath(raw("cache-path"));
  const platforms = parsePlatforms(raw("platforms") || "linux/amd64,linux/arm64");
  const builder = noControl("builder", raw("builder").trim());
  const images = parseList(raw("images")).map((item) => parseImageName("images", item));
  const prefix = raw("tag-prefix");
  if (prefix !== "" && !/^[\w.-]+$/.test(prefix)) {
    throw new InputError("tag-prefix", { got: JSON.stringify(prefix), expected: 'letters, digits, "_", "." and "-"', fix: "use a prefix a tag can hold, e.g. offline-" });
  }
  const version = parseVersion(raw("version"), prefix, facts);
  const extraTags = parseList(raw("tags")).map((item) => item.includes(":") || item.includes("/") ? parseFullTag("tags", item) : bareTag(item));
  const bare = extraTags.filter((item) => !item.includes(":") && !item.includes("/"));
  if (bare.length > 0 && images.length === 0) {
    throw new InputError("tags", {
      got: JSON.stringify(bare.join(", ")),
      expected: "full references (name:tag), or bare tags together with images",
      fix: "set images (the names bare tags go on) or write the tags as name:tag"
    });
  }
  const push = parseBoolean("push", raw("push"), false);
  const pushByDigest = parseBoolean("push-by-digest", raw("push-by-digest"), false);
  const load = parseBoolean("load", raw("load"), false);
  const archive = noControl("archive", raw("archive").trim());
  if (/[,"]/.test(archive)) {
    throw new InputError("archive", { got: JSON.stringify(archive), expected: `a file path without "," or '"'`, fix: "choose an archive path without commas or quotes (buildx reads it as CSV)" });
  }
  const epoch = parseEpoch(raw("source-date-epoch"), facts.commitTime);
  const provenanceRaw = raw("provenance").trim();
  if (!PROVENANCE_VALUES.includes(provenanceRaw)) {
    throw new InputError("provenance", { got: JSON.stringify(provenanceRaw), expected: "false, true, mode=min or mode=max", fix: "leave provenance empty for buildx's default or pick one of those" });
  }
  if ((push || pushByDigest) && images.length === 0) {
    throw new InputError(pushByDigest ? "push-by-digest" : "push", { got: "true with no images", expected: 'at least one image name in "images"', fix: "set images (e.g. ghcr.io/org/one-api) or push: false" });
  }
  if (load && platforms.length > 1 && !facts.engineLoadsMultiPlatform) {
    throw new InputError("load", {
      got: `true with ${platforms.length} platforms (${platforms.join(", ")})`,
      expected: "one platform, unless the engine uses the containerd image store",
      fix: "load a single platform, push instead, write an archive, or enable the containerd image store"
    });
  }
  const tags = version === void 0 && extraTags.length === 0 ? [] : imageTags(images, version === void 0 ? [] : versionTags(version, prefix), extraTags);
  if (images.length > 0 && tags.length === 0 && !pushByDigest) {
    throw new InputError("version", { got: "(empty, and no git tag or commit known)", expected: "a version to make tags from", fix: "set version (e.g. v1.2.3) or tags" });
  }
  const buildArgs = parseBuildArgs(raw("build-args"), facts.proxy, epoch);
  const buildProxy = proxyOfBuildArgs(buildArgs);
  const provenance = chooseProvenance(provenanceRaw, buildProxy);
  const labels = mergePairs(
    ociLabels({ version, revision: facts.sha, source: facts.repositoryUrl, sourceDateEpoch: epoch }),
    parseKeyValues("labels", raw("labels"))
  );
  return {
    mode,
    cacheDir: facts.cacheDir,
    cachePath,
    platforms,
    ...builder ? { builder } : {},
    buildArgs,
    labels,
    images,
    ...version !== void 0 ? { version } : {},
    tags,
    push: push || pushByDigest,
    pushByDigest,
    load,
    ...archive ? { archive } : {},
    ...provenance.flag ? { provenance: provenance.flag } : {},
    ...provenance.notice ? { provenanceNotice: provenance.notice } : {},
    ...epoch !== void 0 ? { sourceDateEpoch: epoch } : {},
    verify: parseBoolean("verify", raw("verify"), true),
    secrets: [.../* @__PURE__ */ new Set([...proxySecrets(facts.proxy), ...proxySecrets(buildProxy)])]
  };
}
function bareTag(item) {
  if (!TAG_RE.test(item)) {
    throw new InputError("tags", { got: JSON.stringify(item), expected: "name:tag, or a bare tag [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}", fix: "fix the tag" });
  }
  return item;
}

// src/prepare/options.ts
import { join as join9 } from "node:path";

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
function bad2(got, expected, fix) {
  return new InputError("extra-encoders", { got, expected, fix });
}
function parseLine(line) {
  const fields = line.split(/\s+/);
  const [name = "", url = "", sha256 = ""] = fields;
  const shown = JSON.stringify(fields.map((field) => redactUrl(field)).join(" "));
  if (fields.length !== 3) throw bad2(shown, FORMAT, "write each extra file as three fields separated by spaces");
  if (!NAME.test(name) || name.includes("..")) {
    throw bad2(
      `name ${JSON.stringify(name)} in ${shown}`,
      'a plain file name: letters, digits, ".", "_" or "-", without "/", ".." or spaces',
      "rename the entry; the name is only a label and the file is cached under sha1(url)"
    );
  }
  if (Object.hasOwn(PINNED_FILES, name)) {
    throw bad2(`name ${JSON.stringify(name)}`, "a name that is not a pinned file id", `choose another name; ${name} is built in`);
  }
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw bad2(`url ${JSON.stringify(redactUrl(url))} in ${shown}`, "an absolute http:// or https:// URL", "write the full URL tiktoken loads the file from");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw bad2(`url ${JSON.stringify(redactUrl(url))}`, "an http:// or https:// URL", "use the http(s) URL tiktoken loads the file from");
  }
  if (PINNED_URLS.has(url)) {
    throw bad2(`url ${url}`, "a URL that is not already pinned", "drop the line and add the encoding to `encoders` instead");
  }
  if (!SHA256.test(sha256)) {
    throw bad2(
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
      if (seen.has(key)) throw bad2(`${key} twice`, "each name and url once", "remove the duplicate line");
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
  maxBytesUnpinned: 64 * 1024 * 1024
};
function cacheDirOf(raw, env) {
  const value = raw.trim();
  if (value !== "") {
    if (value.includes("\n") || value.includes("\0")) {
      throw new InputError("cache-dir", { got: JSON.stringify(raw), expected: "one folder path", fix: "set cache-dir to a single path" });
    }
    return value;
  }
  const root = env.runnerTemp?.trim() || env.defaultCacheRoot;
  return join9(root, "tiktoken_cache");
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
    limits: DEFAULT_DOWNLOAD_LIMITS
  };
}

// src/pipeline/plan.ts
async function plan(raw, facts, deps) {
  const prepareOptions = parsePrepareInputs(raw, {
    runnerTemp: facts.runnerTemp,
    defaultCacheRoot: facts.defaultCacheRoot,
    processEnv: facts.processEnv
  });
  for (const secret of [...proxySecrets2(prepareOptions.proxy), ...urlSecrets(prepareOptions.mirror), ...prepareOptions.extras.flatMap((e) => urlSecrets(e.url))]) {
    deps.addSecret(secret);
  }
  if (facts.verifyOnly) return { mode: "verify", prepareOptions };
  if (raw("merge-digests").trim() !== "") {
    const git3 = await facts.git();
    const merge = parseMergeInputs(raw, { gitRef: git3.ref, sha: git3.sha });
    if (merge) return { mode: "merge", prepareOptions, merge };
  }
  if (!parseBoolean("build", raw("build"), true)) return { mode: "prepare", prepareOptions };
  const [engine, git2] = await Promise.all([probeEngine({ log: deps.log, docker: deps.docker }, raw("builder").trim() || void 0), facts.git()]);
  const buildOptions = parseBuildInputs(raw, {
    gitRef: git2.ref,
    sha: git2.sha,
    commitTime: git2.commitTime,
    repositoryUrl: facts.repositoryUrl,
    proxy: prepareOptions.proxy,
    cacheDir: prepareOptions.cacheDir,
    engineLoadsMultiPlatform: engine.loadsMultiPlatform
  });
  for (const secret of buildOptions.secrets) deps.addSecret(secret);
  return { mode: "build", prepareOptions, buildOptions, engine };
}

// src/image/docker-config-auth.ts
function keysFor(registry) {
  if (registry === "docker.io" || registry === "registry-1.docker.io" || registry === "index.docker.io") {
    return ["https://index.docker.io/v1/", "index.docker.io", "docker.io", "registry-1.docker.io"];
  }
  return [registry, `https://${registry}`, `http://${registry}`, `https://${registry}/v1/`, `https://${registry}/v2/`];
}
function credentialsFromDockerConfig(configText, registry) {
  let config;
  try {
    config = JSON.parse(configText);
  } catch {
    return void 0;
  }
  for (const key of keysFor(registry)) {
    const entry = config.auths?.[key];
    if (!entry) continue;
    if (entry.username && entry.password) return { username: entry.username, password: entry.password };
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
  }
  return void 0;
}

// src/pipeline/verify-target.ts
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
function verifyTarget(plan2, result, raw, dockerConfig) {
  if (plan2.mode === "merge" && result.merged) {
    const image2 = parseList(raw("images"))[0];
    return image2 ? registryTarget(`${image2}@${result.merged.digest}`, dockerConfig) : void 0;
  }
  if (plan2.mode === "verify") {
    const archive = raw("archive").trim();
    if (archive) return { target: { kind: "oci-archive", path: archive }, label: archive };
    const reference = parseList(raw("images"))[0];
    if (!reference) return void 0;
    return reference.includes("@") ? registryTarget(reference, dockerConfig) : { target: { kind: "docker", reference }, label: reference };
  }
  const built = result.built;
  if (!built) return void 0;
  const image = plan2.buildOptions?.images[0];
  if (built.digest && image && plan2.buildOptions?.push) return registryTarget(`${image}@${built.digest}`, dockerConfig);
  if (built.ociArchive) {
    return { target: { kind: "oci-archive", path: built.ociArchive }, label: built.archive ?? "the built image (OCI archive)" };
  }
  return void 0;
}

// src/pipeline/pipeline.ts
var download = async (request, dest, deps) => (await import("./download-file-POKHE7BY.mjs")).downloadFile(request, dest, deps);
async function prepareStep(p, facts, deps) {
  deps.applyEnvironment(proxyEnvironment(p.prepareOptions.proxy));
  return deps.log.group(
    "Prepare the verified encoder cache",
    () => prepare(p.prepareOptions, {
      log: deps.log,
      toolCache: deps.toolCache,
      actionsCache: deps.actionsCache,
      download,
      // A fixed path: the Actions cache matches entries on it (see prepare's stagingDir).
      stagingDir: join10(facts.runnerTemp ?? facts.defaultCacheRoot, "oneapi-offline-staging")
    })
  );
}
async function mergeStep(p, raw, deps) {
  const [{ mergeImages }, { runDocker }] = await Promise.all([import("./merge-AWJ4EBYR.mjs"), import("./run-D4SMZ7ZQ.mjs")]);
  return deps.log.group(
    "docker buildx imagetools create",
    () => mergeImages(p.merge, {
      run: (argv, options) => runDocker(argv, { log: deps.log, docker: deps.docker }, options),
      builder: raw("builder").trim() || void 0
    })
  );
}
async function verifyStep(p, result, raw, facts, deps) {
  const target = verifyTarget(p, result, raw, facts.dockerConfig);
  if (!target) {
    if (p.mode === "verify") {
      throw new InputError("images", {
        what: "verify needs an image to read",
        fix: "pass --images name@sha256:\u2026 (a pushed image), --images name:tag (an image in the local engine) or --archive path.oci.tar"
      });
    }
    deps.log.notice("verify: nothing to read back (no push, load or archive); set push, load or archive to check the image offline");
    return void 0;
  }
  const cachePath = p.buildOptions?.cachePath ?? (raw("cache-path").trim() || "/tiktoken_cache");
  const expectations = expectationsOf(cachePath, result.prepared, p.prepareOptions);
  const [{ verifyImage }, { proxiedFetch }] = await Promise.all([import("./verify-image-KTU76MWE.mjs"), import("./proxy-fetch-V3PXSZKW.mjs")]);
  const fetch = proxiedFetch(p.prepareOptions.proxy);
  return deps.log.group(
    `Verify ${target.label} offline, per platform`,
    () => verifyImage(target.target, expectations, { log: deps.log, tempDir: facts.workDir, ...fetch ? { fetch } : {} })
  );
}
async function runPipeline(raw, facts, deps) {
  let result = { mode: "prepare" };
  try {
    const p = await plan(raw, facts, deps);
    result = { mode: p.mode, prepareOptions: p.prepareOptions, pinSetKey: pinSetKey(p.prepareOptions), ...p.buildOptions ? { buildOptions: p.buildOptions } : {} };
    if (p.mode === "prepare" || p.mode === "build") {
      try {
        result = { ...result, prepared: await prepareStep(p, facts, deps), ...p.prepareOptions.refresh ? { drift: [] } : {} };
      } catch (error) {
        if (error instanceof DriftError) return { ...result, drift: error.drifted, error };
        throw error;
      }
    }
    if (p.mode === "build" && p.buildOptions && result.prepared) {
      const { build } = await import("./build-TDRXCHUM.mjs");
      const built = await build(p.buildOptions, result.prepared, { log: deps.log, docker: deps.docker, tempDir: join10(facts.workDir, "build"), engine: p.engine });
      result = { ...result, built };
    }
    if (p.mode === "merge" && p.merge) result = { ...result, merged: await mergeStep({ ...p, merge: p.merge }, raw, deps) };
    const shouldVerify = p.mode === "verify" || (p.mode === "merge" ? parseBoolean("verify", raw("verify"), true) : p.buildOptions?.verify ?? false);
    if (shouldVerify) {
      const verification = await verifyStep(p, result, raw, facts, deps);
      if (verification) {
        result = { ...result, verification };
        (await import("./assert-verified-NVGCR4LY.mjs")).assertVerified(verification);
      }
    }
    return result;
  } catch (error) {
    return { ...result, error };
  }
}

export {
  actionsCache,
  runnerToolCache,
  defaultCacheRoot,
  readDockerConfig,
  runGitFacts,
  repositoryUrl,
  runPipeline
};
