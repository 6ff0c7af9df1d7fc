import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  goClean
} from "./chunk-QWVPQMR7.mjs";
import {
  BLOCK,
  TarType,
  gnuText,
  hasData,
  isZeroBlock,
  padding,
  parseHeader,
  parsePax,
  paxToExtended,
  withExtended
} from "./chunk-2YHSSVPB.mjs";
import {
  init_define_ACTION_INPUTS
} from "./chunk-HPCM2IMK.mjs";

// src/image/consumers.ts
init_define_ACTION_INPUTS();
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

// src/tar/tar-entries.ts
init_define_ACTION_INPUTS();

// src/tar/byte-reader.ts
init_define_ACTION_INPUTS();
var ByteReader = class {
  #chunks;
  #pending = Buffer.alloc(0);
  #ended = false;
  /** Bytes handed out or skipped so far. */
  position = 0;
  constructor(source) {
    const inner = source[Symbol.asyncIterator]();
    this.#chunks = {
      next: async () => {
        const r = await inner.next();
        return r.done ? r : { done: false, value: Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value) };
      }
    };
  }
  async #fill() {
    while (this.#pending.length === 0) {
      if (this.#ended) return false;
      const next = await this.#chunks.next();
      if (next.done) {
        this.#ended = true;
        return false;
      }
      this.#pending = next.value;
    }
    return true;
  }
  /** Up to `max` bytes (at least one), or undefined at the end of the stream. */
  async #some(max) {
    if (!await this.#fill()) return void 0;
    const part = this.#pending.subarray(0, max);
    this.#pending = this.#pending.subarray(part.length);
    this.position += part.length;
    return part;
  }
  /** Exactly `n` bytes; undefined if the stream ends before the first byte; throws if it ends midway. */
  async exactly(n) {
    const parts = [];
    let have = 0;
    while (have < n) {
      const part = await this.#some(n - have);
      if (!part) {
        if (have === 0) return void 0;
        throw new Error(`stream ended after ${have} of ${n} bytes (truncated)`);
      }
      parts.push(part);
      have += part.length;
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts);
  }
  /** The next `n` bytes as chunks; throws if the stream ends first. */
  async *take(n) {
    let left = n;
    while (left > 0) {
      const part = await this.#some(left);
      if (!part) throw new Error(`stream ended ${left} bytes early (truncated)`);
      left -= part.length;
      yield part;
    }
  }
  async skip(n) {
    for await (const part of this.take(n)) void part;
  }
  /** Reads and drops whatever is left (keeps a digest check downstream honest). */
  async drain() {
    while (await this.#some(1 << 20)) {
    }
  }
};

// src/tar/tar-entries.ts
var MAX_META = 1 << 20;
async function readMeta(reader, size) {
  if (size > MAX_META) throw new Error(`tar: a ${size}-byte pax/GNU header is larger than the ${MAX_META}-byte limit`);
  const data = await reader.exactly(size) ?? Buffer.alloc(0);
  await reader.skip(padding(size));
  return data;
}
var EMPTY = (async function* () {
})();
async function* tarEntries(source) {
  const reader = new ByteReader(source);
  let ext = {};
  for (; ; ) {
    const block = await reader.exactly(BLOCK);
    if (!block || isZeroBlock(block)) break;
    const header = parseHeader(block);
    switch (header.type) {
      case TarType.paxLocal:
        paxToExtended(parsePax(await readMeta(reader, header.size)), ext);
        continue;
      case TarType.paxGlobal: {
        const records = {};
        paxToExtended(parsePax(await readMeta(reader, header.size)), records);
        const named = withExtended(header, { ...ext, ...records });
        ext = {};
        yield { name: named.name, linkname: named.linkname, size: 0, type: TarType.paxGlobal, body: EMPTY };
        continue;
      }
      case TarType.gnuLongName:
        ext.path = gnuText(await readMeta(reader, header.size));
        continue;
      case TarType.gnuLongLink:
        ext.linkpath = gnuText(await readMeta(reader, header.size));
        continue;
    }
    const entry = withExtended(header, ext);
    ext = {};
    const dataSize = hasData(entry.type) ? entry.size : 0;
    let left = dataSize;
    const body = (async function* () {
      for await (const part of reader.take(left)) {
        left -= part.length;
        yield part;
      }
    })();
    yield { ...entry, size: dataSize, body };
    await reader.skip(left + padding(dataSize));
  }
  await reader.drain();
}

export {
  tarEntries,
  CONSUMERS,
  CACHE_VARIABLES,
  isConsumerName,
  imageRuntime,
  consumerDir,
  candidateDirs
};
