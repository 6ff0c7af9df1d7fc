// A loopback server for the cold benchmark that models the link between runner and mirror:
// it serves the real encoder bytes at their upstream paths, paced either per connection (each
// response gets `bytesPerSecond`, like a CDN or proxy that limits every connection) or over one
// shared link (all responses together get `bytesPerSecond`, like a runner's uplink). Both the
// CLI and curl download from it, so they meet the same link.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { upstreamTree } from '../test/support/encoder-bytes.js';

export type LinkModel = { readonly kind: 'unthrottled' } | { readonly kind: 'per-connection' | 'shared'; readonly bytesPerSecond: number };

export interface LinkServer {
  readonly origin: string;
  readonly requests: number;
  close(): Promise<void>;
}

const CHUNK = 16 * 1024;

/** Hands out send slots at `bytesPerSecond`: `take(n)` resolves when n more bytes may go. */
function pacer(bytesPerSecond: number): (bytes: number) => Promise<void> {
  let nextFree = performance.now();
  return async (bytes) => {
    const start = Math.max(performance.now(), nextFree);
    nextFree = start + (bytes / bytesPerSecond) * 1000;
    const wait = nextFree - performance.now();
    if (wait > 1) await sleep(wait);
  };
}

async function send(res: ServerResponse, body: Buffer, take: ((bytes: number) => Promise<void>) | undefined): Promise<void> {
  for (let offset = 0; offset < body.length && !res.destroyed; offset += CHUNK) {
    const chunk = body.subarray(offset, offset + CHUNK);
    if (take) await take(chunk.length);
    // 'drain' is emitted asynchronously, so listening right after a false write never misses it.
    if (!res.write(chunk)) await drained(res);
  }
  res.end();
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

export async function startLinkServer(model: LinkModel): Promise<LinkServer> {
  const files = await upstreamTree();
  const shared = model.kind === 'shared' ? pacer(model.bytesPerSecond) : undefined;
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    const body = files.get(new URL(req.url ?? '/', 'http://link.invalid').pathname);
    if (!body) {
      res.writeHead(404, { 'content-length': 0 }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
    const take = model.kind === 'per-connection' ? pacer(model.bytesPerSecond) : shared;
    send(res, body, take).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export function describeLink(model: LinkModel): string {
  if (model.kind === 'unthrottled') return 'loopback, unthrottled';
  const rate = `${(model.bytesPerSecond / 1024 / 1024).toFixed(1)} MiB/s`;
  return model.kind === 'shared' ? `${rate} shared link` : `${rate} per connection`;
}
