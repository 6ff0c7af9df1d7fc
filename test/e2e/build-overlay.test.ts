// Overlay mode end to end, on every builder of the matrix: one multi-arch base pushed to the
// loopback registry is made offline by the generated Dockerfile (COPY + ENV only): no RUN step,
// so no arm64 emulation, and the base's layers are reused as they are. The same inputs give the
// same platform manifests and the same index on every builder.
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build/build.js';
import { parseBuildInputs } from '../../src/build/options.js';
import { rawInputsFrom } from '../../src/inputs/names.js';
import { memoryLogger } from '../../src/log/logger.js';
import { PINNED_FILES, type PinnedFileId } from '../../src/pins.js';
import { BUILDERS, requireBuilder } from '../support/builders.js';
import { fetchBlob, fetchManifest, imageEntries, platformOf, requireEngine, runDocker, splitRef, testImage, uniqueTag } from '../support/docker.js';
import { buildAndPush } from '../support/engine-push.js';
import { busyboxContext, encoderCache, sha1Name, tempDir } from './build-support.js';

const IDS: PinnedFileId[] = ['p50k_base'];
const baseTag = uniqueTag();
const base = `${testImage('overlay-base')}:${baseTag}`;
let work: string;
let cacheDir: string;
/** Each builder's result, for the cross-builder comparison at the end. */
const results = new Map<string, BuildResult>();

// One base and one cache folder for all builders.
beforeAll(async () => {
  await requireEngine();
  work = await tempDir('overlay');
  const baseContext = await busyboxContext(`${work}/base`, 'busybox-base');
  await buildAndPush(base, baseContext, { args: ['--platform', 'linux/amd64,linux/arm64', '--provenance', 'false'] });
  cacheDir = await encoderCache(`${work}/cache`, IDS);
});

describe.each(BUILDERS)('overlay mode on a multi-arch base, on $name ($driver)', (builder) => {
  const image = testImage('overlay');
  const log = memoryLogger();
  let result: BuildResult;

  beforeAll(async () => {
    await requireBuilder(builder);
    const options = parseBuildInputs(
      // The same version (a label) on every builder, each builder's own tags.
      rawInputsFrom({ 'base-image': base, 'cache-path': '/opt/tiktoken', images: image, version: baseTag, 'tag-prefix': `offline-${builder.name}-`, push: 'true', provenance: 'false', platforms: 'linux/amd64,linux/arm64', builder: builder.name }),
      { proxy: {}, cacheDir, engineLoadsMultiPlatform: true, commitTime: 1_700_000_000 },
    );
    result = await build(options, { cacheDir }, { log, tempDir: `${work}/${builder.name}` });
    results.set(builder.name, result);
  });

  it('runs no step at all: no RUN in the generated Dockerfile nor in the build log', () => {
    expect(result.engine.driver).toBe(builder.driver);
    const buildLines = log.lines.filter((line) => /^#\d+ \[/.test(line));
    expect(buildLines.some((line) => line.includes('COPY . /'))).toBe(true);
    expect(buildLines.filter((line) => /\bRUN\b/.test(line))).toEqual([]);
  });

  it('keeps every base layer and adds one, per platform', async () => {
    const baseIndex = await fetchManifest(splitRef(base).repository, baseTag);
    const outIndex = await fetchManifest('oneapi-offline-test/overlay', result.digest ?? '');
    expect(imageEntries(outIndex).map(platformOf).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    for (const entry of imageEntries(baseIndex)) {
      const platform = platformOf(entry);
      const baseManifest = await fetchManifest(splitRef(base).repository, entry.digest);
      const outManifest = await fetchManifest('oneapi-offline-test/overlay', result.platformDigests?.[platform] ?? 'missing');
      const baseLayers = (baseManifest.json.layers ?? []).map((l) => l.digest);
      const outLayers = (outManifest.json.layers ?? []).map((l) => l.digest);
      expect(outLayers.slice(0, baseLayers.length)).toEqual(baseLayers);
      expect(outLayers).toHaveLength(baseLayers.length + 1);
    }
  });

  it.each(['linux/amd64', 'linux/arm64'])('%s: offline, files under cache-path with their pins, env set', async (platform) => {
    const ref = `${image}@${result.digest}`;
    const run = await runDocker(['run', '--rm', '--network', 'none', '--platform', platform, ref, 'sh', '-c', 'cd /opt/tiktoken && sha256sum * && echo "T=$TIKTOKEN_CACHE_DIR D=$DATA_GYM_CACHE_DIR"']);
    for (const id of IDS) expect(run.stdout).toContain(`${PINNED_FILES[id].sha256}  ${sha1Name(id)}`);
    expect(run.stdout).toContain('T=/opt/tiktoken D=/opt/tiktoken');
  });
});

/** The last layer of each platform's image: `platform → digest`. */
async function topLayers(result: BuildResult): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [platform, digest] of Object.entries(result.platformDigests ?? {})) {
    out[platform] = (await fetchManifest('oneapi-offline-test/overlay', digest)).json.layers?.at(-1)?.digest ?? 'none';
  }
  return out;
}

