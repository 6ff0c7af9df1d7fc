// The offline verifier against real buildx output: a multi-arch FROM-scratch image holding the
// encoder folder (sha1 names), built with plain `docker buildx build`, read from the loopback
// registry (by digest and by tag), from a `type=oci` archive, and from the engine's image store;
// and a tampered image (one arm64 file changed) that fails naming the platform and the file.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layOutBytes } from '../../src/encoders/lay-out-bytes.js';
import { VerifyError } from '../../src/errors.js';
import { assertVerified } from '../../src/image/assert-verified.js';
import type { Expectations, VerificationReport } from '../../src/image/report.js';
import { verifyImage, type VerifyTarget } from '../../src/image/verify-image.js';
import { memoryLogger } from '../../src/log/logger.js';
import type { PinnedFileId } from '../../src/pins.js';
import { encoderBytes } from '../support/encoder-bytes.js';
import { fetchManifest, imageEntries, platformOf, requireEngine, runDocker, testImage, uniqueTag } from '../support/docker.js';
import { buildAndPush } from '../support/engine-push.js';
import { tempDir } from './build-support.js';

const CACHE = '/tiktoken_cache';
const DOCKERFILE = [
  'FROM scratch',
  'ARG TARGETARCH',
  `COPY cache-\${TARGETARCH}/ ${CACHE}/`,
  `ENV TIKTOKEN_CACHE_DIR=${CACHE} DATA_GYM_CACHE_DIR=${CACHE}`,
  '',
].join('\n');
const REPO = 'oneapi-offline-test/verify';
const image = testImage('verify');

let work: string;
let expectations: Expectations;
let tamperedFile: string;
const tag = uniqueTag();
const loaded = `oneapi-offline-test/verify-loaded:${tag}`;

const BUILD_ARGS = ['--platform', 'linux/amd64,linux/arm64', '--provenance=mode=min', '--build-arg', 'SOURCE_DATE_EPOCH=1700000000'] as const;

async function buildx(context: string, output: string, metadataFile: string): Promise<string> {
  await runDocker(['buildx', 'build', ...BUILD_ARGS, '--metadata-file', metadataFile, '--output', output, context]);
  const meta = JSON.parse(await readFile(metadataFile, 'utf8')) as Record<string, unknown>;
  return String(meta['containerimage.digest'] ?? '');
}

async function verify(target: VerifyTarget): Promise<VerificationReport> {
  return verifyImage(target, expectations, { log: memoryLogger(), tempDir: work });
}

function expectAllOk(report: VerificationReport): void {
  expect(report.platforms.map((p) => p.platform).sort()).toEqual(['linux/amd64', 'linux/arm64']);
  for (const p of report.platforms) {
    expect(p.env).toEqual({ TIKTOKEN_CACHE_DIR: CACHE, DATA_GYM_CACHE_DIR: CACHE, ok: true });
    expect(p.files.map((f) => [f.cacheFile, f.status, f.actualSha256])).toEqual(expectations.files.map((f) => [f.cacheFile, 'ok', f.sha256]));
    for (const c of p.consumers) expect([c.consumer, c.directory, c.ok, c.otherFiles]).toEqual([c.consumer, CACHE, true, []]);
  }
  expect(report.ok).toBe(true);
  expect(() => assertVerified(report)).not.toThrow();
}

const digests = { pushed: '', tampered: '', loaded: '' };
let archive = '';

beforeAll(async () => {
  await requireEngine();
  work = await tempDir('verify');
  const ids: PinnedFileId[] = [];
  const layout = await layOutBytes(join(work, 'cache'), ['r50k_base', 'gpt2'], (file) => {
    ids.push(file.id as PinnedFileId);
    return encoderBytes(file.id as PinnedFileId);
  });
  expectations = { cachePath: CACHE, files: layout.manifest.files.map((f) => ({ cacheFile: f.cacheFile, sha256: f.sha256, size: f.size })) };

  const good = join(work, 'good');
  const bad = join(work, 'bad');
  for (const ctx of [good, bad]) {
    await mkdir(ctx, { recursive: true });
    await writeFile(join(ctx, 'Dockerfile'), DOCKERFILE);
    await cp(join(work, 'cache'), join(ctx, 'cache-amd64'), { recursive: true });
    await cp(join(work, 'cache'), join(ctx, 'cache-arm64'), { recursive: true });
  }
  // Tampered: one byte of one arm64 file flipped, same size (what a bad mirror or cache does).
  tamperedFile = expectations.files[0]?.cacheFile ?? '';
  const target = join(bad, 'cache-arm64', tamperedFile);
  const bytes = await readFile(target);
  bytes[100] = (bytes[100] ?? 0) ^ 0x01;
  await writeFile(target, bytes);

  digests.pushed = await buildAndPush(`${image}:${tag}`, good, { args: BUILD_ARGS });
  digests.tampered = await buildAndPush(`${image}:${tag}-tampered`, bad, { args: BUILD_ARGS });
  archive = join(work, 'image.oci.tar');
  await buildx(good, `type=oci,dest=${archive}`, join(work, 'oci.json'));
  digests.loaded = await buildx(good, `type=image,name=${loaded}`, join(work, 'loaded.json'));
});

