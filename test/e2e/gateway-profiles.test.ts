// Each gateway profile on a stand-in base: the python3-tiktoken base with the config and folders
// the gateway's own image has (its variables, entrypoint or cmd, labels, WORKDIR, its cache
// folder), made cheaply by appending a hand-written layer and rewriting the config (no RUN, no
// emulation). The bundled CLI makes it offline with `gateway: auto` on the registry engine
// (no Docker on PATH); auto must pick the gateway, the verdict must name it, and the reader
// must work with --network none following the gateway's own rule, with the gateway's volume
// mounted over its folder (tmpfs) as its users run it. LiteLLM: a small Python stand-in for
// litellm_core_utils/default_encoding.py (TIKTOKEN_CACHE_DIR from CUSTOM_TIKTOKEN_CACHE_DIR,
// else the package's bundled folder), run with and without CUSTOM_TIKTOKEN_CACHE_DIR; without
// it the reader goes to the network and verify fails naming the variable. The Dify plugin
// daemon: the reader runs in a child process that inherits the daemon's environment. The buildx
// overlay's variables are checked once, for LiteLLM on Engine's builder.
// One API and new-api read with tiktoken-go: they are built for amd64 and arm64, and the real Go
// reader (test/support/offline-readers.ts) reads both platforms. The real Go reader also reads
// every other standard profile's image on its platforms (every encoding but gpt2, which
// tiktoken-go lacks). python3-tiktoken reads amd64, and arm64 for LiteLLM only: under arm64
// emulation it takes ~30 s for cl100k_base and ~100 s with o200k_base too.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { getEncoding, type TiktokenEncoding } from 'js-tiktoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layOutBytes } from '../../src/encoders/lay-out-bytes.js';
import type { GatewayName } from '../../src/gateways/profiles.js';
import type { PinnedFileId } from '../../src/pins.js';
import { appendLayers } from '../support/append-layers.js';
import { expectReadersOffline } from '../support/offline-readers.js';
import { fetchBlob, fetchManifest, imageEntries, REGISTRY, requireEngine, runDocker, testImage, uniqueTag } from '../support/docker.js';
import { encoderBytes } from '../support/encoder-bytes.js';
import { tar, type TarItem } from '../unit/image/build-tar.js';
import { tempDir } from './build-support.js';
import { BASE_REPO, noDockerEnv, requireTiktokenBase, runCli, type CliRun } from './registry-engine-support.js';

const tag = uniqueTag();
const TEXT = 'hello world, offline: naïve café ✓ 12345';
const BOTH = ['linux/amd64', 'linux/arm64'] as const;
const BUNDLED = '/usr/lib/python3/dist-packages/litellm/litellm_core_utils/tokenizers';
let work: string;
let source: string;

/** Reads the encodings as the gateway does: `standard` (the reader's own rule), `litellm` (its rule first), `plugin` (a child with the parent's environment). */
const READER = `
import json, os, subprocess, sys
mode, text, names = sys.argv[1], sys.argv[2], sys.argv[3:]
if mode == "plugin":
    sys.exit(subprocess.run([sys.executable, "-c", os.environ["READER"], "standard", text, *names]).returncode)
if mode == "litellm":
    custom = os.getenv("CUSTOM_TIKTOKEN_CACHE_DIR")
    if custom:
        os.makedirs(custom, exist_ok=True)
        folder = custom
    else:
        folder = ${JSON.stringify(BUNDLED)}
    os.environ["TIKTOKEN_CACHE_DIR"] = folder
import tiktoken
for name in names:
    enc = tiktoken.get_encoding(name)
    tokens = enc.encode(text)
    print(json.dumps({"name": name, "tokens": tokens, "roundtrip": enc.decode(tokens) == text, "dir": os.environ.get("TIKTOKEN_CACHE_DIR")}))
`;

interface StandIn {
  readonly name: Exclude<GatewayName, 'generic'>;
  readonly platforms: readonly string[];
  readonly env: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly cmd?: readonly string[];
  readonly labels?: Readonly<Record<string, string>>;
  readonly workingDir?: string;
  /** Folders the gateway's image has (its cache folder, its package folder…). */
  readonly dirs: readonly string[];
  readonly mode: 'standard' | 'litellm' | 'plugin';
  /** What the verdict lists, and what the reader encodes. */
  readonly encodings: readonly TiktokenEncoding[];
  readonly volume?: string;
}

