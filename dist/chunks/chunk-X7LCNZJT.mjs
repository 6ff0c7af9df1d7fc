import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  MANIFEST_FILE,
  manifestOwnership
} from "./chunk-QWVPQMR7.mjs";
import {
  parseBoolean,
  parseLines,
  parseList
} from "./chunk-XIUCSGQF.mjs";
import {
  splitTag
} from "./chunk-YEYNGQTL.mjs";
import {
  redactUrl
} from "./chunk-H7YIB6DC.mjs";
import {
  InputError,
  IntegrityError
} from "./chunk-UI6KUO64.mjs";
import {
  init_define_ACTION_INPUTS
} from "./chunk-HPCM2IMK.mjs";

// src/build/outputs.ts
init_define_ACTION_INPUTS();
function chooseRoute(options, driver) {
  if (driver !== "docker" && options.push && !options.load && options.archive === void 0) return "registry";
  return "archive";
}
function needsArchive(options, route) {
  return route === "archive" && (options.push || options.load || options.archive !== void 0 || options.verify);
}
function targetRepositories(options) {
  const tags = options.pushByDigest ? [] : options.tags;
  return [.../* @__PURE__ */ new Set([...options.images, ...tags.map((tag) => splitTag(tag).name)])];
}
function csvField(field) {
  return /[,"]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
function rewrite(options) {
  return options.sourceDateEpoch === void 0 || options.mode.kind === "overlay" ? [] : ["rewrite-timestamp=true"];
}
function buildxOutputs(options, route, ociArchive) {
  if (route === "registry") {
    const names = targetRepositories(options).join(",");
    return [["type=image", `name=${names}`, "push-by-digest=true", "name-canonical=true", "push=true", "oci-mediatypes=true", ...rewrite(options)].map(csvField).join(",")];
  }
  const dest = options.archive ?? ociArchive;
  if (dest === void 0) return [];
  return [["type=oci", `dest=${dest}`, ...rewrite(options)].map(csvField).join(",")];
}

// src/build/secrets.ts
init_define_ACTION_INPUTS();
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
var ID = /^[A-Za-z0-9_.-]{1,128}$/;
var ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function pair(input, item, example) {
  const eq = item.indexOf("=");
  const id = eq > 0 ? item.slice(0, eq).trim() : "";
  if (!ID.test(id) || eq === item.length - 1) {
    throw new InputError(input, {
      got: eq > 0 ? `an entry with id ${JSON.stringify(id.slice(0, 64))}` : 'an entry without "="',
      expected: `one ${example} per line; ids of letters, digits, "_", "." and "-"`,
      fix: `write each ${input} entry as ${example}`
    });
  }
  return [id, item.slice(eq + 1)];
}
function parseSecrets(raw) {
  const secrets = [
    ...parseLines(raw("secrets")).map((line) => {
      const [id, value] = pair("secrets", line, "id=value");
      return { id, from: "value", value };
    }),
    ...parseLines(raw("secret-files")).map((line) => {
      const [id, path] = pair("secret-files", line, "id=path");
      if (/[\r\n\0]/.test(path)) throw new InputError("secret-files", { got: JSON.stringify(line), expected: "id=path", fix: "give a file path" });
      return { id, from: "file", path: path.trim() };
    }),
    ...parseList(raw("secret-envs")).map((item) => {
      const [id, env] = pair("secret-envs", item, "id=ENVNAME");
      if (!ENV_NAME.test(env.trim())) {
        throw new InputError("secret-envs", { got: JSON.stringify(item), expected: "id=ENVNAME with a variable name such as GH_TOKEN", fix: "name the environment variable that holds the secret" });
      }
      return { id, from: "env", env: env.trim() };
    })
  ];
  const seen = /* @__PURE__ */ new Set();
  for (const secret of secrets) {
    if (seen.has(secret.id)) {
      throw new InputError(secret.from === "value" ? "secrets" : secret.from === "file" ? "secret-files" : "secret-envs", {
        got: `the id ${JSON.stringify(secret.id)} twice`,
        expected: "each secret id once across secrets, secret-files and secret-envs",
        fix: "rename or remove one of them"
      });
    }
    seen.add(secret.id);
  }
  return secrets;
}
function secretArgs(secrets, valueFiles) {
  return secrets.flatMap((secret) => {
    if (secret.from === "env") return ["--secret", `id=${secret.id},env=${secret.env}`];
    const src = secret.from === "file" ? secret.path : valueFiles.get(secret.id);
    if (src === void 0) throw new Error(`secret ${secret.id}: its value was not written to a file`);
    return ["--secret", [`id=${secret.id}`, `src=${src}`].map(csvField).join(",")];
  });
}
async function writeSecretValues(secrets, dir) {
  const files = /* @__PURE__ */ new Map();
  const values = secrets.filter((s) => s.from === "value");
  if (values.length === 0) return files;
  await mkdir(dir, { recursive: true, mode: 448 });
  await chmod(dir, 448);
  for (const [n, secret] of values.entries()) {
    const file = join(dir, String(n));
    await writeFile(file, secret.value, { mode: 384, flag: "w" });
    await chmod(file, 384);
    files.set(secret.id, file);
  }
  return files;
}

// src/encoders/regular-file.ts
init_define_ACTION_INPUTS();
import { constants } from "node:fs";
import { open } from "node:fs/promises";
var UnreadableFile = class extends Error {
  path;
  code;
  constructor(path, code, detail, options) {
    super(`${path}: ${detail}`, options);
    this.name = "UnreadableFile";
    this.path = path;
    this.code = code;
  }
};
function readProblem(code) {
  switch (code) {
    case "ENOENT":
      return "does not exist (or is a symlink to nothing)";
    case "EACCES":
    case "EPERM":
      return `not readable by this user (${code})`;
    case "ELOOP":
      return "is a symlink (or a symlink loop), not a regular file (ELOOP)";
    case "EISDIR":
      return "is a folder, not a file (EISDIR)";
    case "ENOTDIR":
      return "a part of the path is a file, not a folder (ENOTDIR)";
    case "EIO":
      return "the disk reported an I/O error (EIO)";
    default:
      return `cannot be read (${code ?? "unknown error"})`;
  }
}
function kindOf(stats) {
  if (stats.isDirectory()) return "a folder";
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}
async function openRegular(path, options = {}) {
  const flags = constants.O_RDONLY | constants.O_NONBLOCK | (options.noFollow ? constants.O_NOFOLLOW : 0);
  let handle;
  try {
    handle = await open(path, flags);
  } catch (error) {
    const code = error.code ?? "EUNKNOWN";
    throw new UnreadableFile(path, code, readProblem(code), { cause: error });
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new UnreadableFile(path, "not-regular", `is ${kindOf(stats)}, not a regular file`);
    return { handle, size: stats.size };
  } catch (error) {
    await handle.close();
    if (error instanceof UnreadableFile) throw error;
    const code = error.code ?? "EUNKNOWN";
    throw new UnreadableFile(path, code, readProblem(code), { cause: error });
  }
}
async function* readChunks(opened, limit, path) {
  const { handle } = opened;
  try {
    let read = 0;
    while (read <= limit) {
      const want = Math.min(1 << 20, limit + 1 - read);
      const buffer = Buffer.allocUnsafe(want);
      let bytesRead;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, want, null));
      } catch (error) {
        const code = error.code ?? "EUNKNOWN";
        throw new UnreadableFile(path, code, readProblem(code), { cause: error });
      }
      if (bytesRead === 0) return;
      read += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

// src/encoders/copy-verified.ts
init_define_ACTION_INPUTS();
import { randomBytes, createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { join as join2 } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

// src/encoders/check-pin.ts
init_define_ACTION_INPUTS();
var MAX_UNPINNED_BYTES = 64 * 1024 * 1024;
function readLimit(pin) {
  return pin.size ?? MAX_UNPINNED_BYTES;
}
function describeBytes(sha256, size) {
  const hash = sha256 === "" ? "not hashed (larger than the limit)" : `sha256 ${sha256}`;
  return size === void 0 ? hash : `${hash}, ${size} bytes`;
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
var TEMP_PREFIX = ".oneapi-offline-";
var RUN_TOKEN = randomBytes(8).toString("hex");
async function open2(source, limit) {
  if (!("path" in source)) return Readable.from([source.bytes]);
  return Readable.from(readChunks(await openRegular(source.path), limit, source.path));
}
function tempName(token = RUN_TOKEN) {
  return `${TEMP_PREFIX}tmp-${token}-${randomBytes(6).toString("hex")}.tmp`;
}
function isTempOf(name, token) {
  return name.startsWith(`${TEMP_PREFIX}tmp-${token}-`) && /^[0-9a-f]{12}\.tmp$/.test(name.slice(`${TEMP_PREFIX}tmp-${token}-`.length));
}
async function copyVerified(source, dir, name, pin) {
  const temp = join2(dir, tempName());
  const hash = createHash("sha256");
  const limit = readLimit(pin);
  let size = 0;
  try {
    await pipeline(
      await open2(source, limit),
      async function* (chunks) {
        for await (const chunk of chunks) {
          size += chunk.length;
          if (size > limit) break;
          hash.update(chunk);
          yield chunk;
        }
      },
      createWriteStream(temp, { flags: "wx", flush: true })
    );
    const measured = { sha256: size > limit ? "" : hash.digest("hex"), size };
    const problem = checkPin(pin, measured, "path" in source ? source.path : void 0);
    if (problem) throw problem;
    await rename(temp, join2(dir, name));
    return measured;
  } finally {
    await rm(temp, { force: true });
  }
}
async function writeTextAtomically(dir, name, text) {
  const temp = join2(dir, tempName());
  try {
    await pipeline(Readable.from([Buffer.from(text, "utf8")]), createWriteStream(temp, { flags: "wx", flush: true }));
    await rename(temp, join2(dir, name));
  } finally {
    await rm(temp, { force: true });
  }
}

// src/encoders/write-failure.ts
init_define_ACTION_INPUTS();
function fixFor(code, where) {
  const other = where === "cache-dir" ? "point cache-dir at a folder" : "set RUNNER_TEMP (XDG_CACHE_HOME for the CLI) to a folder";
  switch (code) {
    case "ENOSPC":
    case "EDQUOT":
      return `free space on that disk, or ${other} on a disk with room (the encoder files need about 10 MB)`;
    case "EROFS":
      return `${other} on a writable filesystem`;
    case "EACCES":
    case "EPERM":
      return `make the folder writable by the user running this job, or ${other} it can write`;
    default:
      return `check the folder and its disk, or ${other} elsewhere`;
  }
}
function writeFailure(dir, error, where = "cache-dir") {
  const code = error?.code;
  const detail = error instanceof Error ? error.message : String(error);
  return new InputError(
    where,
    {
      what: `cannot write into ${where === "cache-dir" ? "cache-dir" : "the staging folder (under RUNNER_TEMP)"} ${dir}`,
      got: code === "ENOSPC" ? `no space left on the device (ENOSPC): ${detail}` : detail,
      expected: "a writable folder with room for the encoder files",
      fix: `${fixFor(code, where)}; nothing half-written was left in it`
    },
    { cause: error }
  );
}

// src/encoders/folder-lock.ts
init_define_ACTION_INPUTS();
import { randomBytes as randomBytes2 } from "node:crypto";
import { open as open3, readdir, readFile, rm as rm2, stat, utimes } from "node:fs/promises";
import { hostname } from "node:os";
import { join as join3 } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
var LOCK_FILE = ".oneapi-offline.lock";
function parseHolder(text) {
  try {
    const value = JSON.parse(text);
    if (typeof value.pid === "number" && typeof value.host === "string" && typeof value.token === "string" && /^[0-9a-f]{16}$/.test(value.token)) {
      return { pid: value.pid, host: value.host, token: value.token, since: String(value.since ?? "") };
    }
  } catch {
  }
  return void 0;
}
function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}
function describeHolder(holder) {
  return holder ? `pid ${holder.pid} on ${holder.host}, since ${holder.since}` : "an unreadable holder";
}
async function removeTempsOf(dir, token) {
  for (const name of await readdir(dir).catch(() => [])) {
    if (isTempOf(name, token)) await rm2(join3(dir, name), { force: true });
  }
}
async function lockFolder(dir, options = {}) {
  const path = join3(dir, LOCK_FILE);
  const waitMs = options.waitMs ?? 6e5;
  const staleMs = options.staleMs ?? 12e4;
  const me = { pid: process.pid, host: hostname(), token: RUN_TOKEN, since: (/* @__PURE__ */ new Date()).toISOString() };
  const mine = `${JSON.stringify({ ...me, nonce: randomBytes2(6).toString("hex") })}
`;
  const started = Date.now();
  let told = false;
  for (; ; ) {
    try {
      const handle = await open3(path, "wx");
      try {
        await handle.writeFile(mine);
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw writeFailure(dir, error);
    }
    const before = await stat(path).catch(() => void 0);
    if (before === void 0) continue;
    if (!before.isFile()) {
      throw new InputError("cache-dir", {
        what: `cache-dir ${dir} holds ${LOCK_FILE}, which is not a lock this action wrote`,
        got: `${path} is not a regular file`,
        expected: "no such entry, or a lock file of this action",
        fix: `remove ${path}, or point cache-dir at another folder`
      });
    }
    const holder = parseHolder(await readFile(path, "utf8").catch(() => ""));
    const gone = holder !== void 0 && holder.host === me.host && !processAlive(holder.pid);
    const untouched = Date.now() - before.mtimeMs > staleMs;
    if (gone || untouched) {
      const now = await stat(path).catch(() => void 0);
      if (now !== void 0 && now.ino === before.ino && now.mtimeMs === before.mtimeMs) {
        await rm2(path, { force: true });
        if (holder) await removeTempsOf(dir, holder.token);
        options.onWait?.(`${dir}: took over a stale lock (${describeHolder(holder)}, ${gone ? "that process is gone" : `untouched for ${staleMs} ms`})`);
      }
      continue;
    }
    if (Date.now() - started > waitMs) {
      throw new InputError("cache-dir", {
        what: `cache-dir ${dir} is being written by another run`,
        got: `${path} held by ${describeHolder(holder)} for more than ${Math.round(waitMs / 1e3)} s`,
        expected: "one run at a time per cache folder",
        fix: `wait for that run to finish, or give each job its own cache-dir; if no such run exists, delete ${path}`
      });
    }
    if (!told) options.onWait?.(`${dir}: another run (${describeHolder(holder)}) is writing into it; waiting`);
    told = true;
    await delay(50 + Math.floor(Math.random() * 150));
  }
  const beat = setInterval(() => {
    const t = /* @__PURE__ */ new Date();
    utimes(path, t, t).catch(() => void 0);
  }, Math.max(50, Math.min(1e4, Math.floor(staleMs / 4))));
  beat.unref();
  return {
    path,
    async release() {
      clearInterval(beat);
      if (await readFile(path, "utf8").catch(() => "") === mine) await rm2(path, { force: true });
    }
  };
}
async function withFolderLock(dir, options, work) {
  const lock = await lockFolder(dir, options);
  try {
    return await work();
  } finally {
    await lock.release();
  }
}

// src/encoders/read-ownership.ts
init_define_ACTION_INPUTS();
import { join as join4 } from "node:path";
var MAX_MANIFEST_BYTES = 1 << 20;
async function readOwnership(dir) {
  const path = join4(dir, MANIFEST_FILE);
  let text;
  try {
    const chunks = [];
    let size = 0;
    for await (const chunk of readChunks(await openRegular(path, { noFollow: true }), MAX_MANIFEST_BYTES, path)) {
      chunks.push(chunk);
      size += chunk.length;
    }
    if (size > MAX_MANIFEST_BYTES) return { kind: "foreign", reason: `it is larger than ${MAX_MANIFEST_BYTES} bytes` };
    text = Buffer.concat(chunks).toString("utf8");
  } catch (error) {
    if (error instanceof UnreadableFile) {
      if (error.code === "ENOENT") return { kind: "none" };
      return { kind: "foreign", reason: error.message.slice(path.length + 2) };
    }
    throw error;
  }
  const ownership = manifestOwnership(text);
  return ownership.kind === "ours" ? { ...ownership, text } : ownership;
}

// src/pins.ts
init_define_ACTION_INPUTS();
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

// src/build/build-flags.ts
init_define_ACTION_INPUTS();
var CACHE_CONTEXT = "tiktoken";
var STAGE = /^[A-Za-z][A-Za-z0-9_.-]*$/;
var NETWORKS = ["default", "none", "host"];
var HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/;
var ADDRESS = /^(host-gateway|[0-9]{1,3}(\.[0-9]{1,3}){3}|\[?[0-9A-Fa-f:.]+\]?)$/;
function oneLine(input, value) {
  if (/[\r\n\0]/.test(value)) throw new InputError(input, { got: JSON.stringify(value), expected: "a single line", fix: `remove the line break from ${input}` });
  return value;
}
function parseContexts(raw) {
  const seen = /* @__PURE__ */ new Set();
  return parseLines(raw).map((line) => {
    const eq = line.indexOf("=");
    const name = eq > 0 ? line.slice(0, eq).trim() : "";
    const value = eq > 0 ? line.slice(eq + 1).trim() : "";
    if (name === "" || value === "" || /\s/.test(name)) {
      throw new InputError("build-contexts", { got: JSON.stringify(line), expected: "one name=path per line (or name=docker-image://ref, name=https://\u2026)", fix: "write each context as name=path" });
    }
    if (name.toLowerCase() === CACHE_CONTEXT) {
      throw new InputError("build-contexts", {
        got: JSON.stringify(line),
        expected: `no context named "${CACHE_CONTEXT}": this action passes the verified encoder cache under that name`,
        fix: `rename your context and its COPY --from; COPY --from=${CACHE_CONTEXT} already gives the verified files`
      });
    }
    if (seen.has(name)) throw new InputError("build-contexts", { got: `the name ${JSON.stringify(name)} twice`, expected: "each context name once", fix: "remove one of them" });
    seen.add(name);
    return [name, value];
  });
}
function parseCacheSpecs(input, raw) {
  return parseLines(raw).map((line) => {
    if (/\s/.test(line.replace(/"[^"]*"/g, ""))) {
      throw new InputError(input, { got: JSON.stringify(line), expected: "one buildx cache spec per line, e.g. type=registry,ref=ghcr.io/org/app:buildcache", fix: `write each ${input} entry on its own line without spaces` });
    }
    return line;
  });
}
function parseAddHosts(raw) {
  return parseList(raw).map((item) => {
    const sep = item.search(/[:=]/);
    const host = sep > 0 ? item.slice(0, sep) : "";
    const address = sep > 0 ? item.slice(sep + 1) : "";
    if (!HOST.test(host) || !ADDRESS.test(address)) {
      throw new InputError("add-hosts", { got: JSON.stringify(item), expected: "host:ip, e.g. docker:10.180.0.1 (or host-gateway)", fix: "write each entry as host:ip" });
    }
    return `${host}:${address}`;
  });
}
function parseSbom(raw) {
  const value = oneLine("sbom", raw.trim());
  if (value === "") return void 0;
  if (value === "true" || value === "false" || /^[a-z-]+=[^\s,]+(,[a-z-]+=[^\s,]+)*$/.test(value)) return value;
  throw new InputError("sbom", { got: JSON.stringify(raw), expected: "true, false or attributes such as generator=<image>", fix: "set sbom: true (or leave it empty)" });
}
function parseBuildFlags(raw, overlay) {
  const target = oneLine("target", raw("target").trim());
  if (target !== "" && !STAGE.test(target)) {
    throw new InputError("target", { got: JSON.stringify(target), expected: "a stage name from the Dockerfile (FROM \u2026 AS <name>)", fix: "give the name of a build stage" });
  }
  if (target !== "" && overlay) {
    throw new InputError("target", { got: JSON.stringify(target), expected: "no target in overlay mode (base-image is set; the generated Dockerfile has one stage)", fix: "remove target, or build your Dockerfile (file/context) instead of base-image" });
  }
  const network = oneLine("network", raw("network").trim());
  if (network !== "" && !NETWORKS.includes(network)) {
    throw new InputError("network", { got: JSON.stringify(network), expected: NETWORKS.join(", "), fix: "set network to default, none or host (host needs the network.host entitlement on the builder)" });
  }
  const sbom = parseSbom(raw("sbom"));
  return {
    ...target !== "" ? { target } : {},
    buildContexts: parseContexts(raw("build-contexts")),
    cacheFrom: parseCacheSpecs("cache-from", raw("cache-from")),
    cacheTo: parseCacheSpecs("cache-to", raw("cache-to")),
    ...sbom !== void 0 ? { sbom } : {},
    noCache: parseBoolean("no-cache", raw("no-cache"), false),
    pull: parseBoolean("pull", raw("pull"), false),
    ...network !== "" ? { network } : {},
    addHosts: parseAddHosts(raw("add-hosts"))
  };
}
function buildFlagArgs(flags) {
  const argv = [];
  if (flags.target) argv.push("--target", flags.target);
  for (const [name, value] of flags.buildContexts) argv.push("--build-context", `${name}=${value}`);
  for (const spec of flags.cacheFrom) argv.push("--cache-from", spec);
  for (const spec of flags.cacheTo) argv.push("--cache-to", spec);
  for (const host of flags.addHosts) argv.push("--add-host", host);
  if (flags.network) argv.push("--network", flags.network);
  if (flags.noCache) argv.push("--no-cache");
  if (flags.pull) argv.push("--pull");
  if (flags.sbom !== void 0) argv.push("--sbom", flags.sbom);
  return argv;
}

export {
  MAX_UNPINNED_BYTES,
  readLimit,
  checkPin,
  UnreadableFile,
  openRegular,
  readChunks,
  copyVerified,
  writeTextAtomically,
  writeFailure,
  LOCK_FILE,
  processAlive,
  withFolderLock,
  readOwnership,
  CANONICAL_ORIGIN,
  PINNED_FILES,
  ENCODINGS,
  ENCODING_NAMES,
  DEFAULT_ENCODINGS,
  isEncodingName,
  canonicalUrl,
  CACHE_CONTEXT,
  parseBuildFlags,
  buildFlagArgs,
  chooseRoute,
  needsArchive,
  targetRepositories,
  buildxOutputs,
  parseSecrets,
  secretArgs,
  writeSecretValues
};
