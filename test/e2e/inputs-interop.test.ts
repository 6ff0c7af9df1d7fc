// The bundled action with the inputs users bring from docker/metadata-action and
// docker/build-push-action, on the real engine and the loopback registry:
// - metadata-action's outputs passed in verbatim give exactly those tags, labels and
//   annotations on the pushed index (read back from the registry), created pinned to
//   SOURCE_DATE_EPOCH;
// - a stand-in base without arm64: the default platforms stop before the build naming the
//   base's platforms; `platforms: auto` gives a verified image for what the base has.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxContext, tempDir } from './build-support.js';
import { fetchBlob, fetchManifest, imageEntries, platformOf, requireEngine, runDocker, splitRef, testImage, uniqueTag } from '../support/docker.js';
import { buildAndPush } from '../support/engine-push.js';
import { startMirrorServer, type MirrorServer } from '../support/mirror-server.js';
import { freshRunner, runAction } from '../support/run-action.js';

let root: string;
let mirror: MirrorServer;
const tag = uniqueTag();
const multiBase = `${testImage('h6-interop-base')}:${tag}`;
const amd64Base = `${testImage(`h6-amd64-only-${tag}`)}:v1`;

beforeAll(async () => {
  await requireEngine();
  root = await mkdtemp(join(tmpdir(), 'oneapi-interop-'));
  mirror = await startMirrorServer();
  const context = await busyboxContext(await tempDir('interop-base'), 'busybox-base');
  await buildAndPush(multiBase, context, { args: ['--platform', 'linux/amd64,linux/arm64', '--provenance', 'false'] });
  // A One API stand-in published for amd64 only (as justsong/one-api:latest is since 2025).
  await buildAndPush(amd64Base, context, { args: ['--platform', 'linux/amd64', '--provenance', 'false'] });
}, 300_000);
afterAll(async () => {
  await mirror?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('metadata-action outputs passed in verbatim', () => {
  it('give exactly those tags, labels and annotations on the pushed index', async () => {
    // What docker/metadata-action@v5 prints for a v1.2.3 tag push with
    // DOCKER_METADATA_ANNOTATIONS_LEVELS=manifest,index (names lowercased by metadata-action).
    const repo = testImage(`h6-meta-${tag}`);
    const tags = [`${repo}:1.2.3`, `${repo}:1.2`, `${repo}:latest`];
    const labels = [
      'org.opencontainers.image.created=2025-01-02T03:04:05.000Z',
      'org.opencontainers.image.description=One API, offline',
      'org.opencontainers.image.licenses=MIT',
      `org.opencontainers.image.revision=${'a'.repeat(40)}`,
      'org.opencontainers.image.source=https://github.com/MyOrg/one-api',
      'org.opencontainers.image.title=one-api',
      'org.opencontainers.image.version=1.2.3',
    ];
    const annotations = [...labels.map((l) => `manifest:${l}`), ...labels.map((l) => `index:${l}`)];
    const runner = await freshRunner(join(root, 'meta'));
    const run = await runAction(
      runner,
      // With SOURCE_DATE_EPOCH, as a release from a git checkout builds (the docker driver's archive route).
      { mirror: mirror.origin, encoders: 'cl100k_base', 'base-image': multiBase, tags: tags.join('\n'), labels: labels.join('\n'), annotations: annotations.join('\n'), push: 'true', 'source-date-epoch': '1700000000' },
      { timeoutMs: 600_000 },
    );
    expect(run.code, run.stdout.slice(-4000)).toBe(0);
    expect(run.outputs['tags']).toBe(tags.join('\n'));
    // All as given, but created: the job's clock there becomes SOURCE_DATE_EPOCH's time, with a notice.
    const atEpoch = (line: string) => line.replace('2025-01-02T03:04:05.000Z', '2023-11-14T22:13:20Z');
    expect(run.stdout).toMatch(/org\.opencontainers\.image\.created given in labels\/annotations .*keep-created: true/);
    expect(run.outputs['annotations']).toBe(annotations.map(atEpoch).join('\n'));
    expect(run.outputs['cache-hit']).toBe('false');
    expect(run.outputs['source']).toBe('download');
    for (const label of labels) expect(run.outputs['labels']?.split('\n')).toContain(atEpoch(label));
    const digest = run.outputs['digest'] as string;
    expect(JSON.parse(run.outputs['verification'] as string).ok).toBe(true);

    const { repository } = splitRef(repo);
    // Exactly those tags, each on the verified index.
    const listed = (await (await fetch(`http://127.0.0.1:5000/v2/${repository}/tags/list`)).json()) as { tags: string[] };
    expect(listed.tags.sort()).toEqual(['1.2', '1.2.3', 'latest']);
    for (const ref of tags) expect((await fetchManifest(repository, splitRef(ref).reference)).digest).toBe(digest);

    const want = Object.fromEntries(labels.map(atEpoch).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    const index = await fetchManifest(repository, digest);
    expect(index.json['annotations']).toMatchObject(want);
    const entries = imageEntries(index);
    expect(entries.map(platformOf).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    for (const entry of entries) {
      const manifest = await fetchManifest(repository, entry.digest);
      expect(manifest.json['annotations'], platformOf(entry)).toMatchObject(want);
      const config = JSON.parse((await fetchBlob(repository, manifest.json.config?.digest ?? '')).toString('utf8')) as { config: { Labels: Record<string, string> } };
      expect(config.config.Labels, platformOf(entry)).toMatchObject(want);
    }
  });
});

describe('platforms and a base image that lacks arm64', () => {
  it('the default platforms stop before the build, naming the base and what it has', async () => {
    const runner = await freshRunner(join(root, 'lacks'));
    const image = testImage(`h6-lacks-${tag}`);
    const run = await runAction(runner, { mirror: mirror.origin, encoders: 'cl100k_base', 'base-image': amd64Base, images: image, version: 'v1.0.0', push: 'true' }, { timeoutMs: 300_000 });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain(`the base image ${amd64Base} has no linux/arm64`);
    expect(run.stdout).toMatch(/platforms 127\.0\.0\.1:5000\/\S+ has: linux\/amd64\b/);
    expect(run.stdout).toContain('platforms: auto');
    expect(run.stdout).not.toContain('docker buildx build');
    // Nothing was pushed.
    const tags = await fetch(`http://127.0.0.1:5000/v2/${splitRef(image).repository}/tags/list`);
    expect(tags.status).toBe(404);
  });

  it('platforms: auto gives a verified image for what the base has', async () => {
    const runner = await freshRunner(join(root, 'auto'));
    const image = testImage(`h6-auto-${tag}`);
    const run = await runAction(
      runner,
      { mirror: mirror.origin, encoders: 'cl100k_base', 'base-image': amd64Base, images: image, version: 'v1.0.0', push: 'true', platforms: 'auto', flavor: 'latest=false' },
      { timeoutMs: 600_000 },
    );
    expect(run.code, run.stdout.slice(-4000)).toBe(0);
    expect(run.stdout).toContain(`platforms: auto → linux/amd64 (the platforms of ${amd64Base})`);
    const verification = JSON.parse(run.outputs['verification'] as string) as { ok: boolean; platforms: Array<{ platform: string; ok: boolean }> };
    expect(verification.ok).toBe(true);
    expect(verification.platforms.map((p) => p.platform)).toEqual(['linux/amd64']);
    expect(run.outputs['tags']?.split('\n')).toEqual(['offline-v1.0.0', 'offline-v1.0', 'offline-v1'].map((t) => `${image}:${t}`));
    // metadata-action's version output: the main tag's text, prefix included.
    expect(run.outputs['version']).toBe('offline-v1.0.0');
  });
});

describe('merge mode annotations', () => {
  /** The per-platform manifests of a multi-arch image stand in for two per-platform jobs' digests. */
  async function merge(source: string, name: string, annotations: string) {
    const { repository, reference } = splitRef(source);
    const digests = imageEntries(await fetchManifest(repository, reference)).map((e) => e.digest).join('\n');
    const runner = await freshRunner(join(root, name));
    const version = `v3.0.0-${name}-${tag}`;
    const run = await runAction(runner, { 'merge-digests': digests, images: source.slice(0, source.lastIndexOf(':')), version, verify: 'false', annotations });
    return { run, repository, tag: `offline-${version}` };
  }

  it('a manifest: annotation stops before imagetools', async () => {
    const { run } = await merge(multiBase, 'bad', 'manifest:a=b');
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain('input "annotations" is invalid');
    expect(run.stdout).not.toContain('imagetools create');
  });

  it('bare and index: annotations land on the merged index (OCI per-platform images)', async () => {
    const oci = `${testImage('h6-interop-oci')}:${tag}`;
    const context = await busyboxContext(await tempDir('interop-oci'), 'busybox-base');
    await buildAndPush(oci, context, { args: ['--platform', 'linux/amd64,linux/arm64', '--provenance', 'false'], ociMediatypes: true });
    const { run, repository, tag: merged } = await merge(oci, 'oci', 'org.opencontainers.image.title=one-api\nindex:org.opencontainers.image.version=v3.0.0');
    expect(run.code, run.stdout.slice(-3000)).toBe(0);
    expect(run.outputs['annotations']).toBe('index:org.opencontainers.image.title=one-api\nindex:org.opencontainers.image.version=v3.0.0');
    const index = await fetchManifest(repository, merged);
    expect(index.digest).toBe(run.outputs['digest']);
    expect(imageEntries(index).map(platformOf).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    expect(index.json['annotations']).toMatchObject({ 'org.opencontainers.image.title': 'one-api', 'org.opencontainers.image.version': 'v3.0.0' });
  });

  it('Docker-typed per-platform images (a manifest list holds no annotations): an input error, nothing pushed or tagged', async () => {
    // What buildx 0.13 does with them: the annotation is dropped without a word.
    const { repository, reference } = splitRef(multiBase);
    const digests = imageEntries(await fetchManifest(repository, reference)).map((e) => e.digest);
    const name = multiBase.slice(0, multiBase.lastIndexOf(':'));
    const dry = await runDocker(['buildx', 'imagetools', 'create', '--annotation', 'index:org.opencontainers.image.title=one-api', '--dry-run', ...digests.map((d) => `${name}@${d}`)]);
    const list = JSON.parse(dry.stdout) as { mediaType: string; annotations?: unknown };
    expect(list.mediaType).toBe('application/vnd.docker.distribution.manifest.list.v2+json');
    expect(list.annotations).toBeUndefined();

    const { run, tag: merged } = await merge(multiBase, 'docker', 'org.opencontainers.image.title=one-api');
    expect(run.code, run.stdout.slice(-3000)).not.toBe(0);
    expect(run.stdout).toContain('input "annotations" is invalid');
    expect(run.stdout).toContain('application/vnd.docker.distribution.manifest.v2+json');
    expect(run.stdout).toContain('oci-mediatypes=true');
    expect(run.stdout).not.toMatch(/PUT \S+@sha256/);
    expect((await fetch(`http://127.0.0.1:5000/v2/${repository}/manifests/${merged}`, { method: 'HEAD' })).status).toBe(404);
    expect(run.outputs['digest']).toBe('');
    expect(run.outputs['tags']).toBe('');
  });
});
