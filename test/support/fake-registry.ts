// A small in-memory OCI distribution registry on 127.0.0.1 for protocol-level unit tests of the
// registry client: blobs (HEAD/GET, POST+PUT uploads, cross-repo mount), manifests by digest or
// tag, tags/list, an optional Bearer token flow with Basic credentials, and faults on demand
// (tags refused with 403, 500s, a registry that stores other bytes). Every request is recorded.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRegistryOptions {
  /** Require a Bearer token, issued at /token for these Basic credentials. */
  readonly auth?: { readonly username: string; readonly password: string };
  /** Tags a manifest PUT is refused for (403 DENIED). */
  readonly refuseTags?: readonly string[];
  /** The first N requests matching this method get a 500. */
  readonly fail?: { method: string; path: RegExp; times: number };
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization?: string;
}

export interface FakeRegistry {
  readonly host: string;
  readonly requests: RecordedRequest[];
  readonly blobs: Map<string, Buffer>;
  /** repo → reference (digest or tag) → { bytes, mediaType } */
  readonly manifests: Map<string, Map<string, { bytes: Buffer; mediaType: string }>>;
  tags(repo: string): string[];
  close(): Promise<void>;
}

const sha = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

async function body(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

export async function startFakeRegistry(options: FakeRegistryOptions = {}): Promise<FakeRegistry> {
  const requests: RecordedRequest[] = [];
  const blobs = new Map<string, Buffer>();
  const repoBlobs = new Map<string, Set<string>>();
  const manifests = new Map<string, Map<string, { bytes: Buffer; mediaType: string }>>();
  const uploads = new Map<string, string>();
  const token = randomBytes(8).toString('hex');
  let failures = options.fail?.times ?? 0;
  let host = '';

  const reply = (res: ServerResponse, status: number, headers: Record<string, string> = {}, text = '') => {
    res.writeHead(status, headers);
    res.end(text);
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://${host}`);
    const method = req.method ?? 'GET';
    requests.push({ method, path: `${url.pathname}${url.search}`, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    if (url.pathname === '/token') {
      const expected = options.auth ? `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}` : '';
      if (req.headers.authorization !== expected) return reply(res, 401);
      return reply(res, 200, { 'content-type': 'application/json' }, JSON.stringify({ token }));
    }
    const match = /^\/v2\/(.+)\/(blobs\/uploads|blobs|manifests|tags)\/(.*)$/.exec(url.pathname);
    if (url.pathname === '/v2/' || !match) return reply(res, url.pathname === '/v2/' ? 200 : 404);
    const [, repo = '', kind, rest = ''] = match;
    if (options.auth && req.headers.authorization !== `Bearer ${token}`) {
      await body(req);
      return reply(res, 401, { 'www-authenticate': `Bearer realm="http://${host}/token",service="fake",scope="repository:${repo}:pull,push"` });
    }
    if (options.fail && failures > 0 && method === options.fail.method && options.fail.path.test(url.pathname)) {
      failures--;
      await body(req);
      return reply(res, 500, {}, 'busy');
    }
    const held = repoBlobs.get(repo) ?? new Set<string>();
    repoBlobs.set(repo, held);
    if (kind === 'blobs') {
      if (!held.has(rest)) return reply(res, 404, {}, '{"errors":[{"code":"BLOB_UNKNOWN"}]}');
      const bytes = blobs.get(rest) as Buffer;
      return reply(res, 200, { 'content-length': String(bytes.length), 'docker-content-digest': rest }, method === 'HEAD' ? '' : (bytes as unknown as string));
    }
    if (kind === 'blobs/uploads') {
      if (method === 'POST') {
        const mount = url.searchParams.get('mount');
        const from = url.searchParams.get('from');
        if (mount && from && repoBlobs.get(from)?.has(mount)) {
          held.add(mount);
          return reply(res, 201, { location: `/v2/${repo}/blobs/${mount}`, 'docker-content-digest': mount });
        }
        const id = randomBytes(6).toString('hex');
        uploads.set(id, repo);
        return reply(res, 202, { location: `/v2/${repo}/blobs/uploads/${id}` });
      }
      if (method === 'PUT' && uploads.get(rest) === repo) {
        const bytes = await body(req);
        const digest = url.searchParams.get('digest') ?? '';
        if (sha(bytes) !== digest) return reply(res, 400, {}, '{"errors":[{"code":"DIGEST_INVALID"}]}');
        blobs.set(digest, bytes);
        held.add(digest);
        uploads.delete(rest);
        return reply(res, 201, { 'docker-content-digest': digest });
      }
      return reply(res, 404);
    }
    if (kind === 'tags') {
      const names = [...(manifests.get(repo)?.keys() ?? [])].filter((ref) => !ref.startsWith('sha256:'));
      return reply(res, 200, { 'content-type': 'application/json' }, JSON.stringify({ name: repo, tags: names }));
    }
    const store = manifests.get(repo) ?? new Map<string, { bytes: Buffer; mediaType: string }>();
    manifests.set(repo, store);
    if (method === 'PUT') {
      const bytes = await body(req);
      if (options.refuseTags?.includes(rest)) return reply(res, 403, {}, '{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}');
      const digest = sha(bytes);
      if (rest.startsWith('sha256:') && rest !== digest) return reply(res, 400, {}, '{"errors":[{"code":"DIGEST_INVALID"}]}');
      const entry = { bytes, mediaType: String(req.headers['content-type'] ?? '') };
      store.set(rest, entry);
      store.set(digest, entry);
      return reply(res, 201, { 'docker-content-digest': digest });
    }
    const entry = store.get(rest);
    if (!entry) return reply(res, 404, {}, '{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
    return reply(res, 200, { 'content-type': entry.mediaType, 'docker-content-digest': sha(entry.bytes) }, method === 'HEAD' ? '' : (entry.bytes as unknown as string));
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => reply(res, 500, {}, String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    host,
    requests,
    blobs,
    manifests,
    tags: (repo) => [...(manifests.get(repo)?.keys() ?? [])].filter((ref) => !ref.startsWith('sha256:')),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
