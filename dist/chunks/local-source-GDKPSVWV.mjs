import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  tarEntries
} from "./chunk-RQOY37YH.mjs";
import {
  TarType
} from "./chunk-CZKUM3XS.mjs";
import {
  openRegular,
  readChunks
} from "./chunk-TORZOQGE.mjs";
import {
  readLimit
} from "./chunk-JUBMCVBR.mjs";
import "./chunk-AMMJLJJB.mjs";
import {
  InputError
} from "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/encoders/local-source.ts
import { constants } from "node:fs";
import { access, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";

// src/encoders/tar-entries.ts
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
      const path = join(dir, entry.name);
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
export {
  MAX_UNPACKED,
  checkSource,
  openSource
};