const STAND_INS: readonly StandIn[] = [
  { name: 'one-api', platforms: BOTH, env: [], entrypoint: ['/one-api'], workingDir: '/data', labels: { 'org.opencontainers.image.source': 'https://github.com/songquanpeng/one-api' }, dirs: ['data'], mode: 'standard', encodings: ['cl100k_base', 'o200k_base'], volume: '/data' },
  { name: 'new-api', platforms: BOTH, env: [], entrypoint: ['/new-api'], workingDir: '/data', dirs: ['data'], mode: 'standard', encodings: ['cl100k_base', 'o200k_base'], volume: '/data' },
  { name: 'litellm', platforms: BOTH, env: ['LITELLM_NON_ROOT=true', 'TIKTOKEN_CACHE_DIR=/app/ignored'], entrypoint: ['/app/docker/prod_entrypoint.sh'], cmd: ['--port', '4000'], workingDir: '/app', dirs: ['app', ...parents(BUNDLED)], mode: 'litellm', encodings: ['cl100k_base'] },
  {
    name: 'open-webui',
    platforms: ['linux/amd64'],
    env: ['WEBUI_SECRET_KEY=', 'TIKTOKEN_ENCODING_NAME=cl100k_base', 'TIKTOKEN_CACHE_DIR=/app/backend/data/cache/tiktoken'],
    cmd: ['bash', 'start.sh'],
    workingDir: '/app/backend',
    dirs: parents('/app/backend/data/cache/tiktoken'),
    mode: 'standard',
    encodings: ['cl100k_base'],
    volume: '/app/backend/data',
  },
  {
    name: 'dify-api',
    platforms: ['linux/amd64'],
    env: ['FLASK_APP=app.py', 'EDITION=SELF_HOSTED', 'DEPLOY_ENV=PRODUCTION', 'TIKTOKEN_CACHE_DIR=/app/api/.tiktoken_cache'],
    entrypoint: ['/bin/bash', '/entrypoint.sh'],
    workingDir: '/app/api',
    dirs: [...parents('/app/api/.tiktoken_cache'), 'app/api/storage'],
    mode: 'standard',
    encodings: ['gpt2'],
    volume: '/app/api/storage',
  },
  {
    name: 'dify-plugin-daemon',
    platforms: ['linux/amd64'],
    env: ['TIKTOKEN_CACHE_DIR=/app/.tiktoken', 'UV_PATH=/usr/local/bin/uv', 'PLATFORM=local', 'GIN_MODE=release'],
    entrypoint: ['/usr/bin/tini', '-g', '--'],
    cmd: ['/bin/bash', '-c', '/app/commandline migrate && exec /app/main'],
    workingDir: '/app',
    dirs: ['app', 'app/.tiktoken', 'app/storage'],
    mode: 'plugin',
    encodings: ['r50k_base', 'p50k_base', 'p50k_edit', 'cl100k_base', 'o200k_base', 'gpt2'],
    volume: '/app/storage',
  },
];

