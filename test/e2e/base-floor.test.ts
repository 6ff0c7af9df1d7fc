// Never worse than the base (issue 17, section 2), end to end with the bundled CLI. A Dify-style
// base (the real python3-tiktoken base, TIKTOKEN_CACHE_DIR=/app/api/.tiktoken_cache holding the
// two gpt2 files, so gpt2 works offline in it) overlaid with the default encoder set: on the
// registry engine, on buildx, and in merge mode, the published image still serves gpt2 with
// --network none on amd64 and arm64 (the files are carried into cache-path from the base). A
// base holding a pinned name with other bytes stops both engines before the build; files that
// match no pin are named in a warning.
import { join } from 'node:path';
import { mkdir, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILDERS, requireBuilder } from '../support/builders.js';
import { requireEngine, tagList, testImage, uniqueTag } from '../support/docker.js';
import { tempDir } from './build-support.js';
import { DIFY_CACHE, GPT2, cacheName, difyBase, expectOffline, gpt2Files } from './base-floor-support.js';
import { expectReadersOffline } from '../support/offline-readers.js';
import { ENCODINGS, PLATFORMS, encoderSource, noDockerEnv, requireTiktokenBase, runCli } from './registry-engine-support.js';

const tag = uniqueTag();
const BUILDER = BUILDERS.find((b) => b.driver === 'docker-container') ?? BUILDERS[0]!;
let work: string;
let source: string;
let dify: string;

