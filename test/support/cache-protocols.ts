// The two Actions cache protocols the real @actions/cache client speaks, behind one shape so the
// same tests run on both: v1 (GHES: test/support/cache-server.ts) and v2 (github.com: Twirp +
// Azure Blob, test/support/cache-server-v2.ts). `env` is what a runner of that kind exports,
// which is how the client picks its protocol: GITHUB_SERVER_URL (GHES → v1 always),
// ACTIONS_CACHE_SERVICE_V2, ACTIONS_CACHE_URL / ACTIONS_RESULTS_URL, ACTIONS_RUNTIME_TOKEN.
import { startCacheServer, type CacheEntryInfo } from './cache-server.js';
import type { Azurite } from './azurite.js';
import { startCacheServerV2, type CacheServerV2 } from './cache-server-v2.js';

/** What the client asked the service, by meaning: lookup (restore), reserve, upload, commit. */
export type CacheCall = 'lookup' | 'reserve' | 'upload' | 'commit' | 'other';

export interface CacheService {
  readonly protocol: 'v1' | 'v2';
  readonly entries: ReadonlyMap<string, CacheEntryInfo>;
  /** Runner variables that point @actions/cache at this service. */
  env(token: string | undefined): Record<string, string>;
  /** Service calls (not archive transfers, except v1's chunk uploads) in order, with their bearer token. */
  calls(): Array<{ call: CacheCall; token: string | undefined }>;
  /** From now on every service call answers `status`; undefined restores service. */
  failWith(status: number | undefined): void;
  close(): Promise<void>;
  /** The v2 server itself (undefined on v1), for the blob-side checks. */
  readonly v2: CacheServerV2 | undefined;
}

export const TOKEN = 'runtime-token-for-tests';

/** Every variable the protocols use; tests save and restore these around each case. */
export const CACHE_ENV_NAMES = [
  'GITHUB_SERVER_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_CACHE_MODE',
  'HTTP_PROXY',
  'http_proxy',
  'NO_PROXY',
  'no_proxy',
] as const;

export async function startV1(): Promise<CacheService> {
  const server = await startCacheServer();
  const kind = (method: string, path: string): CacheCall => {
    if (method === 'GET' && path.startsWith('/_apis/artifactcache/cache?')) return 'lookup';
    if (method === 'POST' && path === '/_apis/artifactcache/caches') return 'reserve';
    if (method === 'PATCH') return 'upload';
    if (method === 'POST' && /^\/_apis\/artifactcache\/caches\/\d+$/.test(path)) return 'commit';
    return 'other';
  };
  return {
    protocol: 'v1',
    entries: server.entries,
    v2: undefined,
    env: (token) => ({
      GITHUB_SERVER_URL: 'https://ghes.example.internal',
      ACTIONS_CACHE_URL: server.url,
      ...(token === undefined ? {} : { ACTIONS_RUNTIME_TOKEN: token }),
    }),
    calls: () => server.requests.filter((r) => r.path.startsWith('/_apis/')).map((r) => ({ call: kind(r.method, r.path), token: r.token })),
    failWith: (status) => server.failWith(status),
    close: () => server.close(),
  };
}

/** `azurite`: share a running one (starting Azurite takes seconds); else the server has its own. */
export async function startV2(azurite?: Azurite): Promise<CacheService> {
  const server = await startCacheServerV2(azurite ? { azurite } : {});
  const kind: Record<string, CacheCall> = { GetCacheEntryDownloadURL: 'lookup', CreateCacheEntry: 'reserve', FinalizeCacheEntryUpload: 'commit' };
  return {
    protocol: 'v2',
    entries: server.entries,
    v2: server,
    env: (token) => ({
      GITHUB_SERVER_URL: 'https://github.com',
      ACTIONS_CACHE_SERVICE_V2: 'True',
      ACTIONS_RESULTS_URL: server.url,
      ...(token === undefined ? {} : { ACTIONS_RUNTIME_TOKEN: token }),
      // The signed blob URLs name <account>.blob.core.windows.net; this loopback proxy is their
      // only route (to Azurite). Loopback (the Twirp service, a mirror) goes direct.
      HTTP_PROXY: server.blobProxyUrl,
      http_proxy: server.blobProxyUrl,
      NO_PROXY: '127.0.0.1,localhost',
      no_proxy: '127.0.0.1,localhost',
    }),
    calls: () => server.requests.map((r) => ({ call: kind[r.method] ?? 'other', token: r.token })),
    failWith: (status) => server.failWith(status),
    close: () => server.close(),
  };
}

/**
 * Both protocols for describe.each. v2 servers share one Azurite per test file: call
 * `stopSharedAzurite` in afterAll.
 */
let shared: Promise<Azurite> | undefined;
export const PROTOCOLS = [
  ['v1', () => startV1()],
  ['v2', async () => startV2(await (shared ??= import('./azurite.js').then((m) => m.startAzurite())))],
] as const;

export async function stopSharedAzurite(): Promise<void> {
  const azurite = shared;
  shared = undefined;
  if (azurite) await (await azurite).close();
}