function parents(path: string): string[] {
  const parts = path.replace(/^\//, '').split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

const repoOf = (name: string): string => `oneapi-offline-test/gw-${name}`;

/** The stand-in base in the registry: one manifest per platform, under an index when there are two. */
async function standInBase(s: StandIn): Promise<string> {
  const layer = tar(s.dirs.map((d): TarItem => ({ type: 'dir', name: `${d}/` })));
  const refs: string[] = [];
  for (const platform of s.platforms) {
    refs.push(
      await appendLayers({
        baseRepo: BASE_REPO,
        baseRef: 'trixie',
        platform,
        repo: `${repoOf(s.name)}-base`,
        tag: `${tag}-${platform.replace('/', '-')}`,
        layers: [layer],
        env: (env) => [...env.filter((e) => !e.startsWith('TIKTOKEN_CACHE_DIR=')), ...s.env],
        ...(s.workingDir ? { workingDir: s.workingDir } : {}),
        ...(s.entrypoint ? { entrypoint: s.entrypoint } : {}),
        ...(s.cmd ? { cmd: s.cmd } : {}),
        ...(s.labels ? { labels: s.labels } : {}),
      }),
    );
  }
  if (refs.length === 1) return refs[0] as string;
  const manifests = await Promise.all(
    refs.map(async (ref, i) => {
      const m = await fetchManifest(`${repoOf(s.name)}-base`, ref.split('@')[1] as string);
      const [os, architecture] = (s.platforms[i] as string).split('/');
      return { mediaType: m.mediaType, digest: m.digest, size: Buffer.byteLength(m.raw), platform: { os, architecture } };
    }),
  );
  const type = manifests[0]?.mediaType.includes('docker') ? 'application/vnd.docker.distribution.manifest.list.v2+json' : 'application/vnd.oci.image.index.v1+json';
  const body = JSON.stringify({ schemaVersion: 2, mediaType: type, manifests });
  const put = await fetch(`http://${REGISTRY}/v2/${repoOf(s.name)}-base/manifests/${tag}`, { method: 'PUT', body, headers: { 'content-type': type }, signal: AbortSignal.timeout(30_000) });
  if (!put.ok) throw new Error(`put the stand-in index: HTTP ${put.status}`);
  return `${REGISTRY}/${repoOf(s.name)}-base:${tag}`;
}

interface ReaderRun {
  readonly code: number;
  readonly stderr: string;
  readonly lines: ReadonlyArray<{ name: string; tokens: number[]; roundtrip: boolean; dir: string | null }>;
}

/** The gateway's reader in `ref`, with no network and the gateway's volume mounted over its folder. */
async function readOffline(ref: string, platform: string, s: StandIn, options: { unset?: string } = {}): Promise<ReaderRun> {
  const volume = s.volume ? ['--mount', `type=tmpfs,destination=${s.volume}`] : [];
  const program = options.unset ? ['--entrypoint', 'env', ref, '-u', options.unset, 'python3'] : ['--entrypoint', 'python3', ref];
  const run = await runDocker(['run', '--rm', '--network', 'none', '--platform', platform, ...volume, '-e', `READER=${READER}`, ...program, '-c', READER, s.mode, TEXT, ...s.encodings], { allowFailure: true });
  const lines = run.code === 0 ? run.stdout.trim().split('\n').map((l) => JSON.parse(l) as ReaderRun['lines'][number]) : [];
  return { code: run.code, stderr: run.stderr, lines };
}

function expectSameTokens(run: ReaderRun, s: StandIn, where: string): void {
  expect(run.code, `${where}: ${run.stderr.slice(-2000)}`).toBe(0);
  expect(run.lines.map((l) => l.name)).toEqual([...s.encodings]);
  for (const line of run.lines) {
    expect(line.tokens, `${where} ${line.name}`).toEqual(getEncoding(line.name as TiktokenEncoding).encode(TEXT));
    expect(line.roundtrip).toBe(true);
    expect(line.dir).toBe('/tiktoken_cache');
  }
}

async function overlay(s: StandIn, base: string): Promise<{ run: CliRun; image: string }> {
  const root = join(work, s.name);
  const { env } = await noDockerEnv(root);
  const image = testImage(`gw-${s.name}`);
  const run = await runCli(
    ['build', '--engine', 'registry', '--gateway', 'auto', '--base-image', base, '--platforms', s.platforms.join(','), '--images', image, '--tag-prefix', `${tag}-`, '--push', '--source', source, '--no-encoder-cache', '--cache-dir', join(root, 'cache'), '--image-version', 'v1.0.0', '--source-date-epoch', '1700000000'],
    env,
  );
  expect(run.code, run.stderr).toBe(0);
  return { run, image: `${image}@${run.json['digest'] as string}` };
}

beforeAll(async () => {
  await requireEngine();
  await requireTiktokenBase();
  work = await tempDir('gateway-profiles');
  source = join(work, 'source');
  await mkdir(source, { recursive: true });
  await layOutBytes(source, ['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base', 'gpt2'], (file) => encoderBytes(file.id as PinnedFileId));
}, 120_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('gateway profiles on stand-in bases (registry engine, gateway: auto)', () => {
  it.each(STAND_INS.map((s) => [s.name, s] as const))('%s: auto picks it, the verdict names it, and its reader works offline', async (name, s) => {
    const base = await standInBase(s);
    const { run, image } = await overlay(s, base);
    expect(run.json['gateway']).toMatchObject({ name, by: 'auto' });
    expect(run.stderr).toContain(`gateway: auto → ${name} (`);
    expect(run.json['verified']).toBe(true);
    const platforms = run.json['platforms'] as Record<string, { ok: boolean; verdict: string }>;
    expect(Object.keys(platforms).sort()).toEqual([...s.platforms].sort());
    for (const platform of s.platforms) {
      const reader = name === 'one-api' || name === 'new-api' ? 'tiktoken-go' : 'tiktoken';
      expect(platforms[platform]?.verdict).toMatch(new RegExp(`^${name} starts offline on ${platform}: ${s.encodings.join(', ')} where ${reader} looks \\(/tiktoken_cache\\)`));
      // python3-tiktoken under arm64 emulation costs ~100 s with o200k_base: the Python gateways' arm64 run is LiteLLM's.
      if (platform === 'linux/amd64' || name === 'litellm') expectSameTokens(await readOffline(image, platform, s), s, `${name} ${platform}`);
      // The real Go reader (One API's and new-api's tokenizer) on every platform; it has no gpt2.
      const goEncodings = s.encodings.filter((e) => e !== 'gpt2');
      if (goEncodings.length > 0 && s.mode === 'standard') await expectReadersOffline(image, platform, goEncodings, { readers: ['tiktoken-go'], mounts: s.volume ? [`type=tmpfs,destination=${s.volume}`] : [] });
    }
  }, 600_000);
});

describe('LiteLLM without CUSTOM_TIKTOKEN_CACHE_DIR', () => {
  it('its reader goes to the network, and verify of such an image fails naming the variable', async () => {
    const s = STAND_INS.find((x) => x.name === 'litellm') as StandIn;
    const { image } = await overlay({ ...s, platforms: ['linux/amd64'] }, await standInBase({ ...s, platforms: ['linux/amd64'] }));
    // The overlay set it (both engines write the same three variables; the config says so).
    const [, digest] = image.split('@') as [string, string];
    const index = await fetchManifest(repoOf('litellm'), digest);
    const manifest = index.json.manifests ? await fetchManifest(repoOf('litellm'), imageEntries(index)[0]?.digest ?? '') : index;
    const config = JSON.parse((await fetchBlob(repoOf('litellm'), manifest.json.config?.digest as string)).toString('utf8')) as { config: { Env: string[] } };
    expect(config.config.Env).toEqual(expect.arrayContaining(['TIKTOKEN_CACHE_DIR=/tiktoken_cache', 'DATA_GYM_CACHE_DIR=/tiktoken_cache', 'CUSTOM_TIKTOKEN_CACHE_DIR=/tiktoken_cache']));

    // The same container without the variable: LiteLLM's rule picks its bundled folder, empty here.
    const without = await readOffline(image, 'linux/amd64', s, { unset: 'CUSTOM_TIKTOKEN_CACHE_DIR' });
    expect(without.code).not.toBe(0);
    expect(without.stderr).toMatch(/openaipublic\.blob\.core\.windows\.net/);

    // An image that lacks it: verify says so, while generic (which ignores LiteLLM's rule) passes.
    const stripped = await appendLayers({ baseRepo: repoOf('litellm'), baseRef: digest, platform: 'linux/amd64', repo: `${repoOf('litellm')}-stripped`, tag, layers: [], env: (env) => env.filter((e) => !e.startsWith('CUSTOM_TIKTOKEN_CACHE_DIR=')) });
    const { env } = await noDockerEnv(join(work, 'verify-litellm'));
    const verified = await runCli(['verify', '--images', stripped, '--gateway', 'litellm', '--encoders', 'cl100k_base'], env);
    expect(verified.code, verified.stderr).toBe(6);
    const verdict = (verified.json['platforms'] as Record<string, { verdict: string }>)['linux/amd64']?.verdict;
    expect(verdict).toMatch(/^litellm would not start offline on linux\/amd64: tiktoken: CUSTOM_TIKTOKEN_CACHE_DIR is not set/);
    const generic = await runCli(['verify', '--images', stripped, '--gateway', 'generic', '--encoders', 'cl100k_base'], env);
    expect(generic.code, generic.stderr).toBe(0);
    const strippedRun = await readOffline(stripped, 'linux/amd64', s);
    expect(strippedRun.code).not.toBe(0);
  }, 600_000);

  it("buildx's overlay Dockerfile sets CUSTOM_TIKTOKEN_CACHE_DIR too (Engine's builder), and the reader works offline", async () => {
    const s = STAND_INS.find((x) => x.name === 'litellm') as StandIn;
    const base = await standInBase({ ...s, platforms: ['linux/amd64'] });
    const root = join(work, 'buildx-litellm');
    await mkdir(join(root, 'tmp'), { recursive: true });
    const env = { PATH: process.env['PATH'] ?? '', HOME: root, XDG_CACHE_HOME: join(root, 'xdg'), TMPDIR: join(root, 'tmp'), DOCKER_CONFIG: process.env['DOCKER_CONFIG'] ?? join(process.env['HOME'] ?? '/root', '.docker') };
    const image = testImage('gw-litellm-buildx');
    const run = await runCli(['build', '--builder', 'default', '--gateway', 'litellm', '--base-image', base, '--platforms', 'linux/amd64', '--images', image, '--tag-prefix', `${tag}-`, '--push', '--source', source, '--no-encoder-cache', '--cache-dir', join(root, 'cache'), '--image-version', 'v1.0.0', '--source-date-epoch', '1700000000'], env);
    expect(run.code, run.stderr).toBe(0);
    expect((run.json['platforms'] as Record<string, { verdict: string }>)['linux/amd64']?.verdict).toMatch(/^litellm starts offline on linux\/amd64: cl100k_base where tiktoken looks \(\/tiktoken_cache\)/);
    expectSameTokens(await readOffline(`${image}@${run.json['digest'] as string}`, 'linux/amd64', s), s, 'litellm buildx');
  }, 600_000);
});
