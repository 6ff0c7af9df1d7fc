// The sandbox every prepare integration test runs in: a fresh temp root and RUNNER_TOOL_CACHE per
// test (hooks registered by importing this file), loopback mirrors closed afterwards, and the
// ports and helpers the tests share. Real parts: the real downloader and the real tool cache;
// the Actions cache is a port over a local folder (its round trip through @actions/cache is
// actions-cache.test.ts's job).
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import type { ActionsCachePort } from '../../src/cache/actions-cache.js';
import { runnerToolCache } from '../../src/cache/tool-cache.js';
import { downloadFile } from '../../src/download/download-file.js';
import { rawInputsFrom, type InputName } from '../../src/inputs/names.js';
import { memoryLogger } from '../../src/log/logger.js';
import { PINNED_FILES, canonicalUrl, type PinnedFileId } from '../../src/pins.js';
import { parsePrepareInputs, type PrepareOptions } from '../../src/prepare/options.js';
import type { PrepareDeps } from '../../src/prepare/prepare.js';
import { startMirrorServer, type MirrorServer } from '../support/mirror-server.js';


export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
export const sha1Name = (id: PinnedFileId): string => createHash('sha1').update(canonicalUrl(PINNED_FILES[id])).digest('hex');

let root = '';

/** This test's temp folder (a fresh one per test). */
export function sandboxRoot(): string {
  return root;
}
let savedToolCache: string | undefined;
/** Mirrors a test started itself; closed after it. */
export const servers: MirrorServer[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'prepare-'));
  savedToolCache = process.env['RUNNER_TOOL_CACHE'];
  process.env['RUNNER_TOOL_CACHE'] = join(root, 'tool-cache');
});
afterEach(async () => {
  if (savedToolCache === undefined) delete process.env['RUNNER_TOOL_CACHE'];
  else process.env['RUNNER_TOOL_CACHE'] = savedToolCache;
  await Promise.all(servers.splice(0).map((server) => server.close().catch(() => undefined)));
  await rm(root, { recursive: true, force: true });
});

export async function mirror(): Promise<MirrorServer> {
  const server = await startMirrorServer();
  servers.push(server);
  return server;
}

/** A mirror origin nothing listens on: any request to it fails at once. */
export async function deadOrigin(): Promise<{ origin: string; requests: MirrorServer['requests'] }> {
  const server = await startMirrorServer();
  await server.close();
  return server;
}

export function options(values: Partial<Record<InputName, string>>, cacheDir = 'cache-dir'): PrepareOptions {
  const parsed = parsePrepareInputs(rawInputsFrom({ 'cache-dir': join(root, cacheDir), ...values }), {
    runnerTemp: join(root, 'temp'),
    defaultCacheRoot: join(root, 'home'),
    processEnv: {},
  });
  return { ...parsed, limits: { ...parsed.limits, backoffMs: 10, idleTimeoutMs: 2_000, totalTimeoutMs: 20_000 } };
}

/** An Actions cache over a local folder (save copies in, restore copies out), recording calls. */
export function folderActionsCache(store: string): ActionsCachePort & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async restore(key, dir) {
      calls.push(`restore ${key}`);
      try {
        await cp(join(store, key), dir, { recursive: true });
        return true;
      } catch {
        return false;
      }
    },
    async save(key, dir) {
      calls.push(`save ${key}`);
      await cp(dir, join(store, key), { recursive: true });
    },
  };
}

export function unavailableActionsCache(): ActionsCachePort & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    restore: async (key) => {
      calls.push(`restore ${key}`);
      return false;
    },
    save: async (key) => void calls.push(`save ${key}`),
  };
}

export function deps(over: Partial<PrepareDeps> = {}): PrepareDeps & { log: ReturnType<typeof memoryLogger> } {
  const log = memoryLogger();
  return {
    log,
    toolCache: runnerToolCache(log, process.env),
    actionsCache: unavailableActionsCache(),
    download: downloadFile,
    stagingDir: join(root, 'staging'),
    ...over,
  } as PrepareDeps & { log: ReturnType<typeof memoryLogger> };
}

export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Every file under root whose bytes are `bytes`. */
export async function traces(bytes: Buffer): Promise<string[]> {
  const found: string[] = [];
  for (const path of await filesUnder(root)) if ((await readFile(path)).equals(bytes)) found.push(path);
  return found;
}

export async function caught<T extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as T;
}
