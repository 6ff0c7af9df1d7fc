// The encoder layer is the same bytes on every run: sorted entries, fixed times, owners and
// modes, gzip with a fixed header. Read back with the project's own tar reader and with GNU tar.
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildManifest, serializeManifest, type Manifest } from '../../../src/encoders/manifest.js';
import { IntegrityError } from '../../../src/errors.js';
import { encoderLayer, layerRoot } from '../../../src/oci/encoder-layer.js';
import { bytesOnce, sha256Digest } from '../../../src/oci/digest.js';
import { tarEntries } from '../../../src/tar/tar-entries.js';
import { verifyImage } from '../../../src/image/verify-image.js';
import { memoryLogger } from '../../../src/log/logger.js';
import { LAYER_GZIP, image, index, layer, writeLayoutTar } from '../image/build-tar.js';

async function cacheFolder(files: Record<string, string>): Promise<{ dir: string; manifest: Manifest }> {
  const dir = await mkdtemp(join(tmpdir(), 'h8-layer-'));
  const selected = Object.entries(files).map(([name, text], i) => {
    const cacheFile = name.padEnd(40, String(i)).slice(0, 40);
    return { id: `f${i}`, encodings: [`enc${i}`], url: `https://example.invalid/${i}`, sha256: sha256Digest(text).slice(7), size: Buffer.byteLength(text), cacheFile };
  });
  for (const [i, text] of Object.values(files).entries()) await writeFile(join(dir, selected[i]!.cacheFile), text);
  return { dir, manifest: buildManifest(selected as never) };
}

