// verifyImage on OCI layouts built here (folder and tar), and on the same blobs served by a
// loopback registry with the Bearer token flow. Real temp dirs, real zlib, real HTTP.
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VerifyError } from '../../../src/errors.js';
import { assertVerified } from '../../../src/image/assert-verified.js';
import { verifyImage, type VerifyTarget } from '../../../src/image/verify-image.js';
import type { Expectations } from '../../../src/image/report.js';
import { memoryLogger } from '../../../src/log/logger.js';
import * as zlib from 'node:zlib';
import { zstdSupported } from '../../../src/oci/blob-stream.js';
import { blob, descriptor, image, index, layer, sha256, tar, writeLayout, writeLayoutTar, type Blob, type TarItem } from './build-tar.js';

const CACHE = '/tiktoken_cache';
const ENV_OK = [`TIKTOKEN_CACHE_DIR=${CACHE}`, `DATA_GYM_CACHE_DIR=${CACHE}`, 'PATH=/bin'];
const A = { name: '9b5ad71b2ce5302211f9c61530b329a4922fc6a4', data: 'rank table A\n'.repeat(50) };
const B = { name: 'fb374d419588a4632f3f557e76b4b70aebbca790', data: 'rank table B\n'.repeat(70) };
const expectations: Expectations = {
  cachePath: CACHE,
  files: [A, B].map((f) => ({ cacheFile: f.name, sha256: sha256(f.data), size: Buffer.byteLength(f.data) })),
};
const amd64 = { os: 'linux', architecture: 'amd64' };
const arm64 = { os: 'linux', architecture: 'arm64' };
const goodFiles: TarItem[] = [
  { type: 'dir', name: 'tiktoken_cache/' },
  { type: 'file', name: `tiktoken_cache/${A.name}`, data: A.data },
  { type: 'file', name: `tiktoken_cache/${B.name}`, data: B.data },
];
const baseLayer = layer([{ type: 'dir', name: 'bin/' }, { type: 'file', name: 'bin/sh', data: 'not really a shell' }], 'none');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'verify-image-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function asLayout(name: string, platforms: Array<{ manifest: Blob; blobs: Blob[] }>, attestation = false): Promise<string> {
  const idx = index(platforms.map((p) => p.manifest), attestation);
  const blobs = [...platforms.flatMap((p) => p.blobs), ...idx.blobs];
  return writeLayoutTar(join(dir, `${name}.tar`), idx.index, blobs);
}

function verify(target: VerifyTarget, exp: Expectations = expectations) {
  const log = memoryLogger();
  return verifyImage(target, exp, { log }).then((report) => ({ report, log }));
}

