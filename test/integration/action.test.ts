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
/** Kill a hung action well inside the test's own time limit. */
const RUN = { timeoutMs: 45_000 };

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
    // Its own mirror: this test stops it, the others keep the shared one.
    const own = await startMirrorServer();
    try {
      const first = await freshRunner(join(root, 'runner'), ghesEnv());
      const run1 = await runAction(first, { mirror: own.origin, build: 'false', encoders: 'r50k_base,p50k_base,cl100k_base,o200k_base', cache: 'true' }, RUN);
      expect(run1.code, run1.stdout).toBe(0);
      expect(run1.outputs['cache-hit']).toBe('false');
      expect(run1.outputs['source']).toBe('download');
      expect(run1.outputs['drift']).toBe('false');
      const cacheDir = run1.outputs['cache-dir'] as string;
      expect(cacheDir).toBe(join(first.env['RUNNER_TEMP'] as string, 'tiktoken_cache'));
      const manifest = JSON.parse(run1.outputs['manifest'] as string) as { files: Array<{ id: string; sha256: string; cacheFile: string }> };
      expect(manifest.files.map((f) => f.id).sort()).toEqual([...DEFAULT_FILES].sort());
      for (const file of manifest.files) {
        expect(await sha256Of(join(cacheDir, file.cacheFile))).toBe(PINNED_FILES[file.id as keyof typeof PINNED_FILES].sha256);
      }
      expect(await readdir(first.env['RUNNER_TOOL_CACHE'] as string)).not.toEqual([]);
      // The job summary has one row per file: the encoding, its full pinned sha256 and where it came from.
      for (const id of DEFAULT_FILES) {
        const row = run1.summary.split('\n').find((line) => line.startsWith('|') && line.includes(PINNED_FILES[id].sha256));
        expect(row, `summary row for ${id}`).toMatch(new RegExp(`${id}[\\s\\S]*download`));
      }
      expect(cache.entries.size).toBe(1);

      await own.close();
      const second = await freshRunner(join(root, 'runner'), ghesEnv());
      const run2 = await runAction(second, { mirror: own.origin, build: 'false' }, RUN);
      expect(run2.code, run2.stdout).toBe(0);
      expect(run2.outputs['cache-hit']).toBe('true');
      expect(run2.outputs['source']).toBe('actions-cache');
      const files = await readdir(run2.outputs['cache-dir'] as string);
      expect(files.sort()).toEqual([...manifest.files.map((f) => f.cacheFile), 'manifest.json'].sort());

      // Same runner again, with a live mirror: the tool cache answers, neither the mirror nor
      // the cache service is asked.
      const asked = cache.requests.length;
      const before = mirror.requests.length;
      const run3 = await runAction(second, { mirror: mirror.origin, build: 'false' }, RUN);
      expect(run3.code, run3.stdout).toBe(0);
      expect(run3.outputs['cache-hit']).toBe('true');
      expect(run3.outputs['source']).toBe('tool-cache');
      expect(cache.requests.length).toBe(asked);
      expect(mirror.requests.length).toBe(before);
    } finally {
      await own.close().catch(() => undefined);
    }
  });

  it('a refresh that finds drift fails with drift=true and the drift table in the job summary, keeping nothing', async () => {
    const tampered = await startMirrorServer();
    const served = Buffer.from('<html>upstream changed</html>');
    tampered.fault('/encodings/cl100k_base.tiktoken', { kind: 'bytes', body: served });
    try {
      const runner = await freshRunner(join(root, 'refresh'), ghesEnv());
      const run = await runAction(runner, { mirror: tampered.origin, build: 'false', encoders: 'cl100k_base,o200k_base', refresh: 'true' }, RUN);
      expect(run.code).toBe(1);
      expect(run.outputs['drift']).toBe('true');
      expect(run.stdout).toMatch(/::error::refresh: upstream bytes of 1 pinned file\(s\) no longer match the pins \(drift\)/);
      const actual = createHash('sha256').update(served).digest('hex');
      const row = run.summary.split('\n').find((line) => line.startsWith('|') && line.includes('cl100k_base') && line.includes(actual));
      expect(row).toContain(PINNED_FILES.cl100k_base.sha256);
      expect(run.summary).toMatch(/❌ \*\*drift\*\*/);
      expect(await readdir(runner.env['RUNNER_TOOL_CACHE'] as string)).toEqual([]);
      await expect(readdir(join(runner.env['RUNNER_TEMP'] as string, 'tiktoken_cache'))).rejects.toThrow();
    } finally {
      await tampered.close();
    }
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
    const run = await runAction(runner, { mirror: mirror.origin, ...inputs }, RUN);
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
      }, RUN);
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
      }, RUN);
      expect(wrong.code).toBe(1);
      expect(wrong.stdout).toMatch(/::error::.*prox/i);
      expect(wrong.stdout.split('\n').filter((l) => l.includes('wrong-password') && !l.startsWith('::add-mask::'))).toEqual([]);
    } finally {
      await proxied.close();
    }
  });
});
