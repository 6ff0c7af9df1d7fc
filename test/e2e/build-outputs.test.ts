// The other outputs, on every builder of the matrix: a multi-arch OCI archive, push + archive together (one set of digests),
// --load, a push by digest (for per-platform jobs merged later), and a failing build that
// surfaces buildx's own message as a BuildError. build() itself never creates a tag; publish()
// does (the pipeline verifies in between).
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { archiveIndex, readTarMember } from '../support/oci-archive.js';
import { chooseRoute } from '../../src/build/outputs.js';
import { publish } from '../../src/build/publish.js';
import { parseBuildInputs } from '../../src/build/options.js';
import { BuildError, ExitCode } from '../../src/errors.js';
import { rawInputsFrom, type InputName } from '../../src/inputs/names.js';
import { memoryLogger } from '../../src/log/logger.js';
import { BUILDERS, requireBuilder, type TestBuilder } from '../support/builders.js';
import { fetchBlob, fetchManifest, imageEntries, platformOf, REGISTRY, requireEngine, runDocker, tagList, testImage, uniqueTag } from '../support/docker.js';
import { buildAndTag, busyboxContext, encoderCache, tempDir } from './build-support.js';

let work: string;
let cacheDir: string;
let context: string;

// One cache folder and build context for all builders.
beforeAll(async () => {
  await requireEngine();
  work = await tempDir('outputs');
  cacheDir = await encoderCache(join(work, 'cache'), ['gpt2-vocab-bpe']);
  context = await busyboxContext(join(work, 'ctx'), 'busybox');
});

