import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
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
} from "./chunk-CZKUM3XS.mjs";

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
        yield { ...named, size: 0, type: TarType.paxGlobal, body: EMPTY };
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
  tarEntries
};