describe('verifyImage on OCI layouts', () => {
  it('passes two platforms (gzip and plain layers) and skips the attestation manifest', async () => {
    const path = await asLayout('good', [image(amd64, ENV_OK, [baseLayer, layer(goodFiles, 'gzip')]), image(arm64, ENV_OK, [baseLayer, layer(goodFiles, 'none')])], true);
    const { report, log } = await verify({ kind: 'oci-archive', path });
    expect(report.ok).toBe(true);
    expect(report.attestations).toBe(1);
    expect(report.platforms.map((p) => p.platform)).toEqual(['linux/amd64', 'linux/arm64']);
    for (const p of report.platforms) expect(p.files.map((f) => f.status)).toEqual(['ok', 'ok']);
    expect(log.lines.join('\n')).toMatch(/attestation/);
    expect(() => assertVerified(report)).not.toThrow();
  });

  it('reads an archive that lists the same index once per tag (as buildx writes it) once', async () => {
    const idx = index([image(amd64, ENV_OK, [layer(goodFiles)]).manifest, image(arm64, ENV_OK, [layer(goodFiles)]).manifest], false);
    const platforms = [image(amd64, ENV_OK, [layer(goodFiles)]), image(arm64, ENV_OK, [layer(goodFiles)])];
    const folder = await writeLayout(join(dir, 'tagged'), idx.index, [...platforms.flatMap((p) => p.blobs), ...idx.blobs]);
    const entry = (tag: string) => ({ ...descriptor(idx.index), annotations: { 'org.opencontainers.image.ref.name': tag } });
    await writeFile(join(folder, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: ['offline-v1.2.3', 'offline-v1.2', 'offline'].map(entry) }));
    const { report } = await verify({ kind: 'oci-archive', path: folder, digest: idx.index.digest });
    expect(report.ok).toBe(true);
    expect(report.digest).toBe(idx.index.digest);
    expect(report.platforms.map((p) => p.platform)).toEqual(['linux/amd64', 'linux/arm64']);
  });

  it('reads an OCI layout folder the same way', async () => {
    const img = image(amd64, ENV_OK, [layer(goodFiles)]);
    const path = await writeLayout(join(dir, 'folder'), img.manifest, img.blobs);
    const { report } = await verify({ kind: 'oci-archive', path });
    expect(report.ok).toBe(true);
    expect(report.digest).toBe(img.manifest.digest);
    expect(report.platforms[0]?.platform).toBe('linux/amd64');
  });

  it('finds files with pax and GNU long names', async () => {
    const deep = `${'long-dir-name-'.repeat(8)}`;
    const exp: Expectations = {
      cachePath: `/${deep}`,
      files: [{ cacheFile: A.name, sha256: sha256(A.data), size: A.data.length }, { cacheFile: B.name, sha256: sha256(B.data), size: B.data.length }],
    };
    const env = [`TIKTOKEN_CACHE_DIR=/${deep}`, `DATA_GYM_CACHE_DIR=/${deep}`];
    const files: TarItem[] = [
      { type: 'file', name: `${deep}/${A.name}`, data: A.data, longName: 'pax' },
      { type: 'file', name: `${deep}/${B.name}`, data: B.data, longName: 'gnu' },
    ];
    const { report } = await verify({ kind: 'oci-archive', path: await asLayout('long', [image(amd64, env, [layer(files)])]) }, exp);
    expect(report.platforms[0]?.files.map((f) => f.status)).toEqual(['ok', 'ok']);
  });

  it('applies whiteouts and opaque directories from upper layers', async () => {
    const deleteA = layer([{ type: 'file', name: `tiktoken_cache/.wh.${A.name}`, data: '' }]);
    const opaque = layer([{ type: 'file', name: 'tiktoken_cache/.wh..wh..opq', data: '' }, { type: 'file', name: `tiktoken_cache/${B.name}`, data: B.data }]);
    const { report } = await verify({
      kind: 'oci-archive',
      path: await asLayout('whiteouts', [image(amd64, ENV_OK, [layer(goodFiles), deleteA]), image(arm64, ENV_OK, [layer(goodFiles), opaque])]),
    });
    expect(report.ok).toBe(false);
    expect(report.platforms.map((p) => p.files.map((f) => f.status))).toEqual([
      ['missing', 'ok'],
      ['missing', 'ok'],
    ]);
  });

  it('reports wrong bytes, a shadowing variable and other files, each with its fix', async () => {
    const tampered: TarItem[] = [...goodFiles.slice(0, 2), { type: 'file', name: `tiktoken_cache/${B.name}`, data: 'an HTML error page' }, { type: 'file', name: 'tiktoken_cache/manifest.json', data: '{}' }];
    const { report } = await verify({
      kind: 'oci-archive',
      path: await asLayout('bad', [image(amd64, ['TIKTOKEN_CACHE_DIR=/elsewhere'], [layer(goodFiles)]), image(arm64, ENV_OK, [layer(tampered)])]),
    });
    const [x86, arm] = report.platforms;
    expect(x86).toMatchObject({ ok: false, env: { ok: false, TIKTOKEN_CACHE_DIR: '/elsewhere' } });
    expect(x86?.consumers.map((c) => [c.consumer, c.directory, c.ok])).toEqual([
      ['tiktoken', '/elsewhere', false],
      ['tiktoken-go', '/elsewhere', false],
    ]);
    expect(x86?.files.map((f) => f.status)).toEqual(['missing', 'missing']);
    expect(arm?.ok).toBe(false);
    expect(arm?.files[1]).toMatchObject({ status: 'wrong-bytes', actualSha256: sha256('an HTML error page'), expectedSha256: sha256(B.data) });
    expect(arm?.consumers[0]?.otherFiles).toEqual([]);

    const error = (() => {
      try {
        assertVerified(report);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(VerifyError);
    const text = (error as VerifyError).message;
    expect(text).toContain('tiktoken reads /elsewhere (TIKTOKEN_CACHE_DIR=/elsewhere)');
    expect(text).toContain('TIKTOKEN_CACHE_DIR=/elsewhere shadows /tiktoken_cache: change it to `ENV TIKTOKEN_CACHE_DIR=/tiktoken_cache`');
    expect(text).toContain(`linux/arm64 (${arm?.digest})`);
    expect(text).toContain(`${CACHE}/${B.name} serves wrong bytes to tiktoken: sha256 ${sha256('an HTML error page')}`);
    expect(text).not.toMatch(/prepare again/);
  });

  it('follows hard links and symlinks as the runtime does (a hard link to a file elsewhere serves its bytes)', async () => {
    const linked: TarItem[] = [
      { type: 'file', name: 'data/a.bin', data: A.data },
      { type: 'file', name: 'tiktoken_cache/store/b', data: B.data },
      { type: 'hardlink', name: `tiktoken_cache/${A.name}`, target: 'data/a.bin' },
      { type: 'symlink', name: `tiktoken_cache/${B.name}`, target: 'store/b' },
    ];
    const { report } = await verify({ kind: 'oci-archive', path: await asLayout('links', [image(amd64, ENV_OK, [layer(linked)])]) });
    expect(report.platforms[0]?.files.map((f) => f.status)).toEqual(['ok', 'ok']);
    // …but `store` is another entry in the folder: a failure, named.
    expect(report.platforms[0]?.consumers[0]?.otherFiles).toEqual(['store']);
    expect(report.ok).toBe(false);
    // A hard link in an upper layer to a file of a lower layer: the engine cannot unpack it.
    const lower = layer([{ type: 'file', name: 'opt/a', data: A.data }]);
    const upper = layer([{ type: 'dir', name: 'tiktoken_cache/' }, { type: 'hardlink', name: `tiktoken_cache/${A.name}`, target: 'opt/a' }]);
    const second = await verify({ kind: 'oci-archive', path: await asLayout('links2', [image(amd64, ENV_OK, [lower, upper])]) });
    expect(second.report.ok).toBe(false);
    expect(second.report.platforms[0]?.problems.join()).toMatch(/engine would refuse to unpack this layer: hard link .* not in the same layer/);
  });

  it('fails on any other file in the folder, naming it; manifest.json is allowed', async () => {
    const files: TarItem[] = [...goodFiles, { type: 'file', name: 'tiktoken_cache/manifest.json', data: '{}' }];
    const ok = await verify({ kind: 'oci-archive', path: await asLayout('extra-ok', [image(amd64, ENV_OK, [layer(files)])]) });
    expect(ok.report.ok).toBe(true);
    const secret = [...files, { type: 'file', name: 'tiktoken_cache/.env', data: 'TOKEN=x' }, { type: 'dir', name: 'tiktoken_cache/.git/' }] as TarItem[];
    const bad = await verify({ kind: 'oci-archive', path: await asLayout('extra', [image(amd64, ENV_OK, [layer(secret)])]) });
    expect(bad.report.ok).toBe(false);
    expect(bad.report.platforms[0]?.consumers[0]?.otherFiles).toEqual(['.env', '.git']);
    expect(() => assertVerified(bad.report)).toThrow(/holds files that are not the encoder files: \.env, \.git/);
  });

  it('reads top-down and stops once the folder is decided (an opaque folder in the top layer)', async () => {
    const lower = layer([{ type: 'file', name: 'tiktoken_cache/secret', data: 'from the base' }]);
    const opaqueTop = layer([{ type: 'dir', name: 'tiktoken_cache/' }, { type: 'file', name: 'tiktoken_cache/.wh..wh..opq', data: '' }, ...goodFiles.slice(1)]);
    const decided = await verify({ kind: 'oci-archive', path: await asLayout('top-down', [image(amd64, ENV_OK, [baseLayer, lower, opaqueTop])]) });
    expect(decided.report.ok).toBe(true);
    expect(decided.report.platforms[0]?.layersRead).toBe(1);
    // Without the opaque marker the base's file shows through: every layer is read, and it fails.
    const plainTop = layer(goodFiles);
    const full = await verify({ kind: 'oci-archive', path: await asLayout('bottom', [image(amd64, ENV_OK, [baseLayer, lower, plainTop])]) });
    expect(full.report.platforms[0]?.layersRead).toBe(3);
    expect(full.report.platforms[0]?.consumers[0]?.otherFiles).toEqual(['secret']);
  });

  it('an upper layer writing under a name that is a symlink in a lower layer does not reach the folder', async () => {
    const lower = layer([...goodFiles, { type: 'symlink', name: 'innocent', target: '/tiktoken_cache' }]);
    const top = layer([{ type: 'file', name: `innocent/${A.name}`, data: 'evil' }]);
    const { report } = await verify({ kind: 'oci-archive', path: await asLayout('through', [image(amd64, ENV_OK, [baseLayer, lower, top])]) });
    expect(report.platforms[0]?.files.map((f) => f.status)).toEqual(['ok', 'ok']);
    expect(report.ok).toBe(true);
  });

  it('a symlink made earlier in the same layer does lead the write into the folder', async () => {
    const top = layer([...goodFiles, { type: 'symlink', name: 'innocent', target: '/tiktoken_cache' }, { type: 'file', name: `innocent/${A.name}`, data: 'evil' }]);
    const { report } = await verify({ kind: 'oci-archive', path: await asLayout('through-same', [image(amd64, ENV_OK, [baseLayer, top])]) });
    expect(report.platforms[0]?.files[0]).toMatchObject({ status: 'wrong-bytes', actualSha256: sha256('evil') });
  });

  it('hashes in a second pass what the first skipped (a symlink into a folder no consumer reads)', async () => {
    const lower = layer([{ type: 'file', name: `opt/store/${A.name}`, data: A.data }, { type: 'file', name: `opt/store/${B.name}`, data: B.data }]);
    const top = layer([{ type: 'symlink', name: 'tiktoken_cache', target: '/opt/store' }]);
    const { report } = await verify({ kind: 'oci-archive', path: await asLayout('second-pass', [image(amd64, ENV_OK, [baseLayer, lower, top])]) });
    expect(report.platforms[0]?.files.map((f) => f.status)).toEqual(['ok', 'ok']);
    expect(report.ok).toBe(true);
  });

  it('reads the encoder set from manifest.json, checking each file against the pins, never the image', async () => {
    const listed = JSON.stringify({ schema: 1, encodings: ['a'], files: [{ cacheFile: A.name, sha256: sha256(A.data) }, { cacheFile: B.name, sha256: sha256(B.data) }] });
    const files: TarItem[] = [...goodFiles, { type: 'file', name: 'tiktoken_cache/manifest.json', data: listed }];
    const path = await asLayout('from-image', [image(amd64, ENV_OK, [layer(files)])]);
    const known = expectations.files.map((f) => ({ ...f, id: f.cacheFile === A.name ? 'a' : 'b' }));
    const ok = await verify({ kind: 'oci-archive', path }, { cachePath: CACHE, files: [], fromImage: true, known });
    expect(ok.report.ok).toBe(true);
    expect(ok.report.platforms[0]?.files.map((f) => f.cacheFile)).toEqual([A.name, B.name]);
    // B is not pinned: the hash the image states for it is not trusted.
    const unpinned = await verify({ kind: 'oci-archive', path }, { cachePath: CACHE, files: [], fromImage: true, known: known.slice(0, 1) });
    expect(unpinned.report.ok).toBe(false);
    expect(() => assertVerified(unpinned.report)).toThrow(new RegExp(`lists ${B.name}, which no pin and no extra-encoders entry names`));
    const none = await verify({ kind: 'oci-archive', path: await asLayout('no-manifest', [image(amd64, ENV_OK, [layer(goodFiles)])]) }, { cachePath: CACHE, files: [], fromImage: true, known });
    expect(() => assertVerified(none.report)).toThrow(/manifest\.json is missing[\s\S]*pass the encoders the image was built with/);
  });

  it('names missing encoders when they are given', async () => {
    const { report } = await verify({ kind: 'oci-archive', path: await asLayout('one-missing', [image(amd64, ENV_OK, [layer(goodFiles.slice(0, 2))])]) });
    expect(() => assertVerified(report)).toThrow(new RegExp(`missing there: ${B.name}`));
  });

  it('fails a platform whose layer blob does not match its digest', async () => {
    const good = layer(goodFiles, 'none');
    const forged: Blob = { ...good, bytes: Buffer.from(good.bytes.toString('latin1').replace('rank table A', 'rank table Z'), 'latin1') };
    const img = image(amd64, ENV_OK, [good]);
    const path = await writeLayoutTar(join(dir, 'forged.tar'), img.manifest, [...img.blobs.filter((b) => b.digest !== good.digest), forged]);
    const { report } = await verify({ kind: 'oci-archive', path });
    expect(report.ok).toBe(false);
    expect(report.platforms[0]?.problems.join()).toMatch(/corrupt or tampered/);
  });

  it('reads zstd layers where Node has zstd, and says why not where it has none', async () => {
    const raw = tar(goodFiles);
    const zlibZstd = zlib as { zstdCompressSync?: (b: Buffer) => Buffer };
    const bytes = zstdSupported() && zlibZstd.zstdCompressSync ? zlibZstd.zstdCompressSync(raw) : raw;
    const zstdLayer = blob('application/vnd.oci.image.layer.v1.tar+zstd', bytes);
    const { report } = await verify({ kind: 'oci-archive', path: await asLayout('zstd', [image(amd64, ENV_OK, [zstdLayer])]) });
    if (zstdSupported()) {
      expect(report.ok).toBe(true);
    } else {
      expect(report.ok).toBe(false);
      expect(report.platforms[0]?.problems.join()).toMatch(/zstd-compressed and Node .* has no zstd; run the action on node24/);
    }
  });

  it('refuses an archive that holds another index than the digest asked for', async () => {
    const path = await asLayout('pinned', [image(amd64, ENV_OK, [layer(goodFiles)])]);
    await expect(verify({ kind: 'oci-archive', path, digest: `sha256:${'0'.repeat(64)}` })).rejects.toThrow(VerifyError);
  });

  it('names a missing archive in a VerifyError', async () => {
    await expect(verify({ kind: 'oci-archive', path: join(dir, 'nope.tar') })).rejects.toThrow(/cannot open OCI archive/);
  });
});

describe('verifyImage on a registry (loopback, Bearer token flow)', () => {
  let server: Server;
  let port: number;
  const requests: string[] = [];
  const img = image(amd64, ENV_OK, [layer(goodFiles)]);
  const idx = index([img.manifest], true);
  // Two platforms over the same layers (as the registry engine writes them): each layer is read once.
  const shared = layer(goodFiles);
  const twins = [image(amd64, ENV_OK, [baseLayer, shared]), image(arm64, ENV_OK, [baseLayer, shared])];
  const twinIdx = index(twins.map((t) => t.manifest), false);
  const store = new Map<string, Blob>([...img.blobs, ...idx.blobs, ...twins.flatMap((t) => t.blobs), ...twinIdx.blobs].map((b) => [b.digest, b]));

  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      requests.push(`${req.method} ${url.pathname} ${req.headers.authorization ?? '-'}`);
      if (url.pathname === '/token') {
        const ok = req.headers.authorization === `Basic ${Buffer.from('u:p@ss').toString('base64')}` && url.searchParams.get('scope') === 'repository:team/app:pull';
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(ok ? '{"token":"tok123"}' : '{}');
        return;
      }
      if (req.headers.authorization !== 'Bearer tok123') {
        res.writeHead(401, { 'www-authenticate': `Bearer realm="http://127.0.0.1:${port}/token",service="test"` }).end();
        return;
      }
      const m = /^\/v2\/team\/app\/(manifests|blobs)\/(.+)$/.exec(url.pathname);
      const ref = m?.[2] === 'v1' ? idx.index.digest : m?.[2] === 'twins' ? twinIdx.index.digest : m?.[2];
      const b = ref ? store.get(ref) : undefined;
      if (!b) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': b.mediaType, 'docker-content-digest': b.digest }).end(b.bytes);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('authenticates, verifies by tag and by digest', async () => {
    const credentials = { username: 'u', password: 'p@ss' };
    const byTag = await verify({ kind: 'registry', reference: `127.0.0.1:${port}/team/app:v1`, credentials });
    expect(byTag.report).toMatchObject({ ok: true, digest: idx.index.digest, attestations: 1 });
    const byDigest = await verify({ kind: 'registry', reference: `127.0.0.1:${port}/team/app@${idx.index.digest}`, credentials });
    expect(byDigest.report.ok).toBe(true);
    expect(requests.some((r) => r.startsWith('GET /token'))).toBe(true);
    expect([...byTag.log.lines, ...byDigest.log.lines].join('\n')).not.toContain('p@ss');
  });

  it('reads a layer that several platforms share once', async () => {
    const before = requests.length;
    const { report } = await verify({ kind: 'registry', reference: `127.0.0.1:${port}/team/app:twins`, credentials: { username: 'u', password: 'p@ss' } });
    expect(report.ok).toBe(true);
    expect(report.platforms.map((p) => p.platform)).toEqual(['linux/amd64', 'linux/arm64']);
    const gets = (b: Blob) => requests.slice(before).filter((r) => r.startsWith(`GET /v2/team/app/blobs/${b.digest} Bearer`)).length;
    expect(gets(shared)).toBe(1);
    expect(gets(baseLayer)).toBe(1);
  });

  it('fails clearly without credentials, without leaking them', async () => {
    const error = await verify({ kind: 'registry', reference: `127.0.0.1:${port}/team/app:v1` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VerifyError);
    expect((error as Error).message).toMatch(/token service .* answered HTTP 401/);
  });

  it('fails when the registry serves other bytes than the digest names', async () => {
    const wrong = `sha256:${'1'.repeat(64)}`;
    store.set(wrong, idx.index);
    const error = await verify({ kind: 'registry', reference: `127.0.0.1:${port}/team/app@${wrong}`, credentials: { username: 'u', password: 'p@ss' } }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/do not trust this image/);
  });

  it('reports 404 with a fix', async () => {
    const error = await verify({ kind: 'registry', reference: `127.0.0.1:${port}/team/app:nope`, credentials: { username: 'u', password: 'p@ss' } }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/HTTP 404[\s\S]*check the image name/);
  });
});
