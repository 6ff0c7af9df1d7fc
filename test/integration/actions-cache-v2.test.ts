// Cache service v2 failures that v1 has no equivalent of, through the REAL @actions/cache client
// and its real Azure SDK: the entry is created, the archive goes to blob storage on a signed
// URL, and only a finalize makes it visible. A finalize answering 5xx, or an upload cut in the
// middle, must leave the job green with a notice and nothing half-saved: no finalized entry, so
// a later restore misses (and after a cut, no committed blob either).
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { actionsCache } from '../../src/cache/actions-cache.js';
import { memoryLogger } from '../../src/log/logger.js';
import { CACHE_ENV_NAMES, PROTOCOLS, TOKEN, stopSharedAzurite, type CacheService } from '../support/cache-protocols.js';

const ENV_NAMES = [...CACHE_ENV_NAMES, 'RUNNER_TEMP', 'RUNNER_TOOL_CACHE', 'GITHUB_WORKSPACE'] as const;
const KEY = 'tiktoken-encoders-v1-half';
/** The client retries a failing Twirp call 5 times (3 s+ backoff), the Azure SDK a failed upload 4 times. */
const SLOW = 150_000;

let saved: Record<string, string | undefined>;
let root: string;
let server: CacheService;

async function useRunner(): Promise<void> {
  for (const name of ENV_NAMES) delete process.env[name];
  Object.assign(process.env, server.env(TOKEN));
  for (const [name, dir] of [['RUNNER_TEMP', 'temp'], ['RUNNER_TOOL_CACHE', 'tool-cache'], ['GITHUB_WORKSPACE', 'workspace']] as const) {
    process.env[name] = join(root, dir);
    await mkdir(join(root, dir), { recursive: true });
  }
}

/** A staging folder whose archive is far larger than the cut point below. */
async function fillStaging(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  // Not compressible: zstd must not shrink it under the cut point.
  const bytes = Buffer.alloc(2 * 1024 * 1024);
  for (let i = 0; i < bytes.length; i += 4) bytes.writeUInt32LE((Math.imul(i, 2654435761) ^ (i >>> 7)) >>> 0, i);
  await writeFile(join(dir, '9b5ad71b2ce5302211f9c61530b329a4922fc6a4'), bytes);
  await writeFile(join(dir, 'manifest.json'), '{}');
}

afterAll(() => stopSharedAzurite());

beforeEach(async () => {
  saved = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
  root = await mkdtemp(join(tmpdir(), 'actions-cache-v2-'));
  server = await PROTOCOLS[1][1]();
}, 60_000);

