// Compressed encoder layers kept by their diff_id (the sha256 of the tar), so a later run with
// the same files, cache path and epoch pushes the same gzip bytes without compressing again
// (the slowest step of the registry engine once its blobs are mounted). Kept in a folder of
// this user's that nobody else may write to (anything else is ignored); a kept blob is used only
// if it carries the fixed gzip header and decompresses to exactly that tar. Written whole or not
// at all (temp file, then rename).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { folderTrust } from '../cache/private-folder.js';
import { digestHex, sha256Digest } from './digest.js';

const gunzipAsync = promisify(gunzip);

export interface LayerBlobCache {
  /** The kept gzip of the tar whose digest is `diffId`, checked; undefined when there is none to trust. */
  get(diffId: string): Promise<Buffer | undefined>;
  /** Keeps `blob` (fixedGzip of that tar); never throws. */
  put(diffId: string, blob: Buffer): Promise<void>;
}

/** The gzip header fixedGzip writes: magic, deflate, no flags, mtime 0, the OS byte "Unix". */
function fixedHeader(blob: Buffer): boolean {
  return blob.length > 18 && blob[0] === 0x1f && blob[1] === 0x8b && blob[2] === 8 && blob[3] === 0 && blob.readUInt32LE(4) === 0 && blob[9] === 3;
}

export function layerBlobCache(dir: string, onIgnored: (why: string) => void = () => undefined): LayerBlobCache {
  let trust: 'private' | 'foreign' | undefined; // asked again while there is no folder yet
  const fileOf = (diffId: string): string => join(dir, `${digestHex(diffId) ?? 'not-a-digest'}.tar.gz`);
  return {
    async get(diffId) {
      if (trust === undefined) {
        const found = await folderTrust(dir);
        if (found === 'missing') return undefined;
        trust = found;
        if (trust === 'foreign') onIgnored(`kept layers in ${dir} ignored: the folder is not a folder only this user may write to`);
      }
      if (trust !== 'private') return undefined;
      const blob = await readFile(fileOf(diffId)).catch(() => undefined);
      if (!blob) return undefined;
      const tar = fixedHeader(blob) ? await gunzipAsync(blob).catch(() => undefined) : undefined;
      if (!tar || sha256Digest(tar) !== diffId) {
        onIgnored(`kept layer ${fileOf(diffId)} ignored: it is not the fixed gzip of ${diffId}; compressing again`);
        return undefined;
      }
      return blob;
    },
    async put(diffId, blob) {
      const file = fileOf(diffId);
      const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
      try {
        await mkdir(dir, { recursive: true, mode: 0o700 });
        await writeFile(temp, blob, { mode: 0o600 });
        await rename(temp, file);
      } catch (error) {
        onIgnored(`cannot keep the compressed layer ${diffId} in ${dir}: ${(error as Error).message}`);
      }
    },
  };
}
