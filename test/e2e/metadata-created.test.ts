// docker/metadata-action's labels and annotations carry the job's clock time in
// org.opencontainers.image.created. Fed in as they are by two runs at two different times, the
// build pins created to SOURCE_DATE_EPOCH (src/build/created.ts): the pushed index and every
// platform manifest have equal digests, and the registry serves created = the epoch's time.
// keep-created: true keeps the clock time, so that pair of digests differs (the check can fail).
// One builder (docker-container): the rule is in the inputs, not in a builder.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../../src/build/build.js';
import { parseBuildInputs } from '../../src/build/options.js';
import { rawInputsFrom, type InputName } from '../../src/inputs/names.js';
import { memoryLogger } from '../../src/log/logger.js';
import { BUILDERS, requireBuilder } from '../support/builders.js';
import { fetchBlob, fetchManifest, imageEntries, platformOf, requireEngine, testImage, uniqueTag } from '../support/docker.js';
import { busyboxContext, buildAndTag, encoderCache, tempDir } from './build-support.js';

const builder = BUILDERS.find((b) => b.driver === 'docker-container') ?? BUILDERS[0]!;
const run = uniqueTag();
const repository = `oneapi-offline-test/meta-created-${run}`;
const EPOCH = 1_700_000_000;
const AT_EPOCH = '2023-11-14T22:13:20Z';
const CREATED = 'org.opencontainers.image.created';

/** metadata-action v6's outputs for a v1.2.3 tag push at clock time `now` (annotation levels manifest,index). */
function metadataOutputs(now: string): { labels: string; annotations: string } {
  const labels = [
    `${CREATED}=${now}`,
    'org.opencontainers.image.title=one-api',
    'org.opencontainers.image.version=1.2.3',
    `org.opencontainers.image.revision=${'a'.repeat(40)}`,
  ];
  return { labels: labels.join('\n'), annotations: [...labels.map((l) => `manifest:${l}`), ...labels.map((l) => `index:${l}`)].join('\n') };
}

async function buildAt(now: string, extra: Partial<Record<InputName, string>> = {}): Promise<BuildResult> {
  const work = await tempDir('meta-created');
  const cacheDir = await encoderCache(join(work, 'cache'), ['r50k_base']);
  const context = await busyboxContext(join(work, 'ctx'), 'busybox');
  const options = parseBuildInputs(
    rawInputsFrom({ context, images: testImage(`meta-created-${run}`), version: 'v1.2.3', tags: uniqueTag(), push: 'true', provenance: 'false', 'source-date-epoch': String(EPOCH), builder: builder.name, ...metadataOutputs(now), ...extra }),
    { proxy: {}, cacheDir, engineLoadsMultiPlatform: true },
  );
  return buildAndTag(options, { cacheDir }, { log: memoryLogger(), tempDir: work });
}

beforeAll(() => requireEngine());

describe(`metadata-action's created time on ${builder.name} (${builder.driver})`, () => {
  let first: BuildResult;
  let second: BuildResult;

  beforeAll(async () => {
    await requireBuilder(builder);
    first = await buildAt('2026-12-08T03:41:07.123Z');
    second = await buildAt('2027-02-01T11:00:59.999Z');
  }, 600_000);

  it('two clock times → equal index and platform digests', () => {
    expect(first.digest).toMatch(/^sha256:/);
    expect(Object.keys(first.platformDigests ?? {}).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    expect(second.platformDigests).toEqual(first.platformDigests);
    expect(second.digest).toBe(first.digest);
  });

  it('the registry serves created = SOURCE_DATE_EPOCH on the index, the manifests and the config labels', async () => {
    const index = await fetchManifest(repository, first.digest ?? '');
    expect(index.json['annotations']).toMatchObject({ [CREATED]: AT_EPOCH, 'org.opencontainers.image.title': 'one-api' });
    const entries = imageEntries(index);
    expect(entries.map(platformOf).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    for (const entry of entries) {
      const manifest = await fetchManifest(repository, entry.digest);
      expect(manifest.json['annotations'], platformOf(entry)).toMatchObject({ [CREATED]: AT_EPOCH });
      const config = JSON.parse((await fetchBlob(repository, manifest.json.config?.digest ?? '')).toString('utf8')) as { config: { Labels: Record<string, string> } };
      expect(config.config.Labels[CREATED], platformOf(entry)).toBe(AT_EPOCH);
    }
  });

  it('keep-created: true keeps the clock time, and the digest moves with it', async () => {
    const kept = await buildAt('2027-02-01T11:00:59.999Z', { 'keep-created': 'true' });
    expect(kept.digest).toMatch(/^sha256:/);
    expect(kept.digest).not.toBe(first.digest);
    const index = await fetchManifest(repository, kept.digest ?? '');
    expect(index.json['annotations']).toMatchObject({ [CREATED]: '2027-02-01T11:00:59.999Z' });
  }, 600_000);
});
