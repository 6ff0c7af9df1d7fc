// The encoder layer marks its folder opaque (.wh..wh..opq), so verification decides from that
// layer alone. Here real engines check the model: (1) a base whose own layer puts a stray file
// and a wrong copy of an encoder file in /tiktoken_cache, made offline by the registry engine
// — the container sees exactly the encoder files and both readers (python3-tiktoken, the Go
// reader) work offline on amd64, and the
// verifier read one layer; (2) the same base overlaid by buildx on every builder of the matrix,
// whose COPY carries the marker from the staged context — the same outcome; (3) the cache image
// taken with `COPY --from=` on every builder — the marker is consumed by the unpacking, never
// copied as a file: the folder holds exactly the encoder files.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILDERS, requireBuilder } from '../support/builders.js';
import { requireEngine, runDocker, testImage, uniqueTag } from '../support/docker.js';
import { buildAndPush } from '../support/engine-push.js';
import { requireGoReader } from '../support/go-reader.js';
import { expectReadersOffline } from '../support/offline-readers.js';
import { tempDir } from './build-support.js';
import { ENCODINGS, TIKTOKEN_BASE, encoderSource, noDockerEnv, requireTiktokenBase, runCli } from './registry-engine-support.js';

const tag = uniqueTag();
const PLATFORM = 'linux/amd64';
let work: string;
let source: string;
let expected: string[];

async function listing(image: string): Promise<string[]> {
  const run = await runDocker(['run', '--rm', '--network', 'none', '--platform', PLATFORM, '--entrypoint', 'ls', image, '-A', '/tiktoken_cache']);
  return run.stdout.trim().split('\n').sort();
}

beforeAll(async () => {
  await requireEngine();
  await requireTiktokenBase();
  requireGoReader();
  work = await tempDir('registry-engine-opaque');
  source = await encoderSource(join(work, 'source'));
  // The names the folder must hold: what prepare lays out (encoder files and manifest.json).
  const { env } = await noDockerEnv(join(work, 'names'));
  const run = await runCli(['prepare', '--source', source, '--no-encoder-cache', '--cache-dir', join(work, 'names/cache'), '--encoders', ENCODINGS.join(',')], env);
  expect(run.code, run.stderr).toBe(0);
  expected = (await readdir(join(work, 'names/cache'))).filter((n) => /^[0-9a-f]{40}$/.test(n) || n === 'manifest.json').sort();
  expect(expected).toHaveLength(ENCODINGS.length + 1);
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

let hostile: Promise<string> | undefined;

/** A base whose own layer puts a stray file and a wrong copy of an encoder file in /tiktoken_cache (built once). */
function hostileBase(): Promise<string> {
  hostile ??= (async () => {
    const dir = join(work, 'hostile-base');
    await mkdir(dir, { recursive: true });
    const [first] = expected;
    await writeFile(join(dir, 'stray'), 'TOKEN=from-the-base\n');
    await writeFile(join(dir, 'evil'), 'not a rank table\n');
    await writeFile(join(dir, 'Dockerfile'), [`FROM ${TIKTOKEN_BASE}`, 'COPY stray /tiktoken_cache/stray', `COPY evil /tiktoken_cache/${first}`, ''].join('\n'));
    const base = `${testImage('h8-opaque-base')}:${tag}`;
    await buildAndPush(base, dir, { args: ['--platform', PLATFORM, '--provenance', 'false'] });
    // The base alone: the stray file is there (so the checks below can fail).
    expect(await listing(base)).toContain('stray');
    return base;
  })();
  return hostile;
}

/** Builds the overlay into `image` (`args` name the engine, base and cache-dir), pushes, and checks the image as a container sees it. */
async function overlayHidesTheBase(image: string, args: readonly string[], env: Record<string, string>): Promise<void> {
  const common = ['--images', image, '--platforms', PLATFORM, '--source', source, '--no-encoder-cache', '--encoders', ENCODINGS.join(','), '--image-version', 'v1.0.0', '--source-date-epoch', '1700000000', '--push'];
  const run = await runCli(['build', ...args, ...common], env, '022');
  expect(run.code, run.stderr).toBe(0);
  expect(run.json['verified']).toBe(true);
  expect(run.stderr).toMatch(/linux\/amd64: decided by the top 1 of \d+ layers/);
  const result = `${image}@${run.json['digest'] as string}`;
  expect(await listing(result)).toEqual(expected);
  await expectReadersOffline(result, PLATFORM, ENCODINGS);
}

describe('the opaque cache folder on real engines', () => {
  it('hides what a hostile base put in the folder: the container sees exactly the encoder files, and verification read one layer', async () => {
    const base = await hostileBase();
    const { env } = await noDockerEnv(join(work, 'engine'), { ONEAPI_OFFLINE_DEBUG: '1' });
    await overlayHidesTheBase(testImage('h8-opaque-engine'), ['--engine', 'registry', '--base-image', base, '--cache-dir', join(work, 'engine/cache'), '--tag-prefix', `${tag}-`], env);
  }, 900_000);

  it.each(BUILDERS.map((b) => [b.name, b] as const))('buildx overlay on %s: the same, from the marker the staged context carries', async (_name, builder) => {
    await requireBuilder(builder);
    const base = await hostileBase();
    const root = join(work, `overlay-${builder.name}`);
    await mkdir(join(root, 'tmp'), { recursive: true });
    const env = {
      PATH: process.env['PATH'] ?? '',
      HOME: root,
      XDG_CACHE_HOME: join(root, 'xdg'),
      TMPDIR: join(root, 'tmp'),
      DOCKER_CONFIG: process.env['DOCKER_CONFIG'] ?? join(process.env['HOME'] ?? '/root', '.docker'),
      ONEAPI_OFFLINE_DEBUG: '1',
    };
    await overlayHidesTheBase(testImage('h8-opaque-overlay'), ['--builder', builder.name, '--base-image', base, '--cache-dir', join(root, 'cache'), '--tag-prefix', `${tag}-${builder.name}-`], env);
  }, 900_000);

  it.each(BUILDERS.map((b) => [b.name, b] as const))('COPY --from=<cache image> on %s: the folder holds exactly the encoder files', async (_name, builder) => {
    await requireBuilder(builder);
    const cacheImage = `${testImage('h8-opaque-cache-image')}:${tag}`;
    const { env } = await noDockerEnv(join(work, `cache-image-${builder.name}`));
    const pushed = await runCli(['prepare', '--source', source, '--no-encoder-cache', '--cache-dir', join(work, `cache-image-${builder.name}/cache`), '--encoders', ENCODINGS.join(','), '--cache-image', cacheImage], env);
    expect(pushed.code, pushed.stderr).toBe(0);
    const dir = join(work, `consumer-${builder.name}`);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'Dockerfile'), [`FROM ${TIKTOKEN_BASE}`, `COPY --from=${cacheImage} /tiktoken_cache /tiktoken_cache`, 'ENV TIKTOKEN_CACHE_DIR=/tiktoken_cache', ''].join('\n'));
    const image = `${testImage('h8-opaque-consumer')}:${tag}-${builder.name}`;
    await runDocker(['buildx', 'build', '--builder', builder.name, '--platform', PLATFORM, '--provenance', 'false', '--tag', image, '--output', 'type=image,push=true', dir]);
    expect(await listing(image)).toEqual(expected);
  }, 600_000);
});
