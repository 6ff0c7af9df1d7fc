import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  openRegular,
  readChunks
} from "./chunk-TORZOQGE.mjs";
import {
  StreamHash
} from "./chunk-LMSPCY74.mjs";
import {
  checkPin,
  readLimit
} from "./chunk-JUBMCVBR.mjs";
import {
  InputError
} from "./chunk-SENFWAUD.mjs";

// src/encoders/copy-verified.ts
import { randomBytes } from "node:crypto";
import { open as openFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
var TEMP_PREFIX = ".oneapi-offline-";
var RUN_TOKEN = randomBytes(8).toString("hex");
async function* chunksOf(source, limit) {
  if ("path" in source) yield* readChunks(await openRegular(source.path), limit, source.path);
  else yield source.bytes;
}
async function writeAll(handle, chunk) {
  for (let offset = 0; offset < chunk.length; ) offset += (await handle.write(chunk, offset)).bytesWritten;
}
function tempName(token = RUN_TOKEN) {
  return `${TEMP_PREFIX}tmp-${token}-${randomBytes(6).toString("hex")}.tmp`;
}
function isTempOf(name, token) {
  return name.startsWith(`${TEMP_PREFIX}tmp-${token}-`) && /^[0-9a-f]{12}\.tmp$/.test(name.slice(`${TEMP_PREFIX}tmp-${token}-`.length));
}
async function copyVerified(source, dir, name, pin, options = {}) {
  const temp = join(dir, tempName());
  const hash = new StreamHash();
  const limit = readLimit(pin);
  let size = 0;
  try {
    const out = await openFile(temp, "wx");
    try {
      for await (const chunk of chunksOf(source, limit)) {
        size += chunk.length;
        if (size > limit) break;
        hash.update(chunk);
        await writeAll(out, chunk);
      }
      if (options.durable !== false) await out.sync();
    } finally {
      await out.close();
    }
    const measured = { sha256: size > limit ? "" : hash.hex(), size };
    const problem = checkPin(pin, measured, "path" in source ? source.path : void 0);
    if (problem) throw problem;
    await rename(temp, join(dir, name));
    return measured;
  } finally {
    await rm(temp, { force: true });
  }
}
async function writeTextAtomically(dir, name, text, options = {}) {
  const temp = join(dir, tempName());
  try {
    const out = await openFile(temp, "wx");
    try {
      await writeAll(out, Buffer.from(text, "utf8"));
      if (options.durable !== false) await out.sync();
    } finally {
      await out.close();
    }
    await rename(temp, join(dir, name));
  } finally {
    await rm(temp, { force: true });
  }
}

// src/encoders/folder-lock.ts
import { randomBytes as randomBytes2 } from "node:crypto";
import { open, readdir, readFile, rm as rm2, stat, utimes } from "node:fs/promises";
import { hostname } from "node:os";
import { join as join2 } from "node:path";
import { setTimeout as delay } from "node:timers/promises";

// src/encoders/write-failure.ts
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
    if (isTempOf(name, token)) await rm2(join2(dir, name), { force: true });
  }
}
async function lockFolder(dir, options = {}) {
  const path = join2(dir, LOCK_FILE);
  const waitMs = options.waitMs ?? 6e5;
  const staleMs = options.staleMs ?? 12e4;
  const me = { pid: process.pid, host: hostname(), token: RUN_TOKEN, since: (/* @__PURE__ */ new Date()).toISOString() };
  const mine = `${JSON.stringify({ ...me, nonce: randomBytes2(6).toString("hex") })}
`;
  const started = Date.now();
  let told = false;
  for (; ; ) {
    try {
      const handle = await open(path, "wx");
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

export {
  copyVerified,
  writeTextAtomically,
  writeFailure,
  LOCK_FILE,
  processAlive,
  withFolderLock
};
