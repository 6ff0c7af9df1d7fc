// Dockerfile mode end to end, on every builder of the matrix: a multi-arch build of the busybox
// fixture pushed to the loopback registry; every platform runs with no network and finds every
// pinned file by its sha1 name.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBuildInputs } from '../../src/build/options.js';
import { rawInputsFrom } from '../../src/inputs/names.js';
import { memoryLogger } from '../../src/log/logger.js';
import { PINNED_FILES, type PinnedFileId } from '../../src/pins.js';
import { BUILDERS, requireBuilder } from '../support/builders.js';
import { fetchManifest, imageEntries, platformOf, requireEngine, runDocker, testImage, uniqueTag } from '../support/docker.js';
import { buildAndTag, busyboxContext, encoderCache, sha1Name, tempDir } from './build-support.js';

const IDS: PinnedFileId[] = ['r50k_base', 'gpt2-vocab-bpe'];
let fixtures: { work: string; cacheDir: string; context: string };

beforeAll(async () => {
  await requireEngine();
  const work = await tempDir('dockerfile');
  fixtures = { work, cacheDir: await encoderCache(`${work}/cache`, IDS), context: await busyboxContext(`${work}/ctx`, 'busybox') };
});

describe.each(BUILDERS)('Dockerfile mode, multi-arch, pushed, on $name ($driver)', (builder) => {
  const image = testImage('build-dockerfile');
  const version = `v1.2.${Date.now() % 100000}`;
  let result: Awaited<ReturnType<typeof buildAndTag>>;
  const log = memoryLogger();

  beforeAll(async () => {
    await requireBuilder(builder);
    const { work, cacheDir, context } = fixtures;
    const options = parseBuildInputs(
      rawInputsFrom({ context, images: image, version, 'tag-prefix': `offline-${uniqueTag()}-`, push: 'true', provenance: 'false', builder: builder.name }),
      { proxy: {}, cacheDir, engineLoadsMultiPlatform: true, commitTime: 1_700_000_000, sha: 'f'.repeat(40) },
    );
    result = await buildAndTag(options, { cacheDir }, { log, tempDir: `${work}/${builder.name}` });
  });

  it('pushes an index listing linux/amd64 and linux/arm64 under every version tag', async () => {
    expect(result.engine.driver).toBe(builder.driver);
    expect(result.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(result.tags).toHaveLength(4);
    for (const tag of result.tags) {
      const [, reference] = tag.split(/:(?=[^:/]+$)/);
      const index = await fetchManifest('oneapi-offline-test/build-dockerfile', reference ?? '');
      expect(index.digest).toBe(result.digest);
      expect(imageEntries(index).map(platformOf).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    }
    expect(Object.keys(result.platformDigests ?? {}).sort()).toEqual(['linux/amd64', 'linux/arm64']);
  });

  it.each(['linux/amd64', 'linux/arm64'])('%s runs with --network none and finds every pinned file and the env', async (platform) => {
    const ref = `${image}@${result.digest}`;
    const script = 'cd "$TIKTOKEN_CACHE_DIR" && sha256sum * && echo "T=$TIKTOKEN_CACHE_DIR D=$DATA_GYM_CACHE_DIR" && uname -m';
    const run = await runDocker(['run', '--rm', '--network', 'none', '--platform', platform, ref, 'sh', '-c', script]);
    for (const id of IDS) expect(run.stdout).toContain(`${PINNED_FILES[id].sha256}  ${sha1Name(id)}`);
    expect(run.stdout).toContain('T=/tiktoken_cache D=/tiktoken_cache');
    expect(run.stdout).toContain(platform === 'linux/amd64' ? 'x86_64' : 'aarch64');
  });

  it('logs the buildx command with the builder and the named tiktoken context', () => {
    expect(log.lines.some((l) => l.includes('buildx build') && l.includes(`--builder ${builder.name}`) && l.includes('--build-context tiktoken='))).toBe(true);
  });
});
