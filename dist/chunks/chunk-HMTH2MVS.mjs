import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/tar/tar-header.ts
var BLOCK = 512;
var TarType = {
  file: "file",
  hardlink: "hardlink",
  symlink: "symlink",
  directory: "directory",
  paxLocal: "pax-local",
  paxGlobal: "pax-global",
  gnuLongName: "gnu-long-name",
  gnuLongLink: "gnu-long-link",
  other: "other"
};
var TYPES = {
  "0": TarType.file,
  "\0": TarType.file,
  "7": TarType.file,
  "1": TarType.hardlink,
  "2": TarType.symlink,
  "5": TarType.directory,
  x: TarType.paxLocal,
  g: TarType.paxGlobal,
  L: TarType.gnuLongName,
  K: TarType.gnuLongLink
};
function text(block, start, length) {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString("utf8");
}
function number(block, start, length) {
  const field = block.subarray(start, start + length);
  if ((field[0] ?? 0) & 128) {
    let value = (field[0] ?? 0) & 127;
    for (let i = 1; i < field.length; i++) value = value * 256 + (field[i] ?? 0);
    return value;
  }
  const digits = text(block, start, length).trim();
  if (digits === "") return 0;
  if (!/^[0-7]+$/.test(digits)) throw new Error(`tar header: "${digits}" is not an octal number`);
  return parseInt(digits, 8);
}
function isZeroBlock(block) {
  for (const byte of block) if (byte !== 0) return false;
  return true;
}
function parseHeader(block) {
  if (block.length !== BLOCK) throw new Error(`tar header: ${block.length} bytes, expected ${BLOCK}`);
  const stored = number(block, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i] ?? 0;
  if (stored !== sum) throw new Error(`tar header: checksum ${stored} does not match ${sum} (not a tar stream, or corrupt)`);
  const magic = text(block, 257, 6);
  const prefix = magic.startsWith("ustar") && block[262] === 0 ? text(block, 345, 155) : "";
  const name = text(block, 0, 100);
  return {
    name: prefix ? `${prefix}/${name}` : name,
    linkname: text(block, 157, 100),
    size: number(block, 124, 12),
    type: TYPES[String.fromCharCode(block[156] ?? 0)] ?? TarType.other
  };
}
function parsePax(data) {
  const records = /* @__PURE__ */ new Map();
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(32, at);
    if (space === -1) break;
    const length = Number(data.subarray(at, space).toString("ascii"));
    if (!Number.isInteger(length) || length <= 0 || at + length > data.length) {
      throw new Error(`tar pax header: bad record length at byte ${at}`);
    }
    const record = data.subarray(space + 1, at + length - 1).toString("utf8");
    const eq = record.indexOf("=");
    if (eq > 0) records.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return records;
}
function padding(size) {
  return (BLOCK - size % BLOCK) % BLOCK;
}
function withExtended(header, ext, global) {
  return {
    ...header,
    name: ext.path ?? global.path ?? header.name,
    linkname: ext.linkpath ?? global.linkpath ?? header.linkname,
    size: ext.size ?? header.size
  };
}
function paxToExtended(records, into) {
  const path = records.get("path");
  const linkpath = records.get("linkpath");
  const size = records.get("size");
  if (path !== void 0) into.path = path;
  if (linkpath !== void 0) into.linkpath = linkpath;
  if (size !== void 0) into.size = Number(size);
}
function gnuText(data) {
  const end = data.indexOf(0);
  return data.subarray(0, end === -1 ? data.length : end).toString("utf8");
}

// src/tar/byte-reader.ts
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
async function* tarEntries(source) {
  const reader = new ByteReader(source);
  const global = {};
  let ext = {};
  for (; ; ) {
    const block = await reader.exactly(BLOCK);
    if (!block || isZeroBlock(block)) break;
    const header = parseHeader(block);
    switch (header.type) {
      case TarType.paxLocal:
        paxToExtended(parsePax(await readMeta(reader, header.size)), ext);
        continue;
      case TarType.paxGlobal:
        paxToExtended(parsePax(await readMeta(reader, header.size)), global);
        continue;
      case TarType.gnuLongName:
        ext.path = gnuText(await readMeta(reader, header.size));
        continue;
      case TarType.gnuLongLink:
        ext.linkpath = gnuText(await readMeta(reader, header.size));
        continue;
    }
    const entry = withExtended(header, ext, global);
    ext = {};
    const dataSize = entry.type === TarType.file || entry.type === TarType.other ? entry.size : 0;
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

// src/image/image-reference.ts
var DIGEST = /^sha256:[0-9a-f]{64}$/;
var TAG = /^[\w][\w.-]{0,127}$/;
var REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
function parseImageReference(reference) {
  let rest = reference.trim();
  let digest;
  const at = rest.indexOf("@");
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new Error(`"${digest}" is not a sha256 digest (sha256:<64 hex>)`);
  }
  let tag;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new Error(`"${tag}" is not a valid tag`);
  }
  const slash = rest.indexOf("/");
  const first = slash === -1 ? "" : rest.slice(0, slash);
  const hasHost = first !== "" && (first.includes(".") || first.includes(":") || first === "localhost");
  const registry = hasHost ? first : "docker.io";
  let repository = hasHost ? rest.slice(slash + 1) : rest;
  if (registry === "docker.io" && !repository.includes("/")) repository = `library/${repository}`;
  if (!REPOSITORY.test(repository)) throw new Error(`"${repository}" is not a valid repository name`);
  return {
    registry,
    apiHost: registry === "docker.io" ? "registry-1.docker.io" : registry,
    repository,
    ...tag === void 0 && digest === void 0 ? { tag: "latest" } : {},
    ...tag !== void 0 ? { tag } : {},
    ...digest !== void 0 ? { digest } : {}
  };
}
function registryScheme(apiHost, insecure) {
  const host = apiHost.replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
  const loopback = host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
  return loopback || insecure ? "http" : "https";
}
function manifestReference(ref) {
  return ref.digest ?? ref.tag ?? "latest";
}

export {
  BLOCK,
  TarType,
  isZeroBlock,
  parseHeader,
  parsePax,
  padding,
  withExtended,
  paxToExtended,
  gnuText,
  tarEntries,
  parseImageReference,
  registryScheme,
  manifestReference
};
