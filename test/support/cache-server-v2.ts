// A real cache service v2 on 127.0.0.1, as @actions/cache 6.3 uses it on github.com
// (lib/internal/shared/cacheTwirpClient.js, lib/generated/results/api/v1/cache.*): Twirp JSON
// calls under ACTIONS_RESULTS_URL, the archive itself in Azure Blob storage behind signed URLs.
//   POST /twirp/github.actions.results.api.v1.CacheService/CreateCacheEntry
//        {key, version}                    → {ok, signed_upload_url} (a write-only SAS URL)
//   POST …/FinalizeCacheEntryUpload {key, version, size_bytes} → {ok, entry_id}: only when the
//        blob is committed with exactly size_bytes bytes
//   POST …/GetCacheEntryDownloadURL {key, restore_keys, version} → {ok, signed_download_url,
//        matched_key} (a read-only SAS URL) | {ok: false}
// Every call needs `Authorization: Bearer <token>` (Twirp 401 otherwise); errors are Twirp
// JSON `{code, msg}`. The blobs live in Azurite (test/support/azurite.ts); the signed URLs name
// the production host and the clients reach Azurite through test/support/blob-proxy.ts, so the
// real @azure/storage-blob client inside @actions/cache uploads and downloads (ranged) exactly
// as on a hosted runner. Lookup: the key, then each restore key as a prefix (newest first); the
// version must match.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BlobSASPermissions, BlobServiceClient, StorageSharedKeyCredential, generateBlobSASQueryParameters, type ContainerClient } from '@azure/storage-blob';
import { startAzurite, type Azurite } from './azurite.js';
import { startBlobProxy, type BlobProxy } from './blob-proxy.js';
import type { CacheEntryInfo } from './cache-server.js';

const SERVICE = 'github.actions.results.api.v1.CacheService';
export const TWIRP_METHODS = ['CreateCacheEntry', 'FinalizeCacheEntryUpload', 'GetCacheEntryDownloadURL'] as const;
export type TwirpMethod = (typeof TWIRP_METHODS)[number];

export interface TwirpRequest {
  readonly method: string;
  readonly body: Record<string, unknown>;
  readonly token: string | undefined;
  readonly status: number;
}

export interface CacheServerV2 {
  /** Value for ACTIONS_RESULTS_URL, ending in '/'. */
  readonly url: string;
  /** Value for HTTP_PROXY: the only route to the signed blob URLs. */
  readonly blobProxyUrl: string;
  /** Finalized entries by key. */
  readonly entries: ReadonlyMap<string, CacheEntryInfo>;
  /** Entries created but never finalized, by key. */
  readonly pending: ReadonlyMap<string, CacheEntryInfo>;
  readonly requests: readonly TwirpRequest[];
  readonly blob: BlobProxy;
  /** From now on `methods` (default: all) answer `status` as a Twirp error; undefined restores service. */
  failWith(status: number | undefined, methods?: readonly TwirpMethod[]): void;
  /** Committed blobs in the store (what a download could ever read). */
  committedBlobs(): Promise<Array<{ name: string; size: number }>>;
  close(): Promise<void>;
}

interface Entry {
  readonly key: string;
  readonly version: string;
  readonly blobName: string;
  finalizedAt: number | undefined;
  size: number;
}

function twirpError(res: ServerResponse, status: number, code: string, msg: string): number {
  const body = Buffer.from(JSON.stringify({ code, msg }));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
  return status;
}