describe.each(BUILDERS)('overlay: the added layer on $name ($driver), with no rewrite-timestamp', (builder) => {
  it('is the same bytes for another SOURCE_DATE_EPOCH and fresh file dates (even where BuildKit reuses its cached COPY), and holds only the cache folder, dated 1970, root-owned, files 0444', async () => {
    await requireBuilder(builder);
    const first = results.get(builder.name);
    expect(first, `${builder.name} built nothing`).toBeDefined();
    // Another epoch and a fresh copy of the cache folder (new mtimes on every file).
    const freshCache = await encoderCache(`${work}/cache-again-${builder.name}`, IDS);
    const options = parseBuildInputs(
      rawInputsFrom({ 'base-image': base, 'cache-path': '/opt/tiktoken', images: testImage('overlay'), version: baseTag, 'tag-prefix': `offline-${builder.name}-again-`, push: 'true', provenance: 'false', platforms: 'linux/amd64,linux/arm64', builder: builder.name }),
      { proxy: {}, cacheDir: freshCache, engineLoadsMultiPlatform: true, commitTime: 1_800_000_000 },
    );
    const again = await build(options, { cacheDir: freshCache }, { log: memoryLogger(), tempDir: `${work}/${builder.name}-again` });
    expect(again.platformDigests?.['linux/amd64']).not.toBe(first?.platformDigests?.['linux/amd64']); // the config's dates moved
    const layers = await topLayers(again);
    expect(layers).toEqual(await topLayers(first as BuildResult));
    // One layer for both platforms: the same files.
    expect(layers['linux/amd64']).toBe(layers['linux/arm64']);

    const blob = `${work}/${builder.name}-layer.tar.gz`;
    await writeFile(blob, await fetchBlob('oneapi-offline-test/overlay', layers['linux/amd64'] ?? ''));
    const listing = execFileSync('tar', ['-tvzf', blob, '--full-time', '--numeric-owner'], { encoding: 'utf8' }).trim().split('\n');
    const rows = listing.map((line) => line.split(/\s+/)).map(([mode, owner, , date, time, name]) => ({ mode, owner, when: `${date} ${time}`, name }));
    // The opaque marker is a file in the layer (the unpacking takes it as a whiteout: registry-engine-opaque.test.ts).
    expect(rows.map((r) => r.name)).toEqual(['opt/', 'opt/tiktoken/', ...[...IDS.map(sha1Name), 'manifest.json', '.wh..wh..opq'].sort().map((n) => `opt/tiktoken/${n}`)]);
    for (const row of rows) {
      expect(row.owner, row.name).toBe('0/0');
      expect(row.when, row.name).toBe('1970-01-01 00:00:00');
      expect(row.mode, row.name).toBe(row.name?.endsWith('/') ? 'drwxr-xr-x' : '-r--r--r--');
    }
  });
});

describe('overlay: the same inputs on every builder', () => {
  it('give the same manifest digest on every platform and the same index digest', () => {
    const [reference, ...others] = BUILDERS.map((b) => ({ name: b.name, result: results.get(b.name) }));
    expect(reference?.result?.platformDigests, `${reference?.name} built nothing`).toBeDefined();
    expect(Object.keys(reference?.result?.platformDigests ?? {}).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    for (const { name, result } of others) {
      expect(result?.platformDigests, name).toEqual(reference?.result?.platformDigests);
      expect(result?.digest, name).toBe(reference?.result?.digest);
    }
  });
});
