// Hard limits on what verification reads from an image source, so a hostile registry or
// archive cannot take the runner's memory or time: documents (indexes, manifests, configs)
// are small; a layer is read no further than its descriptor's size, within a time budget
// that grows with that size.

export interface ReadLimits {
  /** Largest index, manifest or config accepted, in bytes. */
  readonly maxDocumentBytes: number;
  /** Time allowed for one document request. */
  readonly documentTimeoutMs: number;
  /** Time allowed for reading one layer of `size` compressed bytes (download and unpack). */
  readonly blobTimeoutMs: (size: number) => number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxDocumentBytes: 4 * 1024 * 1024,
  documentTimeoutMs: 60_000,
  // Two minutes plus 1 MiB/s: a 1 GiB layer may take 19 minutes, an endless one never ends well.
  blobTimeoutMs: (size) => 120_000 + Math.ceil(size / (1024 * 1024)) * 1000,
};

/** Reads a whole document body, failing as soon as it passes `max` bytes. */
export async function readCapped(body: AsyncIterable<Uint8Array> | null, max: number, what: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  if (!body) return Buffer.alloc(0);
  for await (const chunk of body) {
    size += chunk.length;
    if (size > max) throw new Error(`${what} is larger than ${max} bytes: not an image document (stopped reading)`);
    parts.push(Buffer.from(chunk));
  }
  return Buffer.concat(parts);
}
