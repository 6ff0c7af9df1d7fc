// engine: registry when the registry misbehaves, seen through a recording proxy in front of the
// loopback registry: mounts refused (the engine uploads instead and says so) and a blob upload
// cut mid-way (retried). The index is written only after every blob and manifest, the tags
// only after verification. No Docker anywhere: the base is random content pushed by the test.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTRY, requireRegistry, uniqueTag } from '../support/docker.js';
import { pushRandomBase, type RandomBase } from '../support/random-base.js';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy.js';
import { tempDir } from './build-support.js';
import { encoderSource, noDockerEnv, runCli } from './registry-engine-support.js';

const tag = uniqueTag();
let proxy: RecordingProxy;
let work: string;
let base: RandomBase;

beforeAll(async () => {
  await requireRegistry();
  proxy = await startRecordingProxy(REGISTRY);
  work = await tempDir('registry-engine-faults');
  base = await pushRandomBase(proxy.host, `oneapi-offline-test/h8-fault-base-${tag}`, 'b', { layers: 2, layerBytes: 512 * 1024 });
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('registry engine against a misbehaving registry', () => {
  it('uploads when mounts are refused, retries a cut upload, and writes the index and tags last', async () => {
    const repo = `oneapi-offline-test/h8-fault-${tag}`;
    proxy.faults.refuseMounts = true;
    proxy.faults.cutUploads = 1;
    proxy.faults.cutAtLeast = 256 * 1024;
    const start = proxy.requests.length;
    const { env } = await noDockerEnv(join(work, 'run'));
    const source = await encoderSource(join(work, 'source'));
    const run = await runCli(['build', '--engine', 'registry', '--base-image', base.reference, '--source', source, '--no-encoder-cache', '--cache-dir', join(work, 'run/cache'), '--encoders', 'cl100k_base', '--images', `${proxy.host}/${repo}`, '--image-version', 'v2.0.0', '--push'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/refused 4 cross-repository mount\(s\).*uploaded instead/);
    expect(run.stderr).toMatch(/trying again/);

    const mine = proxy.requests.slice(start).filter((r) => r.path.startsWith(`/v2/${repo}/`));
    const cut = mine.filter((r) => r.status === -1);
    expect(cut).toHaveLength(1);
    const blobPuts = mine.filter((r) => r.method === 'PUT' && r.path.includes('/blobs/uploads/') && r.status === 201);
    const cutDigest = /digest=([^&]+)/.exec(cut[0]?.path ?? '')?.[1];
    expect(blobPuts.some((r) => r.path.includes(`digest=${cutDigest}`))).toBe(true);
    const lastBlob = mine.lastIndexOf(blobPuts.at(-1)!);
    const manifestPuts = mine.filter((r) => r.method === 'PUT' && r.path.includes('/manifests/'));
    const indexPut = manifestPuts.findIndex((r) => r.path.endsWith(`/manifests/${run.json['digest'] as string}`));
    expect(indexPut).toBeGreaterThanOrEqual(0);
    expect(mine.indexOf(manifestPuts[indexPut]!)).toBeGreaterThan(lastBlob);
    const firstTag = manifestPuts.findIndex((r) => r.path.endsWith('/manifests/offline-v2.0.0'));
    expect(firstTag).toBeGreaterThan(indexPut);
    // verification read the image back before the first tag went in
    const firstRead = mine.findIndex((r) => r.method === 'GET' && r.path.endsWith(`/manifests/${run.json['digest'] as string}`));
    expect(firstRead).toBeGreaterThan(mine.indexOf(manifestPuts[indexPut]!));
    expect(firstRead).toBeLessThan(mine.indexOf(manifestPuts[firstTag]!));
  }, 300_000);
});
