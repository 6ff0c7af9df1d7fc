// The one layer the registry engine and the cache image add: the verified files and
// manifest.json under cache-path, byte-identical on every run and machine. Entries sorted,
// mtime = SOURCE_DATE_EPOCH (or 0), uid/gid 0, files 0444, the folder 0555; gzip at a fixed
// level with a fixed header (no name, mtime 0, OS byte "Unix"). The files are hashed again
// while read: a cache folder is input, and only bytes matching the manifest go in.
// The folder is marked opaque (`.wh..wh..opq` right after it, as Docker writes one): whatever
// lower layers hold at cache-path is hidden, by every applier (containerd's overlay conversion
// sets trusted.overlay.opaque; the naive applier and Docker's vfs remove the lower entries).
// So the folder holds exactly these files in any image this layer tops, and verification
// decides it from this layer alone instead of reading the base.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip, type ZlibOptions } from 'node:zlib';
import { IntegrityError } from '../errors.js';
import { MANIFEST_FILE, serializeManifest, type Manifest } from '../encoders/manifest.js';
import { OPAQUE_MARKER } from '../image/layer-paths.js';
import { tarBytes, type TarWriteEntry } from '../tar/tar-write.js';
import { sha256Digest } from './digest.js';
import type { LayerBlobCache } from './layer-blob-cache.js';

/** zlib's default level: what `gzip` and BuildKit use; fixed so the bytes never vary. */
export const LAYER_GZIP_LEVEL = 6;
const GZIP_OS_UNIX = 3;

export interface EncoderLayer {
  /** The gzip blob as pushed. */
  readonly blob: Buffer;
  /** `sha256:` of the blob (the manifest's layer digest). */
  readonly digest: string;
  /** `sha256:` of the uncompressed tar (the config's diff_id). */
  readonly diffId: string;
  readonly size: number;
  /** Uncompressed size, for the log. */
  readonly tarSize: number;
  /** `cacheFile` names in the layer, sorted, manifest.json included. */
  readonly files: readonly string[];
}

const GZIP_OPTIONS: ZlibOptions = { level: LAYER_GZIP_LEVEL, memLevel: 8, windowBits: 15, strategy: 0 };
const gzipAsync = promisify(gzip) as (data: Buffer, options: ZlibOptions) => Promise<Buffer>;

/**
 * gzip with every header field fixed: zlib writes mtime 0 and no name; the OS byte depends on
 * the build of zlib, so it is set. Runs on libuv's thread pool, so the event loop keeps
 * serving registry requests meanwhile.
 */
export async function fixedGzip(data: Buffer): Promise<Buffer> {
  const out = await gzipAsync(data, GZIP_OPTIONS);
  out[9] = GZIP_OS_UNIX;
  return out;
}

/** The cache-path folder inside the image as a tar path: `/tiktoken_cache/` → `tiktoken_cache`. */
export function layerRoot(cachePath: string): string {
  const root = cachePath.replace(/^\/+/, '').replace(/\/+$/, '');
  if (root === '' || root.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    throw new Error(`cache-path "${cachePath}" is not an absolute folder below /`);
  }
  return root;
}

export interface LayerInput {
  readonly cacheDir: string;
  readonly manifest: Manifest;
  readonly cachePath: string;
  readonly sourceDateEpoch?: number | undefined;
  /** Bytes of manifest entries that are not in cacheDir: files carried from the base (src/base-floor), checked here like the rest. */
  readonly carried?: ReadonlyMap<string, Buffer> | undefined;
}

/** The layer before compression: the files read and checked (all input errors are raised here), tarred. */
export interface EncoderTar {
  readonly tar: Buffer;
  readonly files: readonly string[];
}

export async function encoderTar(input: LayerInput): Promise<EncoderTar> {
  const root = layerRoot(input.cachePath);
  const mtime = input.sourceDateEpoch ?? 0;
  const contents = new Map<string, Buffer>();
  for (const file of input.manifest.files) {
    if (!/^[0-9a-f]{40}$/.test(file.cacheFile)) throw new Error(`manifest entry ${file.id} names "${file.cacheFile}", not a sha1 cache file name`);
    const bytes = input.carried?.get(file.cacheFile) ?? (await readFile(join(input.cacheDir, file.cacheFile)));
    const actual = sha256Digest(bytes).slice('sha256:'.length);
    if (actual !== file.sha256 || bytes.length !== file.size) {
      throw new IntegrityError({
        what: `cache file ${file.cacheFile} (${file.id}) in ${input.cacheDir} changed after it was verified`,
        got: `sha256 ${actual}, ${bytes.length} bytes`,
        expected: `sha256 ${file.sha256}, ${file.size} bytes`,
        fix: 'prepare again (refresh: true) and keep other steps from writing into cache-dir',
      });
    }
    contents.set(file.cacheFile, bytes);
  }
  contents.set(MANIFEST_FILE, Buffer.from(serializeManifest(input.manifest), 'utf8'));
  const names = [...contents.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const entries: Array<TarWriteEntry & { data?: Buffer }> = [
    { name: root, type: 'directory', size: 0, mode: 0o555, mtime },
    { name: `${root}/${OPAQUE_MARKER}`, type: 'file', size: 0, mode: 0o555, mtime, data: Buffer.alloc(0) },
  ];
  for (const name of names) {
    const data = contents.get(name) as Buffer;
    entries.push({ name: `${root}/${name}`, type: 'file', size: data.length, mode: 0o444, mtime, data });
  }
  return { tar: tarBytes(entries), files: names };
}

/**
 * The tar compressed: the slow part, on the thread pool (callers may start it and do other
 * work). With a cache, the same tar's gzip kept by an earlier run is used, checked (see
 * layer-blob-cache.ts), and a fresh one is kept for the next run.
 */
export async function compressLayer({ tar, files }: EncoderTar, cache?: LayerBlobCache): Promise<EncoderLayer> {
  const diffId = sha256Digest(tar);
  let blob = await cache?.get(diffId);
  if (!blob) {
    blob = await fixedGzip(tar);
    await cache?.put(diffId, blob);
  }
  return { blob, digest: sha256Digest(blob), diffId, size: blob.length, tarSize: tar.length, files };
}

export async function encoderLayer(input: LayerInput): Promise<EncoderLayer> {
  return compressLayer(await encoderTar(input));
}
