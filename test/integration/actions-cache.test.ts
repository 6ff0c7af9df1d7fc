// The REAL @actions/cache client (cache service v1, as on GHES) against the loopback cache
// service in test/support/cache-server.ts: save, restore into a fresh folder, misses, a
// missing service, a failing service, a read-only mode and a key another job already holds.
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { actionsCache } from '../../src/cache/actions-cache.js';
import { runnerToolCache } from '../../src/cache/tool-cache.js';
import { downloadFile } from '../../src/download/download-file.js';
import { hashFile } from '../../src/encoders/hash-file.js';
import { rawInputsFrom } from '../../src/inputs/names.js';
import { memoryLogger, type Logger } from '../../src/log/logger.js';
import { parsePrepareInputs } from '../../src/prepare/options.js';
import { actionsCacheDir, pinSetKey, prepare } from '../../src/prepare/prepare.js';
import { selectFiles } from '../../src/encoders/selection.js';
import { encoderBytes } from '../support/encoder-bytes.js';
import type { PinnedFileId } from '../../src/pins.js';
import { startCacheServer, type CacheServer } from '../support/cache-server.js';
import { startMirrorServer } from '../support/mirror-server.js';

const TOKEN = 'runtime-token-for-tests';
const ENV_NAMES = [
  'GITHUB_SERVER_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_CACHE_MODE',
  'RUNNER_TEMP',
  'RUNNER_TOOL_CACHE',
  'GITHUB_WORKSPACE',
] as const;

let saved: Record<string, string | undefined>;
let root: string;
let server: CacheServer;

/** A runner's environment pointing @actions/cache at `server` (GHES → cache service v1). */
async function useRunner(cacheUrl: string | undefined): Promise<void> {
  for (const name of ENV_NAMES) delete process.env[name];
  process.env['GITHUB_SERVER_URL'] = 'https://ghes.example.internal';
  process.env['ACTIONS_RUNTIME_TOKEN'] = TOKEN;
  if (cacheUrl !== undefined) process.env['ACTIONS_CACHE_URL'] = cacheUrl;
  for (const [name, dir] of [['RUNNER_TEMP', 'temp'], ['RUNNER_TOOL_CACHE', 'tool-cache'], ['GITHUB_WORKSPACE', 'workspace']] as const) {
    process.env[name] = join(root, dir);
    await mkdir(join(root, dir), { recursive: true });
  }
}

async function fillStaging(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>([
    ['9b5ad71b2ce5302211f9c61530b329a4922fc6a4', Buffer.from('cl100k bytes\n'.repeat(5000))],
    ['manifest.json', Buffer.from(JSON.stringify({ files: ['9b5ad71b2ce5302211f9c61530b329a4922fc6a4'] }))],
  ]);
  await mkdir(dir, { recursive: true });
  for (const [name, bytes] of files) await writeFile(join(dir, name), bytes);
  return files;
}

const apiRequests = (): CacheServer['requests'] => server.requests.filter((r) => r.path.startsWith('/_apis/'));

beforeEach(async () => {
  saved = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
  root = await mkdtemp(join(tmpdir(), 'actions-cache-'));
  server = await startCacheServer();
});