function ok(res: ServerResponse, value: Record<string, unknown>): number {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
  return 200;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(chunk as Buffer);
  const text = Buffer.concat(parts).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/**
 * `azurite`: a running Azurite to share (each server then gets its own container and leaves
 * Azurite running); without it the server starts and stops its own.
 */
export async function startCacheServerV2(options: { azurite?: Azurite } = {}): Promise<CacheServerV2> {
  const azurite: Azurite = options.azurite ?? (await startAzurite());
  const blob = await startBlobProxy({ account: azurite.account, azuriteOrigin: azurite.origin });
  const credential = new StorageSharedKeyCredential(azurite.account, azurite.accountKey);
  // The service's own line to the store (shared key, path-style; the blob proxy passes it through
  // when HTTP_PROXY is set in this process).
  const CONTAINER = `actions-cache-${randomUUID()}`;
  const container: ContainerClient = new BlobServiceClient(azurite.blobEndpoint, credential).getContainerClient(CONTAINER);
  await container.create();

  const all: Entry[] = [];
  const entries = new Map<string, CacheEntryInfo>();
  const pending = new Map<string, CacheEntryInfo>();
  const requests: TwirpRequest[] = [];
  let failing: { status: number; methods: readonly string[] } | undefined;

  const signedUrl = (blobName: string, permissions: string): string => {
    const sas = generateBlobSASQueryParameters(
      { containerName: CONTAINER, blobName, permissions: BlobSASPermissions.parse(permissions), expiresOn: new Date(Date.now() + 3_600_000) },
      credential,
    ).toString();
    return `http://${blob.host}/${CONTAINER}/${blobName}?${sas}`;
  };

  function lookup(key: string, restoreKeys: readonly string[], version: string): Entry | undefined {
    const done = all.filter((e) => e.finalizedAt !== undefined && e.version === version);
    const exact = done.find((e) => e.key === key);
    if (exact) return exact;
    for (const prefix of restoreKeys) {
      const hit = done.filter((e) => e.key.startsWith(prefix)).sort((a, b) => b.finalizedAt! - a.finalizedAt!)[0];
      if (hit) return hit;
    }
    return undefined;
  }

  async function call(method: string, body: Record<string, unknown>, res: ServerResponse): Promise<number> {
    const key = String(body['key'] ?? '');
    const version = String(body['version'] ?? '');
    if (method === 'CreateCacheEntry') {
      if (!key || !version) return twirpError(res, 400, 'invalid_argument', 'key and version are required');
      if (all.some((e) => e.key === key && e.version === version)) {
        return twirpError(res, 409, 'already_exists', `cache entry with key ${key} and version ${version} already exists`);
      }
      const entry: Entry = { key, version, blobName: `${randomUUID()}.tar`, finalizedAt: undefined, size: 0 };
      all.push(entry);
      pending.set(key, { version, size: 0 });
      return ok(res, { ok: true, signed_upload_url: signedUrl(entry.blobName, 'cw') });
    }
    if (method === 'FinalizeCacheEntryUpload') {
      const entry = all.find((e) => e.key === key && e.version === version && e.finalizedAt === undefined);
      if (!entry) return twirpError(res, 404, 'not_found', `no cache entry being created for key ${key}`);
      const size = Number(body['size_bytes']);
      let committed: number | undefined;
      try {
        committed = (await container.getBlobClient(entry.blobName).getProperties()).contentLength;
      } catch {
        committed = undefined;
      }
      if (committed === undefined || committed !== size) {
        return ok(res, { ok: false, message: `the uploaded archive has ${committed ?? 'no'} committed bytes, not ${size}` });
      }
      entry.finalizedAt = Date.now() + all.indexOf(entry);
      entry.size = size;
      pending.delete(key);
      entries.set(key, { version, size });
      return ok(res, { ok: true, entry_id: String(all.indexOf(entry) + 1) });
    }
    if (method === 'GetCacheEntryDownloadURL') {
      const restoreKeys = Array.isArray(body['restore_keys']) ? (body['restore_keys'] as unknown[]).map(String) : [];
      const hit = lookup(key, restoreKeys, version);
      if (!hit) return ok(res, { ok: false });
      return ok(res, { ok: true, signed_download_url: signedUrl(hit.blobName, 'r'), matched_key: hit.key });
    }
    return twirpError(res, 404, 'bad_route', `no method ${method} on ${SERVICE}`);
  }

  const server = createServer((req, res) => {
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : undefined;
    const match = new RegExp(`^/twirp/${SERVICE.replace(/\./g, '\\.')}/(\\w+)$`).exec(req.url ?? '');
    const handle = async (): Promise<void> => {
      const body = await readJson(req).catch(() => ({}));
      const method = match?.[1] ?? '';
      const log = (status: number) => requests.push({ method: method || `${req.method} ${req.url}`, body, token, status });
      if (req.method !== 'POST' || !match) return void log(twirpError(res, 404, 'bad_route', `no route ${req.method} ${req.url}`));
      if (!token) return void log(twirpError(res, 401, 'unauthenticated', 'no bearer token'));
      if (failing && failing.methods.includes(method)) return void log(twirpError(res, failing.status, 'internal', `injected failure ${failing.status}`));
      log(await call(method, body, res));
    };
    handle().catch((error: unknown) => {
      if (!res.headersSent) twirpError(res, 500, 'internal', String(error));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    blobProxyUrl: blob.url,
    entries,
    pending,
    requests,
    blob,
    failWith(status, methods = TWIRP_METHODS) {
      failing = status === undefined ? undefined : { status, methods };
    },
    async committedBlobs() {
      const out: Array<{ name: string; size: number }> = [];
      for await (const item of container.listBlobsFlat()) out.push({ name: item.name, size: item.properties.contentLength ?? 0 });
      return out;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await blob.close();
      if (options.azurite) await container.delete();
      else await azurite.close();
    },
  };
}
