// verifyImage's verdict over Docker Engine, Podman and containerd, as the image's USER, on OCI
// layouts built here: a file the user cannot read fails saying the path, mode, owner, user and
// the fix; where the runtimes disagree the verdict names them and what each reads; the layer this
// action writes passes for any user; and a numeric USER costs no extra layer reads.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildManifest } from '../../../src/encoders/manifest.js';
import { assertVerified } from '../../../src/image/assert-verified.js';
import type { Expectations, VerificationReport } from '../../../src/image/report.js';
import { verifyImage } from '../../../src/image/verify-image.js';
import { memoryLogger } from '../../../src/log/logger.js';
import { encoderLayer } from '../../../src/oci/encoder-layer.js';
import { LAYER_GZIP, image, index, layer, sha256, writeLayoutTar, type Blob, type TarItem } from './build-tar.js';

const A = { name: '9b5ad71b2ce5302211f9c61530b329a4922fc6a4', data: 'rank table A\n'.repeat(50) };
const ENV = ['TIKTOKEN_CACHE_DIR=/tiktoken_cache', 'DATA_GYM_CACHE_DIR=/tiktoken_cache'];
const expectations = (cachePath = '/tiktoken_cache'): Expectations => ({ cachePath, files: [{ cacheFile: A.name, sha256: sha256(A.data), size: Buffer.byteLength(A.data) }] });
const base = layer([
  { type: 'dir', name: 'etc/' },
  { type: 'file', name: 'etc/passwd', data: 'root:x:0:0::/:/bin/sh\napp:x:1000:1000::/:/bin/sh\n' },
  { type: 'file', name: 'etc/group', data: 'root:x:0:\napp:x:1000:\ncache:x:2000:app\n' },
]);
const file = (extra: Partial<Extract<TarItem, { type: 'file' }>> = {}): TarItem => ({ type: 'file', name: `tiktoken_cache/${A.name}`, data: A.data, ...extra });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runtime-verdicts-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let n = 0;
async function verify(layers: Blob[], user?: string, env = ENV, cachePath?: string): Promise<VerificationReport> {
  const built = image({ os: 'linux', architecture: 'amd64' }, env, layers, undefined, user);
  const idx = index([built.manifest], false);
  const path = await writeLayoutTar(join(dir, `${n++}.tar`), idx.index, [...built.blobs, ...idx.blobs]);
  return verifyImage({ kind: 'oci-archive', path }, expectations(cachePath), { log: memoryLogger() });
}

const text = (report: VerificationReport): string => report.platforms.flatMap((p) => [...p.problems, ...p.consumers.flatMap((c) => c.findings.map((f) => `${f.problem} FIX ${f.fix}`))]).join('\n');