afterEach(async () => {
  vi.restoreAllMocks();
  for (const name of ENV_NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await server.close();
  await rm(root, { recursive: true, force: true });
});

describe('actionsCache against a GHES-style cache service', () => {
  it('saves a folder and restores it byte for byte into a fresh runner', async () => {
    await useRunner(server.url);
    const staging = join(root, 'temp', 'tiktoken-staging');
    const files = await fillStaging(staging);
    const log = memoryLogger();
    const port = actionsCache(log, process.env);

    await port.save('tiktoken-encoders-v1-abc', staging);
    expect(log.lines.filter((l) => l.startsWith('warning:'))).toEqual([]);
    const entry = server.entries.get('tiktoken-encoders-v1-abc');
    expect(entry?.size).toBeGreaterThan(0);
    const methods = apiRequests().map((r) => `${r.method} ${r.path.replace(/\?.*/, '')}`);
    expect(methods).toContain('POST /_apis/artifactcache/caches');
    expect(methods).toContain('PATCH /_apis/artifactcache/caches/1');
    expect(methods).toContain('POST /_apis/artifactcache/caches/1');
    expect(apiRequests().every((r) => r.token === TOKEN)).toBe(true);

    // A fresh runner: same paths (as on GitHub's runners), nothing left on disk.
    await rm(root, { recursive: true, force: true });
    await useRunner(server.url);
    const before = server.requests.length;
    const restored = await actionsCache(log, process.env).restore('tiktoken-encoders-v1-abc', staging);

    expect(restored).toBe(true);
    expect((await readdir(staging)).sort()).toEqual([...files.keys()].sort());
    for (const [name, bytes] of files) expect((await readFile(join(staging, name))).equals(bytes)).toBe(true);
    const lookups = server.requests.slice(before).filter((r) => r.path.startsWith('/_apis/artifactcache/cache?'));
    expect(lookups).toHaveLength(1);
    expect(lookups[0]?.path).toContain(`version=${entry?.version}`);
    expect(server.requests.slice(before).some((r) => r.path.startsWith('/_download/'))).toBe(true);
  });

  it('reports a miss as false, with the lookup sent and nothing written', async () => {
    await useRunner(server.url);
    const staging = join(root, 'temp', 'staging');
    const log = memoryLogger();

    expect(await actionsCache(log, process.env).restore('tiktoken-encoders-v1-missing', staging)).toBe(false);
    expect(await readdir(staging)).toEqual([]);
    expect(apiRequests().map((r) => r.path)).toEqual([
      expect.stringMatching(/^\/_apis\/artifactcache\/cache\?keys=tiktoken-encoders-v1-missing&version=[0-9a-f]{64}$/),
    ]);
    expect(log.lines.some((l) => l.includes('nothing restored'))).toBe(true);
  });

  it('does not restore an entry saved for another path (the version hashes the path list)', async () => {
    await useRunner(server.url);
    const a = join(root, 'temp', 'a');
    await fillStaging(a);
    const port = actionsCache(memoryLogger(), process.env);
    await port.save('tiktoken-encoders-v1-paths', a);
    expect(server.entries.has('tiktoken-encoders-v1-paths')).toBe(true);
    expect(await port.restore('tiktoken-encoders-v1-paths', join(root, 'temp', 'b'))).toBe(false);
  });

  it('without a cache service: a notice, no request, no throw', async () => {
    await useRunner(undefined);
    const staging = join(root, 'temp', 'staging');
    await fillStaging(staging);
    const log = memoryLogger();
    const port = actionsCache(log, process.env);

    await expect(port.save('tiktoken-encoders-v1-x', staging)).resolves.toBeUndefined();
    await expect(port.restore('tiktoken-encoders-v1-x', staging)).resolves.toBe(false);
    expect(log.lines.filter((l) => l.startsWith('notice:'))).toEqual([
      expect.stringContaining('no cache service here'),
    ]);
    expect(server.requests).toEqual([]);
  });

  it('a service answering 500: a notice on save (the client warns itself), a miss on restore, never a throw', async () => {
    await useRunner(server.url);
    const staging = join(root, 'temp', 'staging');
    await fillStaging(staging);
    server.failWith(500);
    const out = vi.spyOn(process.stdout, 'write');
    const log = memoryLogger();
    const port = actionsCache(log, process.env);

    await expect(port.save('tiktoken-encoders-v1-x', staging)).resolves.toBeUndefined();
    await expect(port.restore('tiktoken-encoders-v1-x', join(root, 'temp', 'other'))).resolves.toBe(false);

    expect(log.lines.filter((l) => l.startsWith('notice:') && l.includes('was not saved'))).toHaveLength(1);
    expect(log.lines.some((l) => l.includes('nothing restored'))).toBe(true);
    // The client's own annotation names the failure on a real runner.
    const printed = out.mock.calls.map((call) => String(call[0])).join('');
    expect(printed).toMatch(/Failed to restore: .*500/);
    expect(server.entries.size).toBe(0);
    expect(apiRequests().length).toBeGreaterThanOrEqual(2);
  });

  it('a second save of a key another job holds: a notice, no throw, the first entry kept', async () => {
    await useRunner(server.url);
    const staging = join(root, 'temp', 'staging');
    await fillStaging(staging);
    const log = memoryLogger();
    const port = actionsCache(log, process.env);
    await port.save('tiktoken-encoders-v1-twice', staging);
    const first = server.entries.get('tiktoken-encoders-v1-twice');
    await expect(port.save('tiktoken-encoders-v1-twice', staging)).resolves.toBeUndefined();
    expect(log.lines.filter((l) => l.startsWith('notice:') && l.includes('another job may be saving'))).toHaveLength(1);
    expect(log.lines.filter((l) => l.startsWith('warning:'))).toEqual([]);
    expect(server.entries.get('tiktoken-encoders-v1-twice')).toEqual(first);
  });

  it.each([
    ['read', 'save', 'POST'],
    ['none', 'save', 'POST'],
    ['none', 'restore', 'GET'],
    ['write-only', 'restore', 'GET'],
  ] as const)('ACTIONS_CACHE_MODE=%s: %s skipped with a notice', async (mode, operation, method) => {
    await useRunner(server.url);
    process.env['ACTIONS_CACHE_MODE'] = mode;
    const staging = join(root, 'temp', 'staging');
    await fillStaging(staging);
    const log = memoryLogger();
    const port = actionsCache(log, process.env);
    if (operation === 'save') await port.save('tiktoken-encoders-v1-mode', staging);
    else expect(await port.restore('tiktoken-encoders-v1-mode', staging)).toBe(false);
    expect(log.lines).toContainEqual(expect.stringMatching(new RegExp(`^notice: Actions cache: ${operation} skipped.*"${mode}"`)));
    expect(apiRequests().filter((r) => r.method === method)).toEqual([]);
  });

  it('without the runtime token the service refuses, and the step still carries on', async () => {
    await useRunner(server.url);
    delete process.env['ACTIONS_RUNTIME_TOKEN'];
    const staging = join(root, 'temp', 'staging');
    await fillStaging(staging);
    const log = memoryLogger();
    await expect(actionsCache(log, process.env).save('tiktoken-encoders-v1-token', staging)).resolves.toBeUndefined();
    expect(server.entries.size).toBe(0);
    expect(apiRequests().every((r) => r.token === undefined)).toBe(true);
    expect(log.lines.filter((l) => l.startsWith('notice:') && l.includes('was not saved'))).toHaveLength(1);
  });
});

describe('prepare across runners through the Actions cache', () => {
  /** One prepare as a job on the runner `useRunner` set up, with the real adapters. */
  async function runPrepare(mirror: string, log: Logger) {
    const runnerTemp = process.env['RUNNER_TEMP']!;
    const options = parsePrepareInputs(rawInputsFrom({ encoders: 'r50k_base,gpt2', mirror }), {
      runnerTemp,
      defaultCacheRoot: join(root, 'unused'),
      processEnv: {},
    });
    const result = await prepare(options, {
      log,
      toolCache: runnerToolCache(log, process.env),
      actionsCache: actionsCache(log, process.env),
      download: (request, dest, context) => downloadFile(request, dest, { log: context.log }),
      stagingDir: join(runnerTemp, 'oneapi-offline'),
    });
    return { options, result };
  }

  it('a fresh runner with the mirror down restores from the Actions cache and lays out verified files', async () => {
    const mirror = await startMirrorServer();
    await useRunner(server.url);
    const first = await runPrepare(mirror.origin, memoryLogger());
    expect(first.result.cacheHit).toBe('download');
    expect(server.entries.has(pinSetKey(first.options))).toBe(true);
    const mirrorRequests = mirror.requests.length;
    expect(mirrorRequests).toBeGreaterThanOrEqual(3);
    await mirror.close();

    // A fresh runner: empty tool cache, temp folder and workspace at the same paths.
    await rm(root, { recursive: true, force: true });
    await useRunner(server.url);
    const before = server.requests.length;
    const log = memoryLogger();
    const second = await runPrepare(mirror.origin, log);

    expect(second.result.cacheHit).toBe('actions-cache');
    expect(mirror.requests.length).toBe(mirrorRequests);
    const files = second.result.files;
    expect(files.map((f) => f.id).sort()).toEqual(['gpt2-encoder-json', 'gpt2-vocab-bpe', 'r50k_base']);
    for (const file of files) {
      expect(file.cacheFile).toMatch(/^[0-9a-f]{40}$/);
      expect(await hashFile(join(second.options.cacheDir, file.cacheFile))).toEqual({ sha256: file.sha256, size: file.size });
    }
    expect(files.map((f) => f.sha256)).toEqual(first.result.files.map((f) => f.sha256));
    expect((await readdir(second.options.cacheDir)).sort()).toEqual([...files.map((f) => f.cacheFile), 'manifest.json'].sort());
    // Restored, so not saved again; the restored files now also sit in this runner's tool cache.
    expect(server.requests.slice(before).filter((r) => r.method === 'POST')).toEqual([]);
    expect(files.every((f) => runnerToolCache(memoryLogger(), process.env).find(f.id, f.sha256) !== undefined)).toBe(true);
    expect(log.lines.filter((l) => l.startsWith('warning:'))).toEqual([]);
  });

  it('a damaged file in a restored entry is never used: it is downloaded again and only good bytes are kept', async () => {
    const mirror = await startMirrorServer();
    await useRunner(server.url);
    const options = parsePrepareInputs(rawInputsFrom({ encoders: 'r50k_base,gpt2', mirror: mirror.origin }), {
      runnerTemp: process.env['RUNNER_TEMP'],
      defaultCacheRoot: join(root, 'unused'),
      processEnv: {},
    });
    // An entry under the pin set's key whose vocab.bpe is not the pinned file.
    const staging = actionsCacheDir(join(process.env['RUNNER_TEMP']!, 'oneapi-offline'));
    await mkdir(staging, { recursive: true });
    const files = selectFiles(options.encodings, options.extras);
    const tampered = Buffer.from('#version: 0.2\nthis is not the pinned vocab\n');
    for (const file of files) {
      await writeFile(join(staging, file.cacheFile), file.id === 'gpt2-vocab-bpe' ? tampered : await encoderBytes(file.id as PinnedFileId));
    }
    await actionsCache(memoryLogger(), process.env).save(pinSetKey(options), staging);
    expect(server.entries.has(pinSetKey(options))).toBe(true);

    await rm(root, { recursive: true, force: true });
    await useRunner(server.url);
    const log = memoryLogger();
    const { result } = await runPrepare(mirror.origin, log);
    await mirror.close();

    expect(result.cacheHit).toBe('mixed');
    expect(Object.fromEntries(result.files.map((f) => [f.id, f.source]))).toEqual({
      r50k_base: 'actions-cache',
      'gpt2-encoder-json': 'actions-cache',
      'gpt2-vocab-bpe': 'download',
    });
    expect(mirror.requests.map((r) => r.path)).toEqual(['/gpt-2/encodings/main/vocab.bpe']);
    expect(log.lines).toContainEqual(expect.stringMatching(/^warning: .*gpt2-vocab-bpe.*damaged/));
    for (const file of result.files) {
      expect(await hashFile(join(result.cacheDir, file.cacheFile))).toEqual({ sha256: file.sha256, size: file.size });
      const cached = runnerToolCache(memoryLogger(), process.env).find(file.id, file.sha256);
      expect(cached && (await hashFile(cached)).sha256).toBe(file.sha256);
    }
  });
});