describe('encoderLayer', () => {
  it('gives the same bytes for the same files, whatever the folder or its mtimes', async () => {
    const a = await cacheFolder({ bbbb: 'second file\n', aaaa: 'first file\n' });
    const b = await cacheFolder({ bbbb: 'second file\n', aaaa: 'first file\n' });
    const one = await encoderLayer({ cacheDir: a.dir, manifest: a.manifest, cachePath: '/tiktoken_cache', sourceDateEpoch: 1_700_000_000 });
    const two = await encoderLayer({ cacheDir: b.dir, manifest: b.manifest, cachePath: '/tiktoken_cache/', sourceDateEpoch: 1_700_000_000 });
    expect(two.digest).toBe(one.digest);
    expect(two.diffId).toBe(one.diffId);
    expect(one.blob.subarray(0, 10)).toEqual(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]));
    expect(sha256Digest(gunzipSync(one.blob))).toBe(one.diffId);
    const other = await encoderLayer({ cacheDir: a.dir, manifest: a.manifest, cachePath: '/tiktoken_cache', sourceDateEpoch: 0 });
    expect(other.digest).not.toBe(one.digest);
  });

  it('holds the folder 0555 and sorted files 0444 owned by 0:0, manifest.json included', async () => {
    const { dir, manifest } = await cacheFolder({ ffff: 'z\n', aaaa: 'a\n' });
    const layer = await encoderLayer({ cacheDir: dir, manifest, cachePath: '/opt/tiktoken', sourceDateEpoch: 1_700_000_000 });
    const names: string[] = [];
    for await (const entry of tarEntries(bytesOnce(gunzipSync(layer.blob)))) {
      names.push(entry.name);
      if (entry.name === 'opt/tiktoken/manifest.json') {
        const chunks: Buffer[] = [];
        for await (const c of entry.body) chunks.push(c);
        expect(Buffer.concat(chunks).toString('utf8')).toBe(serializeManifest(manifest));
      }
    }
    const sorted = [...manifest.files.map((f) => f.cacheFile), 'manifest.json'].sort();
    // The opaque marker right after the folder: lower layers' entries there are hidden.
    expect(names).toEqual(['opt/tiktoken/', 'opt/tiktoken/.wh..wh..opq', ...sorted.map((n) => `opt/tiktoken/${n}`)]);
    expect(layer.files).toEqual(sorted);
    const tarFile = join(dir, 'layer.tar');
    await writeFile(tarFile, gunzipSync(layer.blob));
    const listing = execFileSync('tar', ['--numeric-owner', '--full-time', '-tvf', tarFile], { env: { ...process.env, TZ: 'UTC' } }).toString('utf8').trim().split('\n');
    expect(listing[0]).toMatch(/^dr-xr-xr-x 0\/0 +0 2023-11-14 22:13:20 opt\/tiktoken\/$/);
    expect(listing[1]).toMatch(/^-r-xr-xr-x 0\/0 +0 2023-11-14 22:13:20 opt\/tiktoken\/\.wh\.\.wh\.\.opq$/);
    for (const line of listing.slice(2)) expect(line).toMatch(/^-r--r--r-- 0\/0 +\d+ 2023-11-14 22:13:20 opt\/tiktoken\/\S+$/);
  });

  it('on top of a hostile base, hides what the base put in the folder: the verdict comes from this layer alone', async () => {
    const a = 'rank table a\n'.repeat(40);
    const { dir, manifest } = await cacheFolder({ aaaa: a });
    const ours = await encoderLayer({ cacheDir: dir, manifest, cachePath: '/tiktoken_cache', sourceDateEpoch: 0 });
    const ourBlob = { mediaType: LAYER_GZIP, digest: ours.digest, size: ours.size, bytes: ours.blob };
    const cacheFile = manifest.files[0]!.cacheFile;
    // The base puts a stray file and a wrong copy of our file in the folder, and replaces nothing else.
    const hostile = layer([{ type: 'dir', name: 'tiktoken_cache/' }, { type: 'file', name: 'tiktoken_cache/stray-secret', data: 'TOKEN=x' }, { type: 'file', name: `tiktoken_cache/${cacheFile}`, data: 'evil' }]);
    const base = layer([{ type: 'dir', name: 'bin/' }, { type: 'file', name: 'bin/sh', data: 'sh' }]);
    const expectations = { cachePath: '/tiktoken_cache', files: [{ cacheFile, sha256: sha256Digest(a).slice(7), size: Buffer.byteLength(a) }] };
    const env = ['TIKTOKEN_CACHE_DIR=/tiktoken_cache', 'DATA_GYM_CACHE_DIR=/tiktoken_cache'];
    const verifyLayers = async (name: string, layers: Parameters<typeof image>[2]) => {
      const built = image({ os: 'linux', architecture: 'amd64' }, env, layers);
      const idx = index([built.manifest], false);
      const path = await writeLayoutTar(join(dir, `${name}.tar`), idx.index, [...built.blobs, ...idx.blobs]);
      return verifyImage({ kind: 'oci-archive', path }, expectations, { log: memoryLogger() });
    };
    const report = await verifyLayers('hidden', [base, hostile, ourBlob]);
    expect(report.ok).toBe(true);
    expect(report.platforms[0]?.layersRead).toBe(1);
    expect(report.platforms[0]?.decidedBy).toEqual([ours.digest]);
    expect(report.platforms[0]?.consumers.every((c) => c.otherFiles.length === 0)).toBe(true);
    // The same files without the marker (a plain COPY layer): the base's stray file shows, every layer is read.
    const plain = layer([{ type: 'dir', name: 'tiktoken_cache/' }, { type: 'file', name: `tiktoken_cache/${cacheFile}`, data: a }, { type: 'file', name: 'tiktoken_cache/manifest.json', data: serializeManifest(manifest) }]);
    const shown = await verifyLayers('shown', [base, hostile, plain]);
    expect(shown.ok).toBe(false);
    expect(shown.platforms[0]?.layersRead).toBe(3);
    expect(shown.platforms[0]?.decidedBy).toEqual([sha256Digest(plain.bytes), sha256Digest(hostile.bytes), sha256Digest(base.bytes)]);
    expect(shown.platforms[0]?.consumers[0]?.otherFiles).toEqual(['stray-secret']);
  });

  it('refuses a cache file that changed after it was verified', async () => {
    const { dir, manifest } = await cacheFolder({ aaaa: 'original\n' });
    await writeFile(join(dir, manifest.files[0]!.cacheFile), 'tampered\n');
    await expect(encoderLayer({ cacheDir: dir, manifest, cachePath: '/tiktoken_cache' })).rejects.toBeInstanceOf(IntegrityError);
  });

  it('refuses a cache-path that is not a folder below /', () => {
    expect(() => layerRoot('/')).toThrow(/not an absolute folder/);
    expect(() => layerRoot('/a/../b')).toThrow(/not an absolute folder/);
    expect(layerRoot('/a/b/')).toBe('a/b');
  });
});
