// The bundled action as GitHub runs it: dist/action.mjs on Node 24, driven by INPUT_* variables
// through the real @actions/core, with a real loopback mirror, the GHES-style cache service
// behind the real @actions/cache client, a real tool cache, and tinyproxy.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PINNED_FILES } from '../../src/pins.js';
import { startCacheServer, type CacheServer } from '../support/cache-server.js';
import { startMirrorServer, type MirrorServer } from '../support/mirror-server.js';
import { freshRunner, runAction } from '../support/run-action.js';

const DEFAULT_FILES = ['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base'] as const;
const PROXY_PASSWORD = 's3cr3t-proxy-pass';

let root: string;
let mirror: MirrorServer;
let cache: CacheServer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'oneapi-action-'));
  mirror = await startMirrorServer();
  cache = await startCacheServer();
});
afterAll(async () => {
  await mirror.close();
  await cache.close();
  await rm(root, { recursive: true, force: true });
});

function ghesEnv(): Record<string, string> {
  return { GITHUB_SERVER_URL: 'https://ghes.example.internal', ACTIONS_CACHE_URL: cache.url, ACTIONS_RUNTIME_TOKEN: 'token-for-tests' };
}

async function sha256Of(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

describe('the bundled action on Node 24', () => {
  it('prepares from the mirror, then a fresh runner restores from the Actions cache with the mirror down', async () => {
    const first = await freshRunner(join(root, 'runner'), ghesEnv());
    const run1 = await runAction(first, { mirror: mirror.origin, build: 'false', encoders: 'r50k_base,p50k_base,cl100k_base,o200k_base', cache: 'true' });
    expect(run1.code, run1.stdout).toBe(0);
    expect(run1.outputs['cache-hit']).toBe('download');
    expect(run1.outputs['drift']).toBe('false');
    const cacheDir = run1.outputs['cache-dir'] as string;
    expect(cacheDir).toBe(join(first.env['RUNNER_TEMP'] as string, 'tiktoken_cache'));
    const manifest = JSON.parse(run1.outputs['manifest'] as string) as { files: Array<{ id: string; sha256: string; cacheFile: string }> };
    expect(manifest.files.map((f) => f.id).sort()).toEqual([...DEFAULT_FILES].sort());
    for (const file of manifest.files) {
      expect(await sha256Of(join(cacheDir, file.cacheFile))).toBe(PINNED_FILES[file.id as keyof typeof PINNED_FILES].sha256);
    }
    expect(await readdir(first.env['RUNNER_TOOL_CACHE'] as string)).not.toEqual([]);
    expect(run1.summary).toContain('cl100k_base');
    expect(cache.entries.size).toBe(1);

    const served = mirror.requests.length;
    await mirror.close();
    const second = await freshRunner(join(root, 'runner'), ghesEnv());
    const run2 = await runAction(second, { mirror: mirror.origin, build: 'false' });
    expect(run2.code, run2.stdout).toBe(0);
    expect(run2.outputs['cache-hit']).toBe('actions-cache');
    expect(mirror.requests.length).toBe(served);
    const files = await readdir(run2.outputs['cache-dir'] as string);
    expect(files.sort()).toEqual([...manifest.files.map((f) => f.cacheFile), 'manifest.json'].sort());

    // Same runner again: the tool cache answers, the cache service is not even asked.
    const asked = cache.requests.length;
    const run3 = await runAction(second, { mirror: mirror.origin, build: 'false' });
    expect(run3.code, run3.stdout).toBe(0);
    expect(run3.outputs['cache-hit']).toBe('tool-cache');
    expect(cache.requests.length).toBe(asked);
    mirror = await startMirrorServer();
  });

  it.each([
    [{ encoders: 'cl100k_base,gpt5_base' }, 'encoders', 'gpt5_base'],
    [{ mirror: 'ftp://mirror.example/openai' }, 'mirror', 'ftp://mirror.example/openai'],
    [{ 'extra-encoders': 'mine https://x.example/a.tiktoken not-a-hash' }, 'extra-encoders', 'not-a-hash'],
    [{ platforms: 'linux/amd64,linux/sparc' }, 'platforms', 'linux/sparc'],
    [{ push: 'true', images: '' }, 'images', ''],
    [{ 'build-args': 'NOEQUALS' }, 'build-args', 'NOEQUALS'],
  ])('rejects %j naming the input, before any download', async (inputs, input, value) => {
    const runner = await freshRunner(await mkdtemp(join(root, 'bad-')), ghesEnv());
    const before = mirror.requests.length;
    const run = await runAction(runner, { mirror: mirror.origin, ...inputs });
    expect(run.code).toBe(1);
    const error = run.stdout.split('\n').find((line) => line.startsWith('::error::')) ?? '';
    expect(error).toContain(input);
    if (value) expect(error).toContain(value);
    expect(error).toMatch(/fix:/);
    expect(mirror.requests.length).toBe(before);
    expect(await readdir(runner.env['RUNNER_TEMP'] as string)).toEqual([]);
  });

  it('downloads through an authenticating proxy and never prints its password', async () => {
    const proxied = await startMirrorServer({ hostName: 'mirror.oneapi-offline.test' });
    try {
      const runner = await freshRunner(join(root, 'proxy'), ghesEnv());
      const run = await runAction(runner, {
        mirror: proxied.origin,
        encoders: 'cl100k_base',
        build: 'false',
        cache: 'false',
        'http-proxy': `http://proxyuser:${PROXY_PASSWORD}@127.0.0.1:8888`,
      });
      expect(run.code, `${run.stdout}\n(if the proxy is missing: run \`sudo bash scripts/provision-engine.sh\`)`).toBe(0);
      expect(proxied.requests.length).toBeGreaterThan(0);
      // The runner hides what the action registers with ::add-mask::; nothing else may carry it.
      const lines = `${run.stdout}\n${run.stderr}`.split('\n');
      expect(lines.filter((l) => l.includes(PROXY_PASSWORD) && !l.startsWith('::add-mask::'))).toEqual([]);
      expect(lines.some((l) => l.startsWith('::add-mask::') && l.includes(PROXY_PASSWORD))).toBe(true);
      expect(run.summary).not.toContain(PROXY_PASSWORD);
      expect(JSON.stringify(run.outputs)).not.toContain(PROXY_PASSWORD);

      const wrong = await runAction(runner, {
        mirror: proxied.origin,
        encoders: 'cl100k_base',
        build: 'false',
        cache: 'false',
        'http-proxy': 'http://proxyuser:wrong-password@127.0.0.1:8888',
      });
      expect(wrong.code).toBe(1);
      expect(wrong.stdout).toMatch(/::error::.*prox/i);
      expect(wrong.stdout.split('\n').filter((l) => l.includes('wrong-password') && !l.startsWith('::add-mask::'))).toEqual([]);
    } finally {
      await proxied.close();
    }
  });
});
