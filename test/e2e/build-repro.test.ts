// Reproducible digests, on every builder of the matrix: the same inputs built twice (fresh copies
// of the context and the cache, so every file has a new mtime) give the same manifest digest on
// every platform and, with no provenance recording the run, the same index digest; a changed
// encoder set gives new ones. (Across builders, see build-overlay.test.ts: the Dockerfile
// frontends differ here, e.g. BuildKit v0.23 records `ARG TARGETARCH=arm64` in the history where
// Engine 26's records `ARG TARGETARCH`.)
import { readdir, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../../src/build/build.js';
import { parseBuildInputs } from '../../src/build/options.js';
import { rawInputsFrom, type InputName } from '../../src/inputs/names.js';
import { memoryLogger } from '../../src/log/logger.js';
import type { PinnedFileId } from '../../src/pins.js';
import { BUILDERS, requireBuilder, type TestBuilder } from '../support/builders.js';
import { fetchManifest, requireEngine, testImage, uniqueTag } from '../support/docker.js';
import { busyboxContext, encoderCache, tempDir, buildAndTag } from './build-support.js';

// One repository per test run: no other run writes these tags while this one pushes them.
const run = uniqueTag();
const EPOCH = 1_700_000_000;

async function touchAll(dir: string, when: number): Promise<void> {
  for (const name of await readdir(dir)) await utimes(join(dir, name), when, when);
  await utimes(dir, when, when);
}

// mtime: the cache folder's files get it (older than the epoch: the build's staging copy must
// even it out); the context's files get it + 300 000 000 (newer: rewrite-timestamp clamps them).
async function buildOnce(builder: TestBuilder, ids: PinnedFileId[], extra: Partial<Record<InputName, string>>, mtime: number): Promise<BuildResult> {
  const work = await tempDir('repro');
  const cacheDir = await encoderCache(join(work, 'cache'), ids);
  const context = await busyboxContext(join(work, 'ctx'), 'busybox');
  await touchAll(cacheDir, mtime);
  await touchAll(context, mtime + 300_000_000);
  const options = parseBuildInputs(
    // Same version (it is a label), a unique extra tag per run to find this run's push.
    rawInputsFrom({ context, images: testImage(`repro-${run}-${builder.name}`), version: 'v0.0.1-repro', tags: uniqueTag(), push: 'true', 'source-date-epoch': String(EPOCH), builder: builder.name, ...extra }),
    { proxy: {}, cacheDir, engineLoadsMultiPlatform: true },
  );
  return buildAndTag(options, { cacheDir }, { log: memoryLogger(), tempDir: work });
}

beforeAll(() => requireEngine());

describe.each(BUILDERS)('reproducible builds on $name ($driver)', (builder) => {
  let first: BuildResult;
  let second: BuildResult;
  let changed: BuildResult;

  beforeAll(async () => {
    await requireBuilder(builder);
    const offset = BUILDERS.indexOf(builder) * 1_000_000;
    first = await buildOnce(builder, ['r50k_base'], { provenance: 'false' }, 1_500_000_000 + offset);
    second = await buildOnce(builder, ['r50k_base'], { provenance: 'false' }, 1_600_000_000 + offset);
    changed = await buildOnce(builder, ['r50k_base', 'gpt2-vocab-bpe'], { provenance: 'false' }, 1_600_000_000 + offset);
  });

  it('same inputs → same manifest digest on every platform and the same index digest', async () => {
    expect(Object.keys(first.platformDigests ?? {}).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    expect(second.platformDigests).toEqual(first.platformDigests);
    expect(second.digest).toBe(first.digest);
    // What the registry serves under the second run's tags is that same index.
    // (Its version tag was pushed again by the changed build; its own extra tag was not.)
    const tag = second.tags.map((ref) => ref.split(':').at(-1) ?? '').find((t) => /^t[0-9a-z]+-[0-9a-f]{6}$/.test(t)) ?? '';
    expect((await fetchManifest(`oneapi-offline-test/repro-${run}-${builder.name}`, tag)).digest).toBe(first.digest);
  });

  it('a changed encoder set → different digests on every platform', () => {
    expect(changed.digest).not.toBe(first.digest);
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      expect(changed.platformDigests?.[platform]).toMatch(/^sha256:/);
      expect(changed.platformDigests?.[platform]).not.toBe(first.platformDigests?.[platform]);
    }
  });

  it('with provenance (it records the run), platform manifests still match; only the index differs', async () => {
    const a = await buildOnce(builder, ['r50k_base'], { provenance: 'mode=min' }, 1_500_000_000);
    const b = await buildOnce(builder, ['r50k_base'], { provenance: 'mode=min' }, 1_600_000_000);
    expect(b.platformDigests).toEqual(a.platformDigests);
    expect(a.platformDigests).toEqual(first.platformDigests);
    expect(b.digest).not.toBe(a.digest);
  });
});

