// cache-image: the verified folder pushed as a one-layer image with no Docker on PATH, then
// taken by an unmodified upstream image with `COPY --from=` in a plain `docker buildx build`
// (the examples/cache-image/Dockerfile pattern): python3-tiktoken and the Go reader in the result
// encode with every bundled encoding with --network none on amd64 and arm64.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaType } from '../../src/oci/media-types.js';
import { fetchManifest, requireEngine, testImage, uniqueTag } from '../support/docker.js';
import { buildAndPush } from '../support/engine-push.js';
import { requireGoReader } from '../support/go-reader.js';
import { expectReadersOffline } from '../support/offline-readers.js';
import { PODMAN_RUN, requireRuntimes, runCommand } from '../support/runtimes.js';
import { tempDir } from './build-support.js';
import { ENCODINGS, PLATFORMS, TIKTOKEN_BASE, encoderSource, noDockerEnv, requireTiktokenBase, runCli } from './registry-engine-support.js';

const tag = uniqueTag();
const REPO = 'oneapi-offline-test/h8-cache-image';
const CACHE_IMAGE = `${testImage('h8-cache-image')}:${tag}`;
let work: string;

beforeAll(async () => {
  await requireEngine();
  await requireTiktokenBase();
  requireGoReader();
  await requireRuntimes();
  work = await tempDir('cache-image');
}, 120_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('cache-image', () => {
  it('is pushed without Docker as an index with an amd64 and an arm64 entry over the same layer', async () => {
    const source = await encoderSource(join(work, 'source'));
    const { env } = await noDockerEnv(join(work, 'push'));
    const run = await runCli(['prepare', '--source', source, '--no-encoder-cache', '--cache-dir', join(work, 'push/cache'), '--encoders', ENCODINGS.join(','), '--cache-image', CACHE_IMAGE], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json['cache-image']).toMatchObject({ reference: CACHE_IMAGE, tagged: true });
    const index = await fetchManifest(REPO, tag);
    expect(index.mediaType).toBe(MediaType.ociIndex);
    expect(index.json.manifests?.map((m) => `${m.platform?.os}/${m.platform?.architecture}`)).toEqual([...PLATFORMS]);
    const layers = new Set<string>();
    for (const entry of index.json.manifests ?? []) {
      const manifest = await fetchManifest(REPO, entry.digest);
      expect(manifest.json.layers).toHaveLength(1);
      // A runnable image's manifest with a real config, not an artifact with an empty one: what
      // containerd's image volumes mount (containerd #11907).
      expect(manifest.mediaType).toBe(MediaType.ociManifest);
      expect(manifest.json.config?.mediaType).toBe('application/vnd.oci.image.config.v1+json');
      layers.add(manifest.json.layers?.[0]?.digest ?? '');
    }
    expect(layers.size).toBe(1);
  }, 300_000);

  it('COPY --from=<cache-image> in a plain buildx build gives an image that works offline', async () => {
    const dir = join(work, 'consumer');
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'Dockerfile'),
      [`FROM ${TIKTOKEN_BASE}`, `COPY --from=${CACHE_IMAGE} /tiktoken_cache /tiktoken_cache`, 'ENV TIKTOKEN_CACHE_DIR=/tiktoken_cache DATA_GYM_CACHE_DIR=/tiktoken_cache', ''].join('\n'),
    );
    const image = `${testImage('h8-cache-consumer')}:${tag}`;
    await buildAndPush(image, dir, { args: ['--platform', PLATFORMS.join(','), '--provenance', 'false'] });
    for (const platform of PLATFORMS) await expectReadersOffline(image, platform, ENCODINGS);
  }, 600_000);

  it('Podman mounts it read-only with --mount type=image into an unmodified image, and both readers read it offline', async () => {
    const mountAt = '/opt/tiktoken-image';
    const env = { TIKTOKEN_CACHE_DIR: `${mountAt}/tiktoken_cache`, DATA_GYM_CACHE_DIR: `${mountAt}/tiktoken_cache` };
    const mounts = [`type=image,source=${CACHE_IMAGE},destination=${mountAt}`];
    for (const platform of PLATFORMS) {
      // Podman reads the loopback registry over plain HTTP; each pull replaces the tag's platform.
      for (const image of [TIKTOKEN_BASE, CACHE_IMAGE]) {
        const pull = await runCommand(['podman', 'pull', '--quiet', '--tls-verify=false', '--platform', platform, image], 300_000);
        expect(pull.code, `podman pull ${image} (${platform}): ${pull.stderr}`).toBe(0);
      }
      await expectReadersOffline(TIKTOKEN_BASE, platform, ENCODINGS, { podman: true, env, mounts });
      const write = await runCommand(['podman', 'run', '--rm', '--pull', 'never', ...PODMAN_RUN, '--network', 'none', '--platform', platform, '--mount', mounts[0] as string, TIKTOKEN_BASE, 'sh', '-c', `ls ${mountAt}/tiktoken_cache | wc -l; touch ${mountAt}/tiktoken_cache/x`]);
      expect(write.stdout.trim(), write.stderr).toBe(String(ENCODINGS.length + 1)); // the files and manifest.json
      expect(write.code, 'the image mount must be read-only').not.toBe(0);
      expect(write.stderr).toMatch(/Read-only file system/);
    }
  }, 600_000);
});