afterEach(async () => {
  vi.restoreAllMocks();
  for (const name of ENV_NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await server.close();
  await rm(root, { recursive: true, force: true });
});

/** Save must carry on with a notice; then, with the service healthy, a restore must miss. */
async function expectNothingSaved(log: ReturnType<typeof memoryLogger>, service: CacheService): Promise<void> {
  expect(log.lines.filter((l) => l.startsWith('notice:') && l.includes(`${KEY} was not saved`))).toHaveLength(1);
  expect(service.entries.has(KEY)).toBe(false);
  expect(service.v2?.pending.has(KEY)).toBe(true); // created, never finalized
  service.failWith(undefined);
  const restoreLog = memoryLogger();
  const target = join(root, 'temp', 'restore-target');
  expect(await actionsCache(restoreLog, process.env).restore(KEY, target)).toBe(false);
  expect(await readdir(target)).toEqual([]);
  expect(restoreLog.lines.some((l) => l.includes('nothing restored'))).toBe(true);
}

describe('cache service v2: nothing half-saved', () => {
  it(
    'FinalizeCacheEntryUpload answering 503: the archive was uploaded, but no entry exists and a later restore misses',
    async () => {
      await useRunner();
      const staging = join(root, 'temp', 'staging');
      await fillStaging(staging);
      server.v2!.failWith(503, ['FinalizeCacheEntryUpload']);
      const out = vi.spyOn(process.stdout, 'write');
      const log = memoryLogger();

      await expect(actionsCache(log, process.env).save(KEY, staging)).resolves.toBeUndefined();

      const calls = server.calls().map((c) => c.call);
      expect(calls[0]).toBe('reserve');
      expect(calls.filter((c) => c === 'commit').length).toBe(5); // the client's retries, all refused
      expect(server.v2!.blob.requests.some((r) => r.method === 'PUT' && r.status === 201)).toBe(true);
      expect(out.mock.calls.map((call) => String(call[0])).join('')).toMatch(/Failed to save: .*FinalizeCacheEntryUpload.*503/);
      expect(log.lines.filter((l) => l.startsWith('warning:'))).toEqual([]);
      await expectNothingSaved(log, server);
    },
    SLOW,
  );

  it(
    'the blob upload cut mid-way: a notice, no finalize, no committed blob, a later restore misses',
    async () => {
      await useRunner();
      const staging = join(root, 'temp', 'staging');
      await fillStaging(staging);
      server.v2!.blob.cutUploadsAfter(256 * 1024);
      const log = memoryLogger();

      await expect(actionsCache(log, process.env).save(KEY, staging)).resolves.toBeUndefined();

      const puts = server.v2!.blob.requests.filter((r) => r.method === 'PUT');
      expect(puts.length).toBeGreaterThan(0);
      expect(puts.every((r) => r.cut && r.status === undefined)).toBe(true); // every try (the SDK retries) was cut
      expect(server.calls().map((c) => c.call)).toEqual(['reserve']); // never finalized
      expect(await server.v2!.committedBlobs()).toEqual([]);
      expect(log.lines.filter((l) => l.startsWith('warning:'))).toEqual([]);
      server.v2!.blob.cutUploadsAfter(undefined);
      await expectNothingSaved(log, server);
    },
    SLOW,
  );
});

describe('cache service v2: archives as the Azure SDK moves them', () => {
  it(
    'over 128 MiB: staged 64 MiB blocks committed by one block list, finalized at the committed size',
    async () => {
      await useRunner();
      const staging = join(root, 'temp', 'large');
      await mkdir(staging, { recursive: true });
      // Over the client's 128 MiB single-shot limit once archived (random bytes do not compress).
      await writeFile(join(staging, 'big.bin'), randomBytes(130 * 1024 * 1024));
      const log = memoryLogger();
      await actionsCache(log, process.env).save(KEY, staging);
      expect(log.lines.filter((l) => l.startsWith('warning:') || l.startsWith('notice:'))).toEqual([]);
      const entry = server.entries.get(KEY);
      expect(entry?.size).toBeGreaterThan(128 * 1024 * 1024);

      const puts = server.v2!.blob.requests.filter((r) => r.method === 'PUT');
      const blocks = puts.filter((r) => r.comp === 'block');
      expect(blocks.length).toBe(Math.ceil(entry!.size / (64 * 1024 * 1024))); // the client's 64 MiB blocks
      expect(blocks.reduce((n, r) => n + r.bodyBytes, 0)).toBe(entry!.size);
      expect(puts.filter((r) => r.comp === 'blocklist')).toHaveLength(1);
      expect(puts.at(-1)?.comp).toBe('blocklist'); // committed only after every block is staged
      expect(await server.v2!.committedBlobs()).toEqual([expect.objectContaining({ size: entry!.size })]);
    },
    SLOW,
  );

  it(
    'over 4 MiB: restored through several ranged reads, byte for byte',
    async () => {
      await useRunner();
      const staging = join(root, 'temp', 'ranged');
      await mkdir(staging, { recursive: true });
      const bytes = randomBytes(10 * 1024 * 1024);
      await writeFile(join(staging, 'data.bin'), bytes);
      const log = memoryLogger();
      await actionsCache(log, process.env).save(KEY, staging);
      expect(server.entries.has(KEY)).toBe(true);

      await rm(staging, { recursive: true, force: true });
      const before = server.v2!.blob.requests.length;
      expect(await actionsCache(log, process.env).restore(KEY, staging)).toBe(true);
      expect((await readFile(join(staging, 'data.bin'))).equals(bytes)).toBe(true);
      const reads = server.v2!.blob.requests.slice(before).filter((r) => r.method === 'GET');
      expect(reads.length).toBe(3); // the SDK's 4 MiB ranges
      expect(reads.every((r) => /^bytes=\d+-\d+$/.test(r.range) && r.status === 206)).toBe(true);
    },
    SLOW,
  );
});