describe('verify reads as the image USER', () => {
  it('fails a file the user cannot read, saying the path, mode, owner, user and the fix', async () => {
    const report = await verify([base, layer([{ type: 'dir', name: 'tiktoken_cache/' }, file({ mode: 0o600 })])], '1000');
    expect(report.ok).toBe(false);
    const finding = report.platforms[0]?.consumers[0]?.findings[0];
    expect(finding?.problem).toBe(
      `tiktoken cannot read /tiktoken_cache/${A.name}: permission denied: the file /tiktoken_cache/${A.name} is mode 0600 owned by 0:0, and the image's USER 1000 (uid 1000, gid 1000, groups 2000) cannot read it`,
    );
    expect(finding?.fix).toMatch(/chmod 0644 \/tiktoken_cache\/9b5a.*, or chown it to 1000/);
    // The same image run as root passes.
    expect((await verify([base, layer([{ type: 'dir', name: 'tiktoken_cache/' }, file({ mode: 0o600 })])])).ok).toBe(true);
  });

  it('fails a folder the user cannot search', async () => {
    const report = await verify([base, layer([{ type: 'dir', name: 'tiktoken_cache/', mode: 0o700 }, file()])], 'app');
    expect(report.ok).toBe(false);
    expect(text(report)).toMatch(/the folder \/tiktoken_cache is mode 0700 owned by 0:0, and the image's USER app .* cannot search \(x\) it FIX .*chmod 0755 \/tiktoken_cache/);
  });

  it('fails a USER the image does not have: no runtime starts it', async () => {
    const report = await verify([base, layer([{ type: 'dir', name: 'tiktoken_cache/' }, file()])], 'ghost');
    expect(report.ok).toBe(false);
    expect(report.platforms[0]?.problems).toEqual([expect.stringMatching(/USER ghost names the user ghost, which is not in \/etc\/passwd/)]);
  });

  it('a numeric USER and modes that let everyone read: decided by the top layer alone; a named USER reads /etc/passwd below', async () => {
    const top = layer([{ type: 'dir', name: 'tiktoken_cache/', mode: 0o555 }, { type: 'file', name: 'tiktoken_cache/.wh..wh..opq', data: '' }, file({ mode: 0o444 })]);
    const numeric = await verify([base, top], '1000');
    expect([numeric.ok, numeric.platforms[0]?.layersRead]).toEqual([true, 1]);
    const named = await verify([base, top], 'app');
    expect([named.ok, named.platforms[0]?.layersRead]).toEqual([true, 2]);
  });
});

describe('where the runtimes disagree, verify fails and names them', () => {
  it('a file twice in one layer: Podman refuses the layer', async () => {
    const report = await verify([base, layer([{ type: 'dir', name: 'tiktoken_cache/' }, file({ data: 'other bytes' }), file()])]);
    expect(report.ok).toBe(false);
    const split = report.platforms[0]?.problems.find((p) => p.startsWith('the runtimes disagree'));
    expect(split).toMatch(/^the runtimes disagree on linux\/amd64: Docker Engine and containerd read the pinned bytes \| Podman read no files \(layer 2\/2 .*Podman would refuse to unpack this layer: two entries named "tiktoken_cache\/9b5a/);
  });

  it('USER app:app and a file for its supplementary group: only containerd adds the group', async () => {
    const report = await verify([base, layer([{ type: 'dir', name: 'tiktoken_cache/' }, file({ mode: 0o640, gid: 2000 })])], 'app:app');
    expect(report.ok).toBe(false);
    expect(text(report)).toMatch(/Docker Engine and Podman read 9b5a\w+: permission denied: .*USER app:app \(uid 1000, gid 1000\) cannot read it \| containerd read the pinned bytes/);
    // The error the action raises carries both the disagreement and the fix.
    expect(() => assertVerified(report)).toThrow(/runtimes disagree[\s\S]*fix: make \/tiktoken_cache\/9b5a\w+ readable by every user/);
    expect((await verify([base, layer([{ type: 'dir', name: 'tiktoken_cache/' }, file({ mode: 0o640, gid: 2000 })])], 'app')).ok).toBe(true);
  });

  it('files added without a folder entry over a 0700 folder: containerd keeps 0700, Podman makes it 0755', async () => {
    const report = await verify([base, layer([{ type: 'dir', name: 'tiktoken_cache/', mode: 0o700 }]), layer([file()])], '1000');
    expect(report.ok).toBe(false);
    expect(text(report)).toMatch(/Docker Engine and containerd read 9b5a\w+: permission denied: the folder \/tiktoken_cache is mode 0700.* \| Podman read the pinned bytes/);
  });
});

describe("the layer this action writes (encoder-layer.ts) under a non-root USER", () => {
  async function ours(cachePath: string): Promise<Blob> {
    const cache = await mkdtemp(join(dir, 'cache-'));
    await writeFile(join(cache, A.name), A.data);
    const manifest = buildManifest([{ id: 'a', encodings: ['enc'], url: 'https://example.invalid/a', sha256: sha256(A.data), size: Buffer.byteLength(A.data), cacheFile: A.name }] as never);
    const built = await encoderLayer({ cacheDir: cache, manifest, cachePath });
    return { mediaType: LAYER_GZIP, digest: built.digest, size: built.size, bytes: built.blob };
  }

  it('is read by any user, whatever mode the base gave the folder', async () => {
    const locked = layer([{ type: 'dir', name: 'tiktoken_cache/', mode: 0o700 }, { type: 'file', name: 'tiktoken_cache/old', data: 'x', mode: 0o600 }]);
    const report = await verify([base, locked, await ours('/tiktoken_cache')], '1000');
    expect(report.ok).toBe(true);
    expect(report.platforms[0]?.layersRead).toBe(1);
  });

  it('under a base folder the user cannot search, fails on Docker Engine and containerd (its parents take the base modes) and names them', async () => {
    const env = ['TIKTOKEN_CACHE_DIR=/srv/locked/tiktoken', 'DATA_GYM_CACHE_DIR=/srv/locked/tiktoken'];
    const report = await verify([base, layer([{ type: 'dir', name: 'srv/locked/', mode: 0o700 }]), await ours('/srv/locked/tiktoken')], '1000', env, '/srv/locked/tiktoken');
    expect(report.ok).toBe(false);
    expect(text(report)).toMatch(/Docker Engine and containerd read .*the folder \/srv\/locked is mode 0700.* \| Podman read the pinned bytes/);
  });
});