afterAll(async () => {
  await runDocker(['image', 'rm', loaded], { allowFailure: true });
  if (work) await rm(work, { recursive: true, force: true });
});

describe('verifyImage on real buildx images', () => {
  it('verifies the pushed index by its digest, every platform, skipping attestations', async () => {
    expect(digests.pushed).toMatch(/^sha256:[0-9a-f]{64}$/);
    const report = await verify({ kind: 'registry', reference: `${image}@${digests.pushed}` });
    expectAllOk(report);
    expect(report.digest).toBe(digests.pushed);
    const index = await fetchManifest(REPO, digests.pushed);
    expect(report.attestations).toBe((index.json.manifests ?? []).length - imageEntries(index).length);
    expect(report.attestations).toBeGreaterThan(0);
    expect(Object.fromEntries(report.platforms.map((p) => [p.platform, p.digest]))).toEqual(
      Object.fromEntries(imageEntries(index).map((d) => [platformOf(d), d.digest])),
    );
  });

  it('verifies by tag to the same digest', async () => {
    const report = await verify({ kind: 'registry', reference: `${image}:${tag}` });
    expectAllOk(report);
    expect(report.digest).toBe(digests.pushed);
  });

  it('verifies a type=oci archive, pinned to the digest in its index.json', async () => {
    // index.json read with the system tar, independently of our reader.
    const indexJson = JSON.parse(execFileSync('tar', ['-xOf', archive, 'index.json'], { encoding: 'utf8' })) as { manifests: Array<{ digest: string }> };
    const report = await verify({ kind: 'oci-archive', path: archive });
    expectAllOk(report);
    expect(report.digest).toBe(indexJson.manifests[0]?.digest);
    const pinned = await verify({ kind: 'oci-archive', path: archive, digest: report.digest });
    expect(pinned.ok).toBe(true);
  });

  it('verifies an image loaded into the engine (docker image save, containerd store)', async () => {
    const report = await verify({ kind: 'docker', reference: loaded });
    expect(report.absent).toEqual([]);
    expectAllOk(report);
    expect(report.digest).toBe(digests.loaded);
    const byDigest = await verify({ kind: 'docker', reference: `${loaded.split(':')[0]}@${digests.loaded}` });
    expectAllOk(byDigest);
  });

  it('says plainly when the image is not in the engine', async () => {
    await expect(verify({ kind: 'docker', reference: `oneapi-offline-test/verify-loaded:absent-${tag}` })).rejects.toThrow(/cannot open docker image .*absent[\s\S]*load the image/);
  });

  it('fails the tampered image on linux/arm64 only, naming the file, expected and actual hash', async () => {
    const report = await verify({ kind: 'registry', reference: `${image}@${digests.tampered}` });
    expect(report.ok).toBe(false);
    const byPlatform = Object.fromEntries(report.platforms.map((p) => [p.platform, p]));
    expect(byPlatform['linux/amd64']?.ok).toBe(true);
    const arm = byPlatform['linux/arm64'];
    expect(arm?.ok).toBe(false);
    const bad = arm?.files.find((f) => f.cacheFile === tamperedFile);
    expect(bad?.status).toBe('wrong-bytes');
    expect(bad?.actualSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(bad?.actualSha256).not.toBe(bad?.expectedSha256);
    expect(arm?.files.filter((f) => f.status !== 'ok')).toHaveLength(1);

    let error: unknown;
    try {
      assertVerified(report);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(VerifyError);
    const text = (error as Error).message;
    expect(text).toMatch(/would not work offline on linux\/arm64\n/);
    expect(text).toContain(`${CACHE}/${tamperedFile} serves wrong bytes to tiktoken: sha256 ${bad?.actualSha256}`);
    expect(text).toContain(`pinned sha256 ${bad?.expectedSha256}`);
    expect(text).not.toMatch(/linux\/amd64 \(/);
  });
});
