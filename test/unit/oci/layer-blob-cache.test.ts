import { chmod, mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { sha256Digest } from '../../../src/oci/digest.js';
import { compressLayer, fixedGzip } from '../../../src/oci/encoder-layer.js';
import { layerBlobCache } from '../../../src/oci/layer-blob-cache.js';
import { tarBytes } from '../../../src/tar/tar-write.js';

const data = Buffer.from('encoder bytes '.repeat(4096));
const tar = tarBytes([{ name: 'tiktoken_cache/a', type: 'file', size: data.length, mode: 0o444, mtime: 0, data }]);
const diffId = sha256Digest(tar);
let dir: string;
let ignored: string[];

beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'layer-cache-')), 'layers');
  ignored = [];
});

describe('compressed encoder layers kept between runs', () => {
  it('keeps the gzip of a tar and gives it back, checked, for the same tar; nothing for another', async () => {
    const cache = layerBlobCache(dir, (why) => void ignored.push(why));
    expect(await cache.get(diffId)).toBeUndefined();
    const first = await compressLayer({ tar, files: ['a'] }, cache);
    expect(first.blob).toEqual(await fixedGzip(tar));
    expect(await readdir(dir)).toEqual([`${diffId.slice(7)}.tar.gz`]);
    expect(await cache.get(diffId)).toEqual(first.blob);
    expect(await cache.get(sha256Digest('another tar'))).toBeUndefined();
    const again = await compressLayer({ tar, files: ['a'] }, cache);
    expect([again.digest, again.diffId, again.size]).toEqual([first.digest, first.diffId, first.size]);
    expect(ignored).toEqual([]);
  });

  it('ignores a kept file that is not the fixed gzip of that tar: other bytes, another header, a torn file', async () => {
    const cache = layerBlobCache(dir, (why) => void ignored.push(why));
    await compressLayer({ tar, files: ['a'] }, cache);
    const file = join(dir, `${diffId.slice(7)}.tar.gz`);
    const fresh = await fixedGzip(tar);
    const otherHeader = gzipSync(tar, { level: 1 });
    otherHeader[9] = 0; // OS byte "FAT": not what fixedGzip writes
    for (const planted of [gzipSync(Buffer.from('forged')), otherHeader, fresh.subarray(0, fresh.length - 9)]) {
      await writeFile(file, planted);
      expect(await cache.get(diffId)).toBeUndefined();
      // compressLayer then compresses again and keeps the right bytes.
      expect((await compressLayer({ tar, files: ['a'] }, cache)).blob).toEqual(fresh);
    }
    expect(ignored).toHaveLength(6); // once by each get, once by each compressLayer
    expect(ignored[0]).toMatch(/is not the fixed gzip of sha256:/);
  });

  it('ignores a folder others may write to', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${diffId.slice(7)}.tar.gz`), await fixedGzip(tar));
    await chmod(dir, 0o777);
    const cache = layerBlobCache(dir, (why) => void ignored.push(why));
    expect(await cache.get(diffId)).toBeUndefined();
    expect(ignored.join('\n')).toMatch(/not a folder only this user may write to/);
  });
});