describe.each(BUILDERS)('build outputs on $name ($driver)', (builder: TestBuilder) => {
  const run = (values: Partial<Record<InputName, string>>, dir: string) => {
    const options = parseBuildInputs(rawInputsFrom({ context, builder: builder.name, ...values }), { proxy: {}, cacheDir, engineLoadsMultiPlatform: true, commitTime: 1_700_000_000 });
    return buildAndTag(options, { cacheDir }, { log: memoryLogger(), tempDir: join(work, builder.name, dir) });
  };

  beforeAll(() => requireBuilder(builder));

  it('archive: a multi-arch OCI tarball listing both platforms', async () => {
    const archive = join(work, builder.name, 'out', 'image.oci.tar');
    const result = await run({ archive, provenance: 'false' }, 'archive');
    expect((await stat(archive)).size).toBeGreaterThan(0);
    expect(result.archive).toBe(archive);
    expect(result.ociArchive).toBe(archive);
    expect((await readTarMember(archive, 'oci-layout'))?.toString()).toContain('imageLayoutVersion');
    const index = await archiveIndex(archive);
    expect(Object.keys(index.platforms).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    expect(result.digest).toBe(index.digest);
    expect(result.platformDigests).toEqual(index.platforms);
  });

  it('push + archive: the registry serves the archive\'s index', async () => {
    const archive = join(work, builder.name, 'both', 'image.oci.tar');
    const tag = uniqueTag();
    const result = await run({ archive, images: testImage('outputs'), version: tag, 'tag-prefix': '', push: 'true' }, 'both');
    const index = await archiveIndex(archive);
    expect(result.digest).toBe(index.digest);
    const pushed = await fetchManifest('oneapi-offline-test/outputs', tag);
    expect(pushed.digest).toBe(index.digest);
    expect(imageEntries(pushed).map(platformOf).sort()).toEqual(['linux/amd64', 'linux/arm64']);
  });

  it('push: build() pushes by digest and tags nothing; publish() then creates every tag with the same digest', async () => {
    const tag = uniqueTag();
    const repository = `oneapi-offline-test/outputs-direct-${tag}`;
    const options = parseBuildInputs(rawInputsFrom({ context, images: `${REGISTRY}/${repository}`, version: tag, 'tag-prefix': '', push: 'true', verify: 'false', builder: builder.name }), {
      proxy: {},
      cacheDir,
      engineLoadsMultiPlatform: true,
    });
    const deps = { log: memoryLogger(), tempDir: join(work, builder.name, 'direct') };
    const result = await build(options, { cacheDir }, deps);
    expect(result.route).toBe(chooseRoute(options, result.engine.driver));
    const pushed = await fetchManifest(repository, result.digest ?? '');
    expect(pushed.digest).toBe(result.digest);
    expect(await tagList(repository)).toEqual([]);
    expect(Object.keys(result.platformDigests ?? {}).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    expect(Object.values(result.platformDigests ?? {}).sort()).toEqual(imageEntries(pushed).map((m) => m.digest).sort());

    const states = await publish(result, options, deps);
    expect(states).toEqual([{ ref: `${REGISTRY}/${repository}:${tag}`, where: 'registry', published: true }]);
    expect((await fetchManifest(repository, tag)).digest).toBe(result.digest);
    expect(await tagList(repository)).toEqual([tag]);
  });

  it('load: the image lands in the local store under its tags', async () => {
    const tag = uniqueTag();
    const image = testImage('outputs-load');
    const result = await run({ images: image, version: tag, 'tag-prefix': '', load: 'true', platforms: 'linux/arm64' }, 'load');
    // The containerd store's image ID is the digest of what was loaded; imageid is the config digest.
    const inspect = await runDocker(['image', 'inspect', '--format', '{{.Architecture}} {{.Id}}', `${image}:${tag}`]);
    expect(inspect.stdout.trim()).toBe(`arm64 ${result.digest}`);
    expect(result.imageid).toMatch(/^sha256:[0-9a-f]{64}$/);
    await runDocker(['image', 'rm', `${image}:${tag}`], { allowFailure: true });
  });

  it('push by digest: one platform, no tags, the digest reference is pullable', async () => {
    const name = `outputs-bydigest-${uniqueTag()}`;
    const result = await run({ images: testImage(name), 'push-by-digest': 'true', platforms: 'linux/arm64', version: uniqueTag() }, 'bydigest');
    expect(await tagList(`oneapi-offline-test/${name}`)).toEqual([]);
    expect(result.tags).toEqual([]);
    expect(result.digestRefs).toEqual([`${testImage(name)}@${result.digest}`]);
    expect(Object.keys(result.platformDigests ?? {})).toEqual(['linux/arm64']);
    const manifestDigest = result.platformDigests?.['linux/arm64'] ?? '';
    // With buildx's default provenance a BuildKit builder pushes an index (the image and its
    // attestation); Engine's builder records none here and pushes the image manifest itself.
    const pushed = await fetchManifest(`oneapi-offline-test/${name}`, result.digest ?? '');
    if (pushed.json.manifests) expect(imageEntries(pushed).map((m) => [platformOf(m), m.digest])).toEqual([['linux/arm64', manifestDigest]]);
    else expect(result.digest).toBe(manifestDigest);
    const manifest = await fetchManifest(`oneapi-offline-test/${name}`, manifestDigest);
    const config = JSON.parse((await fetchBlob(`oneapi-offline-test/${name}`, manifest.json.config?.digest ?? '')).toString()) as { architecture: string; os: string };
    expect(`${config.os}/${config.architecture}`).toBe('linux/arm64');
  });

  it('a failing build throws BuildError with buildx\'s message, not a stack trace', async () => {
    const broken = await busyboxContext(join(work, builder.name, 'broken'), 'busybox');
    await rm(join(broken, 'busybox-arm64'));
    const options = parseBuildInputs(rawInputsFrom({ context: broken, provenance: 'false', builder: builder.name }), { proxy: {}, cacheDir, engineLoadsMultiPlatform: true });
    const error = await build(options, { cacheDir }, { log: memoryLogger(), tempDir: join(work, builder.name, 'broken-tmp') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).exitCode).toBe(ExitCode.build);
    expect((error as BuildError).message).toMatch(/ERROR: .*busybox-arm64.*not found/);
    expect((error as BuildError).message).not.toMatch(/\n\s+at /);
  });
});
