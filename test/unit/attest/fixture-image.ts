// A two-platform image with a real encoder layer (tiny stand-in files under their real cache
// names), verified by the real verifier: the report a Statement is built from.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildManifest, type Manifest } from '../../../src/encoders/manifest.js';
import { cacheFileName } from '../../../src/encoders/cache-name.js';
import { encoderLayer } from '../../../src/oci/encoder-layer.js';
import { sha256Digest } from '../../../src/oci/digest.js';
import { verifyImage } from '../../../src/image/verify-image.js';
import { memoryLogger } from '../../../src/log/logger.js';
import type { VerificationReport } from '../../../src/image/report.js';
import { LAYER_GZIP, image, index, layer, writeLayoutTar } from '../image/build-tar.js';

export interface FixtureImage {
  readonly report: VerificationReport;
  readonly manifest: Manifest;
  readonly archive: string;
}

export async function verifiedFixture(files: Record<string, string> = { 'cl100k_base.tiktoken': 'rank a 0\n', 'o200k_base.tiktoken': 'rank b 1\n' }): Promise<FixtureImage> {
  const dir = await mkdtemp(join(tmpdir(), 'attest-fixture-'));
  const selected = Object.entries(files).map(([name, text]) => {
    const url = `https://openaipublic.blob.core.windows.net/encodings/${name}`;
    return { id: name.replace(/\..*$/, ''), encodings: [name.replace(/\..*$/, '')], url, sha256: sha256Digest(text).slice(7), size: Buffer.byteLength(text), cacheFile: cacheFileName(url) };
  });
  for (const [i, text] of Object.values(files).entries()) await writeFile(join(dir, selected[i]!.cacheFile), text);
  const manifest = buildManifest(selected as never);
  const ours = await encoderLayer({ cacheDir: dir, manifest, cachePath: '/tiktoken_cache', sourceDateEpoch: 0 });
  const ourBlob = { mediaType: LAYER_GZIP, digest: ours.digest, size: ours.size, bytes: ours.blob };
  const base = layer([{ type: 'dir', name: 'bin/' }, { type: 'file', name: 'bin/sh', data: 'sh' }]);
  const env = ['TIKTOKEN_CACHE_DIR=/tiktoken_cache', 'DATA_GYM_CACHE_DIR=/tiktoken_cache'];
  const amd = image({ os: 'linux', architecture: 'amd64' }, env, [base, ourBlob]);
  const arm = image({ os: 'linux', architecture: 'arm64' }, env, [base, ourBlob]);
  const idx = index([amd.manifest, arm.manifest], false);
  const archive = await writeLayoutTar(join(dir, 'image.tar'), idx.index, [...amd.blobs, ...arm.blobs, ...idx.blobs]);
  const expectations = { cachePath: '/tiktoken_cache', files: manifest.files.map((f) => ({ cacheFile: f.cacheFile, sha256: f.sha256, size: f.size, encodings: f.encodings })) };
  const report = await verifyImage({ kind: 'oci-archive', path: archive }, expectations, { log: memoryLogger() });
  if (!report.ok) throw new Error(`fixture did not verify: ${JSON.stringify(report.platforms.map((p) => p.problems))}`);
  return { report, manifest, archive };
}
