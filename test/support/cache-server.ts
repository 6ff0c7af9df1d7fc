// A real cache service on 127.0.0.1 speaking the protocol @actions/cache 6.3 uses on GHES
// (cache service v1, lib/internal/cacheHttpClient.js):
//   GET   {url}_apis/artifactcache/cache?keys=k1,k2&version=V   200 {cacheKey, archiveLocation, …} | 204
//   GET   {url}_apis/artifactcache/caches?key=K                 200 {totalCount, artifactCaches} (debug only)
//   POST  {url}_apis/artifactcache/caches  {key, version, cacheSize}  201 {cacheId} | 409 {message}
//   PATCH {url}_apis/artifactcache/caches/{id}  Content-Range: bytes s-e/*   204 (chunks, concurrent)
//   POST  {url}_apis/artifactcache/caches/{id}  {size}          204 | 400 when the bytes do not add up
//   GET   archiveLocation (a plain URL here, no bearer, no Range: the client does one GET for
//         hosts that are not *.blob.core.windows.net)                200 with Content-Length
// Every _apis call must carry `Authorization: Bearer <token>` (401 otherwise). Lookup: for each
// key in order, an exact key match, else the newest entry whose key starts with it; the
// version (a hash of the paths and compression) must match too.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CacheEntryInfo {
  readonly version: string;
  readonly size: number;
}

export interface CacheRequest {
  readonly method: string;
  /** Path and query, e.g. `/_apis/artifactcache/cache?keys=…&version=…`. */
  readonly path: string;
  /** The bearer token the request carried, or undefined. */
  readonly token: string | undefined;
}

export interface CacheServer {
  /** Value for ACTIONS_CACHE_URL, ending in '/'. */
  readonly url: string;
  /** Committed entries by key (the latest version committed under that key). */
  readonly entries: ReadonlyMap<string, CacheEntryInfo>;
  readonly requests: readonly CacheRequest[];
  /** From now on every _apis call answers `status` (e.g. 500); `undefined` restores service. */
  failWith(status: number | undefined): void;
  close(): Promise<void>;
}

interface Stored {
  readonly id: number;
  readonly key: string;
  readonly version: string;
  readonly reservedSize: number | undefined;
  readonly chunks: Array<{ start: number; bytes: Buffer }>;
  body: Buffer | undefined;
  committedAt: number;
}

const API = '/_apis/artifactcache/';

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
}

function empty(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'content-length': 0 });
  res.end();
}

/** Joins uploaded chunks; undefined when they overlap, leave a gap or miss `size`. */
function assemble(chunks: ReadonlyArray<{ start: number; bytes: Buffer }>, size: number): Buffer | undefined {
  const sorted = [...chunks].sort((a, b) => a.start - b.start);
  let next = 0;
  for (const chunk of sorted) {
    if (chunk.start !== next) return undefined;
    next += chunk.bytes.length;
  }
  return next === size ? Buffer.concat(sorted.map((c) => c.bytes)) : undefined;
}

