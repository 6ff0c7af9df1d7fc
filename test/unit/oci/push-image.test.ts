// The registry write client against a loopback fake registry: push by digest (no tag appears),
// skipping blobs the repository has, mounting from a sibling, the Bearer flow with credentials
// that never reach the log, retries on 5xx only, tags as PUTs of the exact bytes, a refused tag.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { plannedTags, tagInRegistry, assertPublished } from '../../../src/build/publish.js';
import { BASE_OPTIONS } from '../build/base-options.js';
import { PublishError } from '../../../src/errors.js';
import type { ImageSource } from '../../../src/oci/image-source.js';
import type { Descriptor } from '../../../src/oci/media-types.js';
import { memoryLogger } from '../../../src/log/logger.js';
import { pushByDigest } from '../../../src/oci/push-image.js';
import { RegistryFailure } from '../../../src/oci/registry-http.js';
import { openRepository } from '../../../src/oci/repository.js';
import { startFakeRegistry, type FakeRegistry } from '../../support/fake-registry.js';

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const desc = (mediaType: string, bytes: Buffer, extra: Partial<Descriptor> = {}): Descriptor => ({ mediaType, digest: sha(bytes), size: bytes.length, ...extra });

/** A two-platform image in memory: index → 2 manifests → config + one layer each. */
function memoryImage(seed: string): { source: ImageSource; digest: string; index: Buffer; blobs: Map<string, Buffer> } {
  const blobs = new Map<string, Buffer>();
  const add = (b: Buffer) => (blobs.set(sha(b), b), b);
  const manifests = (['amd64', 'arm64'] as const).map((arch) => {
    const config = add(Buffer.from(JSON.stringify({ architecture: arch, os: 'linux', seed })));
    const layer = add(Buffer.from(`${seed}-${arch}-layer-bytes`.repeat(100)));
    const manifest = add(Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: desc('application/vnd.oci.image.config.v1+json', config), layers: [desc('application/vnd.oci.image.layer.v1.tar+gzip', layer)] })));
    return desc('application/vnd.oci.image.manifest.v1+json', manifest, { platform: { os: 'linux', architecture: arch } });
  });
  const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests }));
  const source: ImageSource = {
    label: `memory ${seed}`,
    partial: false,
    root: async () => ({ digest: sha(index), mediaType: 'application/vnd.oci.image.index.v1+json', bytes: index }),
    document: async (d) => blobs.get(d.digest),
    blob: async (d) => (async function* () { yield blobs.get(d.digest) as Buffer; })(),
    close: async () => {},
  };
  return { source, digest: sha(index), index, blobs };
}

let registry: FakeRegistry | undefined;
afterEach(async () => {
  await registry?.close();
  registry = undefined;
});

