// Exact-size reads over a chunked byte stream (a layer after decompression), without
// buffering more than one chunk: the tar reader asks for 512-byte headers and streams bodies.

export class ByteReader {
  readonly #chunks: AsyncIterator<Buffer>;
  #pending: Buffer = Buffer.alloc(0);
  #ended = false;
  /** Bytes handed out or skipped so far. */
  position = 0;

  constructor(source: AsyncIterable<Buffer | Uint8Array>) {
    const inner = source[Symbol.asyncIterator]();
    this.#chunks = {
      next: async () => {
        const r = await inner.next();
        return r.done ? r : { done: false, value: Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value) };
      },
    };
  }

  async #fill(): Promise<boolean> {
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
  async #some(max: number): Promise<Buffer | undefined> {
    if (!(await this.#fill())) return undefined;
    const part = this.#pending.subarray(0, max);
    this.#pending = this.#pending.subarray(part.length);
    this.position += part.length;
    return part;
  }

  /** Exactly `n` bytes; undefined if the stream ends before the first byte; throws if it ends midway. */
  async exactly(n: number): Promise<Buffer | undefined> {
    const parts: Buffer[] = [];
    let have = 0;
    while (have < n) {
      const part = await this.#some(n - have);
      if (!part) {
        if (have === 0) return undefined;
        throw new Error(`stream ended after ${have} of ${n} bytes (truncated)`);
      }
      parts.push(part);
      have += part.length;
    }
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  }

  /** The next `n` bytes as chunks; throws if the stream ends first. */
  async *take(n: number): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      const part = await this.#some(left);
      if (!part) throw new Error(`stream ended ${left} bytes early (truncated)`);
      left -= part.length;
      yield part;
    }
  }

  async skip(n: number): Promise<void> {
    for await (const part of this.take(n)) void part;
  }

  /** Reads and drops whatever is left (keeps a digest check downstream honest). */
  async drain(): Promise<void> {
    while (await this.#some(1 << 20)) {
      // discard
    }
  }
}
