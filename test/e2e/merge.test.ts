// Split and merge, end to end against the loopback registry, on every builder of the matrix: two
// single-platform builds pushed by digest (as the native-runner jobs do), then a merge job. The
// merged index must be the one a single multi-platform build of the same inputs (same
// SOURCE_DATE_EPOCH) produces: the same per-platform manifest digests, every tag present, and
// each platform verified offline.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build/build.js';
import { parseMergeInputs } from '../../src/build/merge-inputs.js';
import { dockerRunner, mergeImages, type MergeResult } from '../../src/build/merge.js';
import { parseBuildInputs } from '../../src/build/options.js';
import { tagInRegistry, type TagState } from '../../src/build/publish.js';
import { BuildError } from '../../src/errors.js';
import type { Expectations, VerificationReport } from '../../src/image/report.js';
import { verifyImage } from '../../src/image/verify-image.js';
import { rawInputsFrom, type InputName } from '../../src/inputs/names.js';
import { memoryLogger } from '../../src/log/logger.js';
import { PINNED_FILES, type PinnedFileId } from '../../src/pins.js';
import { BUILDERS, requireBuilder } from '../support/builders.js';
import { fetchManifest, imageEntries, platformOf, REGISTRY, requireEngine, splitRef, testImage, uniqueTag } from '../support/docker.js';
import { busyboxContext, encoderCache, sha1Name, tempDir } from './build-support.js';

const IDS: PinnedFileId[] = ['r50k_base'];
const EPOCH = 1_700_000_000;
const PLATFORMS = ['linux/amd64', 'linux/arm64'] as const;
const image = testImage('merge');
const run = uniqueTag();
const version = 'v3.4.5';
const expectations: Expectations = {
  cachePath: '/tiktoken_cache',
  files: IDS.map((id) => ({ cacheFile: sha1Name(id), sha256: PINNED_FILES[id].sha256, size: PINNED_FILES[id].size })),
};

const log = memoryLogger();
const dirs: string[] = [];
const scratch = async (name: string) => {
  const dir = await tempDir(name);
  dirs.push(dir);
  return dir;
};
let fixtures: { cacheDir: string; context: string };

