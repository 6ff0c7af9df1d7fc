// The REAL @actions/cache client against loopback cache services of both protocols it speaks,
// selected the way the runner selects them (test/support/cache-protocols.ts): v1 as on GHES
// (test/support/cache-server.ts) and v2 as on github.com (Twirp + signed Azure Blob URLs on
// Azurite, test/support/cache-server-v2.ts). Save, restore into a fresh folder, misses, a
// missing service, a failing service, a read-only mode, a key another job already holds, and
// prepare across two runners with the mirror down.
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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
import { CACHE_ENV_NAMES, PROTOCOLS, TOKEN, stopSharedAzurite, type CacheService } from '../support/cache-protocols.js';
import { startMirrorServer } from '../support/mirror-server.js';

const ENV_NAMES = [...CACHE_ENV_NAMES, 'RUNNER_TEMP', 'RUNNER_TOOL_CACHE', 'GITHUB_WORKSPACE'] as const;
/** v2 retries a failing Twirp call 5 times with 3 s+ backoff (the client's own policy). */
const SLOW = 120_000;

let saved: Record<string, string | undefined>;
let root: string;

/** A runner's environment pointing @actions/cache at `service` (or at none). */
async function useRunner(service: CacheService | undefined, token: string | null = TOKEN): Promise<void> {
  for (const name of ENV_NAMES) delete process.env[name];
  if (service) Object.assign(process.env, service.env(token ?? undefined));
  else process.env['ACTIONS_RUNTIME_TOKEN'] = TOKEN;
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

afterAll(() => stopSharedAzurite());

beforeEach(async () => {
  saved = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
  root = await mkdtemp(join(tmpdir(), 'actions-cache-'));
});

afterEach(async () => {
  vi.restoreAllMocks();
  for (const name of ENV_NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await rm(root, { recursive: true, force: true });
});

/** A fresh service of one protocol for each test; `proxy` always reaches the current one. */
function serviceEachTest(start: () => Promise<CacheService>): { proxy: CacheService } {
  let current: CacheService | undefined;
  beforeEach(async () => {
    current = await start();
  }, 60_000);
  afterEach(async () => {
    await current?.close();
  });
  const proxy = new Proxy({} as CacheService, {
    get: (_target, name) => {
      const value = Reflect.get(current!, name) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(current) : value;
    },
  });
  return { proxy };
}

describe.each(PROTOCOLS)('actionsCache on cache service %s', (_protocol, start) => {
  const server = serviceEachTest(start).proxy;
  const calls = (kind: string) => server.calls().filter((c) => c.call === kind);

  it('saves a folder and restores it byte for byte into a fresh runner', async () => {
    await useRunner(server);
    const staging = join(root, 'temp', 'tiktoken-staging');
    const files = await fillStaging(staging);
    const log = memoryLogger();
    const port = actionsCache(log, process.env);

    await port.save('tiktoken-encoders-v1-abc', staging);
    expect(log.lines.filter((l) => l.startsWith('warning:'))).toEqual([]);
    const entry = server.entries.get('tiktoken-encoders-v1-abc');
    expect(entry?.size).toBeGreaterThan(0);
    expect(server.calls().map((c) => c.call).filter((c) => c !== 'upload')).toEqual(['reserve', 'commit']);
    expect(server.calls().every((c) => c.token === TOKEN)).toBe(true);
    if (server.v2) {
      // The archive went to the blob store through the Azure SDK, on the signed URL only.
      const puts = server.v2.blob.requests.filter((r) => r.method === 'PUT');
      expect(puts.length).toBeGreaterThan(0);
      expect(puts.reduce((n, r) => n + r.bodyBytes, 0)).toBe(entry?.size);
      expect(await server.v2.committedBlobs()).toEqual([expect.objectContaining({ size: entry?.size })]);
    } else {
      expect(calls('upload').length).toBeGreaterThan(0);
    }

    // A fresh runner: same paths (as on GitHub's runners), nothing left on disk.
    await rm(root, { recursive: true, force: true });
    await useRunner(server);
    const before = server.calls().length;
    const restored = await actionsCache(log, process.env).restore('tiktoken-encoders-v1-abc', staging);

    expect(restored).toBe(true);
    expect((await readdir(staging)).sort()).toEqual([...files.keys()].sort());
    for (const [name, bytes] of files) expect((await readFile(join(staging, name))).equals(bytes)).toBe(true);
    expect(server.calls().slice(before).map((c) => c.call)).toEqual(['lookup']);
    if (server.v2) {
      // The Azure SDK's download: properties first, then ranged reads of the blob.
      const reads = server.v2.blob.requests.filter((r) => r.method === 'GET' || r.method === 'HEAD');
      expect(reads[0]?.method).toBe('HEAD');
      expect(reads.filter((r) => r.method === 'GET').every((r) => /^bytes=0-\d+$/.test(r.range))).toBe(true);
      expect(reads.some((r) => r.method === 'GET' && r.status === 206)).toBe(true);
    }
  });

  it('reports a miss as false, with one lookup sent and nothing written', async () => {
    await useRunner(server);
    const staging = join(root, 'temp', 'staging');
    const log = memoryLogger();

    expect(await actionsCache(log, process.env).restore('tiktoken-encoders-v1-missing', staging)).toBe(false);
    expect(await readdir(staging)).toEqual([]);
    expect(server.calls().map((c) => c.call)).toEqual(['lookup']);
    expect(log.lines.some((l) => l.includes('nothing restored'))).toBe(true);
  });

  it('does not restore an entry saved for another path (the version hashes the path list)', async () => {
    await useRunner(server);
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
    expect(log.lines.filter((l) => l.startsWith('notice:'))).toEqual([expect.stringContaining('no cache service here')]);
    expect(server.calls()).toEqual([]);
  });

  it(
    'a service answering 500: a notice on save, a miss on restore (the client annotates the failure), never a throw',
    async () => {
      await useRunner(server);
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
      expect(log.lines.filter((l) => l.startsWith('warning:'))).toEqual([]);
      const printed = out.mock.calls.map((call) => String(call[0])).join('');
      expect(printed).toMatch(/Failed to restore: .*500/);
      expect(server.entries.size).toBe(0);
      expect(calls('reserve').length).toBeGreaterThanOrEqual(1);
      expect(calls('lookup').length).toBeGreaterThanOrEqual(1);
      expect(calls('commit')).toEqual([]);
    },
    SLOW,
  );

  it('a second save of a key another job holds: a notice, no throw, the first entry kept', async () => {
    await useRunner(server);
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
    ['read', 'save', 'reserve'],
    ['none', 'save', 'reserve'],
    ['none', 'restore', 'lookup'],
    ['write-only', 'restore', 'lookup'],
  ] as const)('ACTIONS_CACHE_MODE=%s: %s skipped with a notice', async (mode, operation, call) => {
    await useRunner(server);
    process.env['ACTIONS_CACHE_MODE'] = mode;
    const staging = join(root, 'temp', 'staging');
    await fillStaging(staging);
    const log = memoryLogger();
    const port = actionsCache(log, process.env);
    if (operation === 'save') await port.save('tiktoken-encoders-v1-mode', staging);
    else expect(await port.restore('tiktoken-encoders-v1-mode', staging)).toBe(false);
    expect(log.lines).toContainEqual(expect.stringMatching(new RegExp(`^notice: Actions cache: ${operation} skipped.*"${mode}"`)));
    expect(calls(call)).toEqual([]);
  });
});

describe('actionsCache on cache service v1 only', () => {
  it('without the runtime token the service refuses, and the step still carries on', async () => {
    const server = await PROTOCOLS[0][1]();
    try {
      await useRunner(server, null);
      const staging = join(root, 'temp', 'staging');
      await fillStaging(staging);
      const log = memoryLogger();
      await expect(actionsCache(log, process.env).save('tiktoken-encoders-v1-token', staging)).resolves.toBeUndefined();
      expect(server.entries.size).toBe(0);
      expect(server.calls().every((c) => c.token === undefined)).toBe(true);
      expect(log.lines.filter((l) => l.startsWith('notice:') && l.includes('was not saved'))).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});

describe.each(PROTOCOLS)('prepare across runners through the Actions cache %s', (_protocol, start) => {
  const server = serviceEachTest(start).proxy;

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
    await useRunner(server);
    const first = await runPrepare(mirror.origin, memoryLogger());
    expect(first.result.source).toBe('download');
    expect(server.entries.has(pinSetKey(first.options))).toBe(true);
    const mirrorRequests = mirror.requests.length;
    expect(mirrorRequests).toBeGreaterThanOrEqual(3);
    await mirror.close();

    // A fresh runner: empty tool cache, temp folder and workspace at the same paths.
    await rm(root, { recursive: true, force: true });
    await useRunner(server);
    const before = server.calls().length;
    const log = memoryLogger();
    const second = await runPrepare(mirror.origin, log);

    expect(second.result.source).toBe('actions-cache');
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
    expect(server.calls().slice(before).map((c) => c.call)).toEqual(['lookup']);
    expect(files.every((f) => runnerToolCache(memoryLogger(), process.env).find(f.id, f.sha256) !== undefined)).toBe(true);
    expect(log.lines.filter((l) => l.startsWith('warning:'))).toEqual([]);
  });

  it('a damaged file in a restored entry is never used: it is downloaded again and only good bytes are kept', async () => {
    const mirror = await startMirrorServer();
    await useRunner(server);
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
    await useRunner(server);
    const log = memoryLogger();
    const { result } = await runPrepare(mirror.origin, log);
    await mirror.close();

    expect(result.source).toBe('mixed');
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