describe('pushByDigest', () => {
  it('pushes every blob and manifest by digest and creates no tag', async () => {
    registry = await startFakeRegistry();
    const image = memoryImage('a');
    const pushed = await pushByDigest(image.source, openRepository(`${registry.host}/org/app`, {}), { log: memoryLogger() });
    expect(pushed.digest).toBe(image.digest);
    expect(registry.tags('org/app')).toEqual([]);
    expect(registry.manifests.get('org/app')?.get(image.digest)?.bytes.equals(image.index)).toBe(true);
    for (const digest of image.blobs.keys()) expect(registry.blobs.has(digest) || registry.manifests.get('org/app')?.has(digest)).toBe(true);
    // Children before the index: the index PUT is the last request.
    expect(registry.requests.at(-1)).toMatchObject({ method: 'PUT', path: `/v2/org/app/manifests/${image.digest}` });
  });

  it('skips blobs the repository has (HEAD) and mounts from a sibling repository', async () => {
    registry = await startFakeRegistry();
    const image = memoryImage('b');
    await pushByDigest(image.source, openRepository(`${registry.host}/org/app`, {}), { log: memoryLogger() });
    const before = registry.requests.length;
    await pushByDigest(image.source, openRepository(`${registry.host}/org/app`, {}), { log: memoryLogger() });
    expect(registry.requests.slice(before).filter((r) => r.method === 'POST' || r.path.includes('/uploads/'))).toEqual([]);
    const mark = registry.requests.length;
    await pushByDigest(image.source, openRepository(`${registry.host}/org/other`, {}), { log: memoryLogger(), mountFrom: 'org/app' });
    const writes = registry.requests.slice(mark).filter((r) => r.method === 'POST' || r.method === 'PUT');
    expect(writes.filter((r) => r.method === 'POST').every((r) => r.path.includes('mount=') && r.path.includes('from=org%2Fapp'))).toBe(true);
    expect(writes.filter((r) => r.path.includes('/blobs/uploads/') && r.method === 'PUT')).toEqual([]);
    expect(registry.tags('org/other')).toEqual([]);
  });

  it('follows the Bearer flow with docker-config credentials and never logs them', async () => {
    registry = await startFakeRegistry({ auth: { username: 'robot', password: 'hunter2-secret' } });
    const auth = Buffer.from('robot:hunter2-secret').toString('base64');
    const dockerConfig = JSON.stringify({ auths: { [registry.host]: { auth } } });
    const log = memoryLogger();
    const image = memoryImage('c');
    await pushByDigest(image.source, openRepository(`${registry.host}/org/app`, { dockerConfig }), { log });
    expect(registry.manifests.get('org/app')?.has(image.digest)).toBe(true);
    expect(registry.requests.some((r) => r.path.startsWith('/token'))).toBe(true);
    expect(log.lines.join('\n')).not.toMatch(/hunter2|cm9ib3Q/);
  });

  it('without credentials the refusal names the fix, not a stack', async () => {
    registry = await startFakeRegistry({ auth: { username: 'robot', password: 'pw' } });
    const error = await pushByDigest(memoryImage('d').source, openRepository(`${registry.host}/org/app`, {}), { log: memoryLogger() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryFailure);
    expect((error as RegistryFailure).fix).toMatch(/credentials/);
  });

  it('tries a 5xx again (the one retry policy), then succeeds', async () => {
    registry = await startFakeRegistry({ fail: { method: 'PUT', path: /manifests/, times: 2 } });
    const log = memoryLogger();
    const image = memoryImage('e');
    await pushByDigest(image.source, openRepository(`${registry.host}/org/app`, {}), { log, sleep: async () => {} });
    expect(registry.manifests.get('org/app')?.has(image.digest)).toBe(true);
    expect(log.lines.filter((l) => l.includes('trying again'))).toHaveLength(2);
  });
});

describe('tagInRegistry', () => {
  it('PUTs the exact verified bytes under each tag (same digest); a refused tag is reported, others still made', async () => {
    registry = await startFakeRegistry({ refuseTags: ['offline'] });
    const image = memoryImage('f');
    await pushByDigest(image.source, openRepository(`${registry.host}/org/app`, {}), { log: memoryLogger() });
    const tags = ['offline-v1.0.0', 'offline'].map((t) => `${registry!.host}/org/app:${t}`);
    const states = await tagInRegistry({ digest: image.digest }, tags, { log: memoryLogger() });
    expect(states.map((s) => [s.ref, s.published])).toEqual([[tags[0], true], [tags[1], false]]);
    expect(states[1]?.reason).toMatch(/403/);
    expect(registry.manifests.get('org/app')?.get('offline-v1.0.0')?.bytes.equals(image.index)).toBe(true);
    expect(registry.tags('org/app')).toEqual(['offline-v1.0.0']);
    let error: unknown;
    try {
      assertPublished(states, image.digest, `${registry.host}/org/app`, true);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PublishError);
    expect((error as PublishError).message).toContain(`${registry.host}/org/app@${image.digest}`);
    expect((error as PublishError).message).toMatch(/1 of 2 tag/);
    expect((error as PublishError).tags).toEqual(states);
  });
});

describe('plannedTags', () => {
  it.each<[string, Partial<typeof BASE_OPTIONS>, Array<[string, string]>]>([
    ['push', { push: true }, [['r.io/a:v1', 'registry'], ['r.io/a:latest', 'registry']]],
    ['push + load', { push: true, load: true }, [['r.io/a:v1', 'registry'], ['r.io/a:latest', 'registry'], ['r.io/a:v1', 'local'], ['r.io/a:latest', 'local']]],
    ['push by digest', { push: true, pushByDigest: true }, []],
    ['archive only', {}, []],
  ])('%s', (_name, options, expected) => {
    const states = plannedTags({ ...BASE_OPTIONS, ...options }, 'verification failed');
    expect(states.map((s) => [s.ref, s.where])).toEqual(expected);
    expect(states.every((s) => !s.published && s.reason === 'verification failed')).toBe(true);
  });
});

describe('shared layers', () => {
  it('a layer two platform manifests share is uploaded once, and neither manifest goes up before it', async () => {
    registry = await startFakeRegistry();
    const shared = Buffer.from('the same tiktoken layer on every platform'.repeat(50));
    const blobs = new Map<string, Buffer>([[sha(shared), shared]]);
    const manifests = (['amd64', 'arm64'] as const).map((arch) => {
      const config = Buffer.from(JSON.stringify({ architecture: arch, os: 'linux' }));
      blobs.set(sha(config), config);
      const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: desc('application/vnd.oci.image.config.v1+json', config), layers: [desc('application/vnd.oci.image.layer.v1.tar+gzip', shared)] }));
      blobs.set(sha(manifest), manifest);
      return desc('application/vnd.oci.image.manifest.v1+json', manifest, { platform: { os: 'linux', architecture: arch } });
    });
    const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests }));
    const source: ImageSource = {
      label: 'shared',
      partial: false,
      root: async () => ({ digest: sha(index), mediaType: 'application/vnd.oci.image.index.v1+json', bytes: index }),
      document: async (d) => blobs.get(d.digest),
      blob: async (d) => (async function* () { yield blobs.get(d.digest) as Buffer; })(),
      close: async () => {},
    };
    await pushByDigest(source, openRepository(`${registry.host}/org/shared`, {}), { log: memoryLogger() });
    const uploads = registry.requests.filter((r) => r.method === 'PUT' && r.path.includes(`digest=${encodeURIComponent(sha(shared))}`));
    expect(uploads).toHaveLength(1);
    const uploadAt = registry.requests.indexOf(uploads[0]!);
    for (const m of manifests) expect(registry.requests.findIndex((r) => r.method === 'PUT' && r.path.endsWith(`/manifests/${m.digest}`))).toBeGreaterThan(uploadAt);
  });
});