// One cache folder and build context for all builders.
beforeAll(async () => {
  await requireEngine();
  const work = await scratch('merge');
  fixtures = { cacheDir: await encoderCache(`${work}/cache`, IDS), context: await busyboxContext(`${work}/ctx`, 'busybox') };
});

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe.each(BUILDERS)('split builds merged by digest, on $name ($driver)', (builder) => {
  let perPlatform: BuildResult[] = [];
  let single: BuildResult;
  let merged: MergeResult;
  let untaggedBeforeVerify: number[] = [];
  let verified: VerificationReport;
  let published: TagState[] = [];
  const prefix = `${run}-${builder.name}`;

  beforeAll(async () => {
    await requireBuilder(builder);
    const { cacheDir, context } = fixtures;
    const facts = { proxy: {}, cacheDir, engineLoadsMultiPlatform: true, commitTime: EPOCH, sha: 'e'.repeat(40) };
    const common: Partial<Record<InputName, string>> = { context, images: image, provenance: 'false', 'source-date-epoch': String(EPOCH), version, builder: builder.name };

    // The native-runner jobs: one platform each, pushed by digest (no tags).
    perPlatform = [];
    for (const platform of PLATFORMS) {
      const options = parseBuildInputs(rawInputsFrom({ ...common, platforms: platform, 'push-by-digest': 'true' }), facts);
      perPlatform.push(await build(options, { cacheDir }, { log, tempDir: await scratch(`merge-${platform.split('/')[1]}`) }));
    }
    // The reference: one multi-platform build of the same inputs.
    const singleOptions = parseBuildInputs(rawInputsFrom({ ...common, platforms: PLATFORMS.join(','), push: 'true', 'tag-prefix': `single-${prefix}-` }), facts);
    single = await build(singleOptions, { cacheDir }, { log, tempDir: await scratch('merge-single') });

    // The merge job: the digests, the same images and version, its own tags.
    const mergeOptions = parseMergeInputs(
      rawInputsFrom({ images: image, version, 'tag-prefix': `merged-${prefix}-`, tags: `extra-${prefix}`, 'merge-digests': perPlatform.map((r) => r.digest ?? '').join('\n') }),
    );
    if (!mergeOptions) throw new Error('merge-digests was set, so parseMergeInputs must return options');
    merged = await mergeImages(mergeOptions, { run: dockerRunner({ log }), log, builder: builder.name });
    // As the pipeline does: nothing tagged yet, verify by digest, then tag.
    untaggedBeforeVerify = await Promise.all(
      merged.tags.map(async (tag) => {
        const { repository, reference } = splitRef(tag);
        return (await fetch(`http://${REGISTRY}/v2/${repository}/manifests/${reference}`, { method: 'HEAD' })).status;
      }),
    );
    verified = await verifyImage({ kind: 'registry', reference: `${image}@${merged.digest}`, insecure: true }, expectations, { log });
    if (verified.ok) published = await tagInRegistry({ digest: merged.digest, root: { bytes: Buffer.from(merged.raw), mediaType: 'application/vnd.oci.image.index.v1+json' } }, merged.tags, { log });
  }, 1_200_000);

  it('each per-platform job pushed one platform by digest, with no tags', () => {
    expect(perPlatform.map((r) => r.engine.driver)).toEqual([builder.driver, builder.driver]);
    expect(perPlatform.map((r) => r.tags)).toEqual([[], []]);
    perPlatform.forEach((r, i) => {
      expect(r.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(Object.keys(r.platformDigests ?? {})).toEqual([PLATFORMS[i]]);
    });
  });

  it('the merged index has both platforms with the per-platform manifests of a single multi-platform build', () => {
    expect([...merged.platforms].sort()).toEqual([...PLATFORMS]);
    const mergedByPlatform = Object.fromEntries(merged.manifests.map((m) => [m.platform, m.digest]));
    expect(mergedByPlatform).toEqual(single.platformDigests);
    for (const [i, platform] of PLATFORMS.entries()) expect(mergedByPlatform[platform]).toBe(perPlatform[i]!.platformDigests?.[platform]);
  });

  it('is the same index as the single build (same digest)', () => {
    expect(merged.digest).toBe(single.digest);
  });

  it('every tag (version tags and the extra one) resolves to the merged index in the registry', async () => {
    const expected = [`merged-${prefix}-${version}`, `merged-${prefix}-v3.4`, `merged-${prefix}-v3`, `merged-${prefix}`, `extra-${prefix}`].map((t) => `${image}:${t}`);
    expect(merged.tags).toEqual(expected);
    for (const tag of merged.tags) {
      const { repository, reference } = splitRef(tag);
      const index = await fetchManifest(repository, reference);
      expect(index.digest, tag).toBe(merged.digest);
      expect(imageEntries(index).map(platformOf).sort(), tag).toEqual([...PLATFORMS]);
    }
  });

  it('no tag exists before verification; every tag is created after it', () => {
    expect(untaggedBeforeVerify).toEqual(merged.tags.map(() => 404));
    expect(published.map((s) => [s.ref, s.published])).toEqual(merged.tags.map((t) => [t, true]));
  });

  it('verifies offline on every platform, like a single build', async () => {
    const report = verified;
    expect(report.platforms.map((p) => [p.platform, p.ok]).sort()).toEqual(PLATFORMS.map((p) => [p, true]));
    for (const p of report.platforms) {
      expect(p.files.map((f) => [f.cacheFile, f.status])).toEqual(expectations.files.map((f) => [f.cacheFile, 'ok']));
      expect(p.env.ok).toBe(true);
    }
    expect(report.ok).toBe(true);
  });
});

describe('merge faults', () => {
  it('a digest the registry does not hold fails with imagetools’ own message', async () => {
    const missing = `sha256:${'0'.repeat(64)}`;
    const options = parseMergeInputs(rawInputsFrom({ images: image, version: `missing-${run}`, 'merge-digests': missing }));
    const error = await mergeImages(options!, { run: dockerRunner({ log: memoryLogger() }), log: memoryLogger() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).message).toContain('imagetools create failed');
    expect((error as BuildError).message).toMatch(/not found|unknown|manifest/i);
  });
});