export async function startCacheServer(): Promise<CacheServer> {
  const stored = new Map<number, Stored>();
  const entries = new Map<string, CacheEntryInfo>();
  const requests: CacheRequest[] = [];
  let nextId = 1;
  let failStatus: number | undefined;
  let base = '';

  const committed = (): Stored[] => [...stored.values()].filter((s) => s.body !== undefined);

  function lookup(keys: readonly string[], version: string): Stored | undefined {
    const candidates = committed().filter((s) => s.version === version);
    for (const key of keys) {
      const exact = candidates.find((s) => s.key === key);
      if (exact) return exact;
      const prefixed = candidates.filter((s) => s.key.startsWith(key)).sort((a, b) => b.committedAt - a.committedAt);
      if (prefixed[0]) return prefixed[0];
    }
    return undefined;
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const resource = url.pathname.slice(API.length);
    if (req.method === 'GET' && resource === 'cache') {
      const keys = (url.searchParams.get('keys') ?? '').split(',').filter((k) => k !== '');
      const version = url.searchParams.get('version') ?? '';
      const hit = lookup(keys, version);
      if (!hit) return empty(res, 204);
      return json(res, 200, {
        cacheKey: hit.key,
        scope: 'refs/heads/main',
        cacheVersion: hit.version,
        creationTime: new Date(hit.committedAt).toISOString(),
        archiveLocation: `${base}_download/${hit.id}`,
      });
    }
    if (req.method === 'GET' && resource === 'caches') {
      const key = url.searchParams.get('key') ?? '';
      const list = committed().filter((s) => s.key === key);
      return json(res, 200, {
        totalCount: list.length,
        artifactCaches: list.map((s) => ({ cacheKey: s.key, cacheVersion: s.version, scope: 'refs/heads/main' })),
      });
    }
    if (req.method === 'POST' && resource === 'caches') {
      const request = JSON.parse((await readBody(req)).toString('utf8')) as { key?: string; version?: string; cacheSize?: number };
      if (!request.key || !request.version) return json(res, 400, { message: 'key and version are required' });
      const taken = [...stored.values()].some((s) => s.key === request.key && s.version === request.version);
      if (taken) return json(res, 409, { message: `Cache already exists. Scope: refs/heads/main, Key: ${request.key}, Version: ${request.version}` });
      const id = nextId++;
      stored.set(id, { id, key: request.key, version: request.version, reservedSize: request.cacheSize, chunks: [], body: undefined, committedAt: 0 });
      return json(res, 201, { cacheId: id });
    }
    const match = /^caches\/(\d+)$/.exec(resource);
    const entry = match ? stored.get(Number(match[1])) : undefined;
    if (match && !entry) return json(res, 404, { message: `no reserved cache ${match[1]}` });
    if (entry && req.method === 'PATCH') {
      const range = /^bytes (\d+)-(\d+)\/\*$/.exec(req.headers['content-range'] ?? '');
      const bytes = await readBody(req);
      if (!range || entry.body) return json(res, 400, { message: `bad Content-Range ${req.headers['content-range']}` });
      const start = Number(range[1]);
      if (Number(range[2]) - start + 1 !== bytes.length) return json(res, 400, { message: 'Content-Range does not match the body' });
      entry.chunks.push({ start, bytes });
      return empty(res, 204);
    }
    if (entry && req.method === 'POST') {
      const { size } = JSON.parse((await readBody(req)).toString('utf8')) as { size?: number };
      const body = typeof size === 'number' ? assemble(entry.chunks, size) : undefined;
      if (!body) return json(res, 400, { message: `uploaded chunks do not add up to ${size} bytes` });
      entry.body = body;
      entry.committedAt = Date.now() + entry.id; // ids break ties within one millisecond
      entries.set(entry.key, { version: entry.version, size: body.length });
      return empty(res, 204);
    }
    return json(res, 404, { message: `unknown resource ${req.method} ${url.pathname}` });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', base);
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : undefined;
    requests.push({ method: req.method ?? '', path: `${url.pathname}${url.search}`, token });
    const handle = async (): Promise<void> => {
      const download = /^\/_download\/(\d+)$/.exec(url.pathname);
      if (download && req.method === 'GET') {
        const body = stored.get(Number(download[1]))?.body;
        if (!body) return empty(res, 404);
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
        return void res.end(body);
      }
      if (!url.pathname.startsWith(API)) return empty(res, 404);
      if (!token) return json(res, 401, { message: 'no bearer token' });
      if (failStatus !== undefined) {
        await readBody(req);
        return json(res, failStatus, { message: `injected failure ${failStatus}` });
      }
      return api(req, res, url);
    };
    handle().catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { message: String(error) });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}/`;

  return {
    url: base,
    entries,
    requests,
    failWith(status) {
      failStatus = status;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
