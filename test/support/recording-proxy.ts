// A loopback HTTP proxy in front of a registry that records every request (method, path,
// status, request body bytes) and can misbehave like real registries do: refuse cross-repository
// mounts (the mount query is dropped, so the registry starts a plain upload), or cut blob uploads
// mid-way. Clients talk to it as if it were the registry (`127.0.0.1:<port>`).
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** Request body bytes that reached the registry. */
  readonly bytesIn: number;
}

export interface ProxyFaults {
  refuseMounts?: boolean;
  /** Cut this many blob uploads (PUT with ?digest= of at least `cutAtLeast` bytes) after half their body. */
  cutUploads?: number;
  cutAtLeast?: number;
}

export interface RecordingProxy {
  readonly host: string;
  readonly requests: RecordedRequest[];
  readonly faults: ProxyFaults;
  close(): Promise<void>;
}

export async function startRecordingProxy(upstream: string, faults: ProxyFaults = {}): Promise<RecordingProxy> {
  const [upHost, upPort] = upstream.split(':');
  const requests: RecordedRequest[] = [];
  let cuts = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let path = req.url ?? '/';
    if (faults.refuseMounts && req.method === 'POST' && path.includes('mount=')) path = path.replace(/\?.*$/, '');
    const length = Number(req.headers['content-length'] ?? 0);
    const cut = req.method === 'PUT' && /\/blobs\/uploads\/.*[?&]digest=/.test(path) && cuts < (faults.cutUploads ?? 0) && length >= (faults.cutAtLeast ?? 1);
    if (cut) cuts++;
    let bytesIn = 0;
    const upstreamReq = httpRequest({ host: upHost, port: Number(upPort), method: req.method, path, headers: req.headers }, (upRes) => {
      requests.push({ method: req.method ?? '', path, status: upRes.statusCode ?? 0, bytesIn });
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
    });
    upstreamReq.on('error', () => res.destroy());
    req.on('data', (chunk: Buffer) => {
      bytesIn += chunk.length;
      if (cut && bytesIn >= length / 2) {
        requests.push({ method: req.method ?? '', path, status: -1, bytesIn });
        upstreamReq.destroy();
        req.socket.destroy();
        return;
      }
      upstreamReq.write(chunk);
    });
    req.on('end', () => upstreamReq.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    requests,
    faults,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
