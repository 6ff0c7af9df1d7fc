// The route from the Azure SDK to Azurite. Cache service v2 hands out signed URLs on the
// production host (<account>.blob.core.windows.net): @actions/cache only takes its Azure SDK
// path (ranged, parallel downloads) for that host. The clients reach it through this loopback
// HTTP forward proxy (HTTP_PROXY, which @azure/core-rest-pipeline honours), which sends requests
// for that one host to Azurite, path-style, and refuses every other host: nothing leaves the
// machine. It records what the SDK did and can cut an upload mid-way.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BlobRequest {
  readonly method: string;
  /** Path on the production host, without the query: /<container>/<blob> */
  readonly path: string;
  /** The `comp` query parameter (block, blocklist…), or '' */
  readonly comp: string;
  /** x-ms-range or Range, or '' */
  readonly range: string;
  /** Request body bytes that reached Azurite. */
  bodyBytes: number;
  status: number | undefined;
  /** True when this proxy cut the request. */
  cut: boolean;
}

export interface BlobProxy {
  /** Value for HTTP_PROXY. */
  readonly url: string;
  /** The production-style host the signed URLs name. */
  readonly host: string;
  readonly requests: readonly BlobRequest[];
  /** Cut the next uploads (PUT) once this many body bytes went through; undefined stops cutting. */
  cutUploadsAfter(bytes: number | undefined): void;
  close(): Promise<void>;
}

export async function startBlobProxy(options: { account: string; azuriteOrigin: string }): Promise<BlobProxy> {
  const host = `${options.account}.blob.core.windows.net`;
  const upstream = new URL(options.azuriteOrigin);
  const requests: BlobRequest[] = [];
  let cutAfter: number | undefined;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('absolute-form request URI expected (this is a forward proxy)');
      return;
    }
    // Azurite's own address passes through unchanged (the cache service's shared-key client, when
    // HTTP_PROXY is set in its process too); every other host is refused.
    const direct = target.host === upstream.host;
    if (target.protocol !== 'http:' || (target.hostname !== host && !direct)) {
      res.writeHead(502).end(`this proxy only reaches ${host}, not ${target.host}`);
      return;
    }
    if (direct) {
      const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: `${target.pathname}${target.search}`, headers: { ...req.headers, host: upstream.host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', () => res.destroy());
      req.pipe(forward);
      return;
    }
    const record: BlobRequest = {
      method: req.method ?? '',
      path: target.pathname,
      comp: target.searchParams.get('comp') ?? '',
      range: String(req.headers['x-ms-range'] ?? req.headers['range'] ?? ''),
      bodyBytes: 0,
      status: undefined,
      cut: false,
    };
    requests.push(record);
    const headers: Record<string, string | string[] | undefined> = { ...req.headers, host: upstream.host };
    delete headers['proxy-connection'];
    delete headers['proxy-authorization'];
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: `/${options.account}${target.pathname}${target.search}`, headers },
      (answer) => {
        record.status = answer.statusCode;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    const limit = req.method === 'PUT' ? cutAfter : undefined;
    req.on('data', (chunk: Buffer) => {
      if (record.cut) return;
      if (limit !== undefined && record.bodyBytes + chunk.length > limit) {
        // Like a connection dropped in the middle of the body: Azurite never sees the rest.
        record.cut = true;
        forward.destroy();
        req.socket.destroy();
        return;
      }
      record.bodyBytes += chunk.length;
      forward.write(chunk);
    });
    req.on('end', () => {
      if (!record.cut) forward.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host,
    requests,
    cutUploadsAfter(bytes) {
      cutAfter = bytes;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