beforeAll(async () => {
  await requireEngine();
  await requireTiktokenBase();
  work = await tempDir('base-floor');
  source = await encoderSource(join(work, 'source'));
  dify = await difyBase('oneapi-offline-test/bf-dify', tag, await gpt2Files(), PLATFORMS);
  // The stand-in is what the issue describes: gpt2 works offline in the base itself.
  expect((await expectOffline(dify, 'linux/amd64', 'encode', ['gpt2'])).dir).toBe(DIFY_CACHE);
}, 600_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** The Docker CLI, buildx and the loopback registry, with this run's own home and caches. */
async function dockerEnv(name: string): Promise<Record<string, string>> {
  const root = join(work, name);
  await mkdir(join(root, 'tmp'), { recursive: true });
  return { PATH: process.env['PATH'] ?? '', HOME: root, XDG_CACHE_HOME: join(root, 'xdg'), TMPDIR: join(root, 'tmp'), DOCKER_CONFIG: process.env['DOCKER_CONFIG'] ?? join(process.env['HOME'] ?? '/root', '.docker') };
}

/** `build` of `base` into `image`, tagged `<unique>-<name>-v1.0.0` (or pushed by digest alone). */
function buildArgs(base: string, image: string, name: string, extra: readonly string[]): string[] {
  const cacheDir = join(work, name, 'cache');
  return ['build', '--base-image', base, '--images', image, '--source', source, '--no-encoder-cache', '--cache-dir', cacheDir, '--source-date-epoch', '1700000000', '--image-version', 'v1.0.0', '--tag-prefix', `${tag}-${name}-`, ...extra];
}

/**
 * The image serves gpt2 from cache-path with no network: on amd64 tiktoken.get_encoding("gpt2")
 * (and cl100k_base) give js-tiktoken's tokens; on arm64 (emulated, where parsing gpt2's merges
 * alone takes over a minute) tiktoken reads gpt2's two files from its cache with their pins,
 * the very calls gpt2's loader makes. The real Go reader (which has no gpt2) encodes the default
 * encodings on both platforms from the same folder.
 */
async function servesGpt2(ref: string): Promise<void> {
  for (const platform of PLATFORMS) {
    const [{ dir, files }] = await Promise.all([expectOffline(ref, platform, platform === 'linux/amd64' ? 'encode' : 'cached'), expectReadersOffline(ref, platform, ENCODINGS, { readers: ['tiktoken-go'] })]);
    expect(dir, platform).toBe('/tiktoken_cache');
    for (const id of GPT2) expect(files, platform).toContain(cacheName(id));
  }
}

describe('a Dify-style base overlaid with the default encoders', () => {
  it('registry engine: gpt2 is carried from the base, verified, and works offline on amd64 and arm64', async () => {
    const image = testImage('bf-engine');
    const { env } = await noDockerEnv(join(work, 'engine'));
    const run = await runCli(buildArgs(dify, image, 'engine', ['--engine', 'registry', '--push']), env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json['verified']).toBe(true);
    expect(run.stderr).toContain(`the base serves ${DIFY_CACHE} (TIKTOKEN_CACHE_DIR=${DIFY_CACHE}; read by tiktoken and tiktoken-go on linux/amd64, linux/arm64)`);
    expect(run.stderr).toMatch(/carried from the base into \/tiktoken_cache \(verified bytes, no download\): .*gpt2-vocab-bpe.*gpt2-encoder-json/);
    expect(run.stderr).toMatch(/linux\/amd64 sha256:\S+: ok \(6\/6 files/);
    await servesGpt2(`${image}@${run.json['digest'] as string}`);
  }, 900_000);

  it(`buildx (${BUILDER.name}): the same`, async () => {
    await requireBuilder(BUILDER);
    const image = testImage('bf-buildx');
    const run = await runCli(buildArgs(dify, image, 'buildx', ['--builder', BUILDER.name, '--push', '--provenance', 'false']), await dockerEnv('buildx'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.json['verified']).toBe(true);
    expect(run.stderr).toMatch(/carried from the base into \/tiktoken_cache/);
    await servesGpt2(`${image}@${run.json['digest'] as string}`);
  }, 900_000);

  it('merge mode: amd64 by the registry engine, arm64 by buildx, pushed by digest, merged and verified; gpt2 offline on both', async () => {
    await requireBuilder(BUILDER);
    const image = testImage('bf-merge');
    const engine = await runCli(buildArgs(dify, image, 'merge-amd64', ['--engine', 'registry', '--platforms', 'linux/amd64', '--push-by-digest']), (await noDockerEnv(join(work, 'merge-amd64'))).env);
    expect(engine.code, engine.stderr).toBe(0);
    const buildx = await runCli(buildArgs(dify, image, 'merge-arm64', ['--builder', BUILDER.name, '--platforms', 'linux/arm64', '--push-by-digest', '--provenance', 'false']), await dockerEnv('merge-arm64'));
    expect(buildx.code, buildx.stderr).toBe(0);
    for (const job of [engine, buildx]) expect(job.stderr).toMatch(/carried from the base into \/tiktoken_cache/);
    const merged = await runCli(['merge', '--images', image, '--merge-digests', engine.json['digest'] as string, '--merge-digests', buildx.json['digest'] as string, '--image-version', 'v1.0.0', '--tag-prefix', `${tag}-merged-`], await dockerEnv('merge'));
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.json['verified']).toBe(true);
    // The merge job never sees the base: it expects what each folder's manifest.json lists, against the pins.
    expect(merged.stderr).toMatch(/linux\/amd64 sha256:\S+: ok \(6\/6 files/);
    expect(merged.stderr).toMatch(/linux\/arm64 sha256:\S+: ok \(6\/6 files/);
    await servesGpt2(`${image}:${tag}-merged-v1.0.0`);
  }, 900_000);
});

describe('bases that cannot be carried from as they are', () => {
  it('a pinned name with other bytes: both engines stop before the build, naming the file and the folder; nothing is pushed', async () => {
    const [first, encoder] = await gpt2Files();
    if (!first || !encoder) throw new Error('gpt2Files gives two files');
    const [vocab, bytes] = first;
    const tampered = Buffer.from(bytes);
    tampered[0] = tampered[0] === 0x23 ? 0x24 : 0x23;
    const base = await difyBase('oneapi-offline-test/bf-dify-wrong', tag, [[vocab, tampered], encoder], ['linux/amd64']);
    const runs = [
      { repo: 'bf-wrong-engine', args: ['--engine', 'registry'], env: (await noDockerEnv(join(work, 'wrong-engine'))).env },
      { repo: 'bf-wrong-buildx', args: ['--builder', BUILDER.name], env: await dockerEnv('wrong-buildx') },
    ];
    for (const { repo, args, env } of runs) {
      const run = await runCli(buildArgs(base, testImage(repo), repo, [...args, '--platforms', 'linux/amd64', '--push']), env);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(`base-image ${base} holds a pinned file name with other bytes than its pin, in ${DIFY_CACHE} (TIKTOKEN_CACHE_DIR=${DIFY_CACHE}`);
      expect(run.stderr).toContain(`${DIFY_CACHE}/${vocab} (gpt2-vocab-bpe): sha256 `);
      expect(run.stderr).toContain('the base is not trusted, and its copy is not carried');
      // (buildx's prepare starts beside the plan, reading only local sources until the plan passes)
      expect(run.stderr).not.toMatch(/Registry engine: append|docker buildx build|Verify /);
      expect(await tagList(`oneapi-offline-test/${repo}`)).toEqual([]);
    }
  }, 600_000);

  it('files that match no pin: named in a warning that points to extra-encoders, left behind; gpt2 still carried', async () => {
    const base = await difyBase('oneapi-offline-test/bf-dify-unpinned', tag, [...(await gpt2Files()), ['tokenizer_config.json', Buffer.from('{"model":"gpt2"}\n')]], ['linux/amd64']);
    const image = testImage('bf-unpinned');
    const { env } = await noDockerEnv(join(work, 'unpinned'));
    const run = await runCli(buildArgs(base, image, 'unpinned', ['--engine', 'registry', '--platforms', 'linux/amd64', '--push']), env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`warning: base-image \\S+: ${DIFY_CACHE.replace(/\./g, '\\.')} .* holds files that match no pin: tokenizer_config\\.json\\. .*extra-encoders`));
    const { files } = await expectOffline(`${image}@${run.json['digest'] as string}`, 'linux/amd64', 'cached');
    expect(files).not.toContain('tokenizer_config.json');
    expect(files).toEqual(expect.arrayContaining([...GPT2.map(cacheName), 'manifest.json']));
    expect(files).toHaveLength(ENCODINGS.length + GPT2.length + 1);
  }, 600_000);
});
