// The one layer the registry engine and the cache image add: the verified files and
// manifest.json under cache-path, byte-identical on every run and machine. Entries sorted,
// mtime = SOURCE_DATE_EPOCH (or 0), uid/gid 0, files 0444, the folder 0555; gzip at a fixed
// level with a fixed header (no name, mtime 0, OS byte "Unix"). The files are hashed again
// while read: a cache folder is input, and only bytes matching the manifest go in.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { IntegrityError } from '../errors.js';
import { MANIFEST_FILE, serializeManifest, type Manifest } from '../encoders/manifest.js';
import { tarBytes, type TarWriteEntry } from '../tar/tar-write.js';
import { sha256Digest } from './digest.js';

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

/** gzip with every header field fixed: zlib writes mtime 0 and no name; the OS byte depends on the build of zlib, so it is set. */
export function fixedGzip(data: Buffer): Buffer {
  const out = gzipSync(data, { level: LAYER_GZIP_LEVEL, memLevel: 8, windowBits: 15, strategy: 0 });
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
}

export async function encoderLayer(input: LayerInput): Promise<EncoderLayer> {
  const root = layerRoot(input.cachePath);
  const mtime = input.sourceDateEpoch ?? 0;
  const contents = new Map<string, Buffer>();
  for (const file of input.manifest.files) {
    if (!/^[0-9a-f]{40}$/.test(file.cacheFile)) throw new Error(`manifest entry ${file.id} names "${file.cacheFile}", not a sha1 cache file name`);
    const bytes = await readFile(join(input.cacheDir, file.cacheFile));
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
  const entries: Array<TarWriteEntry & { data?: Buffer }> = [{ name: root, type: 'directory', size: 0, mode: 0o555, mtime }];
  for (const name of names) {
    const data = contents.get(name) as Buffer;
    entries.push({ name: `${root}/${name}`, type: 'file', size: data.length, mode: 0o444, mtime, data });
  }
  const tar = tarBytes(entries);
  const blob = fixedGzip(tar);
  return { blob, digest: sha256Digest(blob), diffId: sha256Digest(tar), size: blob.length, tarSize: tar.length, files: names };
}
