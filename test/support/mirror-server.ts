// A loopback HTTP mirror serving the real encoder bytes at their upstream paths, with faults
// injected per path: error statuses, resets mid-body, substituted bytes and stalls. It binds
// 127.0.0.1 on an ephemeral port; `hostName` only changes the name `origin` uses (proxy tests
// reach it as mirror.oneapi-offline.test, which scripts/provision-engine.sh maps to 127.0.0.1).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { upstreamTree } from './encoder-bytes.js';

export type Fault =
  | { kind: 'status'; status: number; times: number }
  | { kind: 'reset'; afterBytes: number; times: number }
  | { kind: 'bytes'; body: Buffer }
  | { kind: 'stall'; afterBytes: number }
  /** Answers `status` (default 302) with this Location, as written (relative, file://, another port…). */
  | { kind: 'redirect'; location: string; status?: number; times?: number };

export interface MirrorRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export interface MirrorServer {
  readonly origin: string;
  readonly port: number;
  readonly requests: readonly MirrorRequest[];
  fault(path: string, fault: Fault): void;
  clearFaults(): void;
  /**
   * Holds every response until `count` requests are waiting at once, then answers them all:
   * proof that a client downloads in parallel, with no timing involved. Resolves true when the
   * gate opened on the count, false when `timeoutMs` passed first (the requests are then
   * answered anyway, so a serial client fails its test instead of hanging).
   */
  holdUntil(count: number, timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface MirrorOptions {
  files?: ReadonlyMap<string, Buffer>;
  hostName?: string;
  pathPrefix?: string;
  bytesPerSecond?: number;
  /** Serve https with this key and certificate (PEM) instead of http; `origin` says https. */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

/** A fault with its remaining count (for `status` and `reset`). */
interface ArmedFault {
  readonly fault: Fault;
  remaining: number;
}

const CHUNK = 64 * 1024;

function errorPage(status: number): Buffer {
  return Buffer.from(`<!DOCTYPE html><html><head><title>${status}</title></head><body><h1>Error ${status}</h1></body></html>\n`);
}

function normalizePrefix(prefix: string | undefined): string {
  if (prefix === undefined || prefix === '' || prefix === '/') return '';
  return `/${prefix.replace(/^\/+|\/+$/g, '')}`;
}

/** Writes `body` in chunks, paced to `bytesPerSecond` when set; resolves when all is written. */
async function writePaced(res: ServerResponse, body: Buffer, bytesPerSecond: number | undefined): Promise<void> {
  const started = Date.now();
  for (let offset = 0; offset < body.length; offset += CHUNK) {
    if (res.destroyed) return;
    const chunk = body.subarray(offset, offset + CHUNK);
    res.write(chunk);
    if (bytesPerSecond !== undefined && bytesPerSecond > 0) {
      const due = started + ((offset + chunk.length) / bytesPerSecond) * 1000;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    // Checked now, not from write()'s result: a 'drain' may have passed during the pacing wait.
    if (res.writableNeedDrain && !res.destroyed) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.once('drain', done);
        res.once('close', done);
      });
    }
  }
}

export async function startMirrorServer(options: MirrorOptions = {}): Promise<MirrorServer> {
  const files = options.files ?? (await upstreamTree());
  const prefix = normalizePrefix(options.pathPrefix);
  const faults = new Map<string, ArmedFault>();
  const requests: MirrorRequest[] = [];
  const sockets = new Set<Socket>();

  /** The served file for a request path: at its upstream path or under the prefix. */
  const lookup = (path: string): { key: string; body: Buffer } | undefined => {
    const direct = files.get(path);
    if (direct) return { key: path, body: direct };
    if (prefix !== '' && path.startsWith(`${prefix}/`)) {
      const key = path.slice(prefix.length);
      const body = files.get(key);
      if (body) return { key, body };
    }
    return undefined;
  };

  /** The armed fault for a path (exact request path first, then the file's upstream path). */
  const takeFault = (path: string, key: string | undefined): Fault | undefined => {
    const armed = faults.get(path) ?? (key !== undefined ? faults.get(key) : undefined);
    if (!armed) return undefined;
    if (armed.fault.kind === 'status' || armed.fault.kind === 'reset' || (armed.fault.kind === 'redirect' && armed.fault.times !== undefined)) {
      if (armed.remaining <= 0) return undefined;
      armed.remaining -= 1;
    }
    return armed.fault;
  };

  let gate: { count: number; waiting: Array<() => void>; opened: (byCount: boolean) => void } | undefined;
  const passGate = async (): Promise<void> => {
    const current = gate;
    if (!current) return;
    await new Promise<void>((release) => {
      current.waiting.push(release);
      if (current.waiting.length >= current.count) current.opened(true);
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://mirror.invalid').pathname;
    requests.push({ method: req.method ?? 'GET', path, headers: { ...req.headers } });
    await passGate();
    const found = lookup(path);
    const fault = takeFault(path, found?.key);
    const headOnly = req.method === 'HEAD';

    if (fault?.kind === 'status') {
      const page = errorPage(fault.status);
      res.writeHead(fault.status, { 'content-type': 'text/html', 'content-length': page.length });
      res.end(headOnly ? undefined : page);
      return;
    }
    if (fault?.kind === 'redirect') {
      res.writeHead(fault.status ?? 302, { location: fault.location, 'content-length': 0 });
      res.end();
      return;
    }
    if (fault?.kind === 'bytes') {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': fault.body.length });
      if (headOnly) return void res.end();
      await writePaced(res, fault.body, options.bytesPerSecond);
      res.end();
      return;
    }
    if (!found) {
      const page = errorPage(404);
      res.writeHead(404, { 'content-type': 'text/html', 'content-length': page.length });
      res.end(headOnly ? undefined : page);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': found.body.length });
    if (headOnly) return void res.end();
    if (fault?.kind === 'reset' || fault?.kind === 'stall') {
      const part = found.body.subarray(0, Math.min(fault.afterBytes, found.body.length));
      res.flushHeaders();
      await writePaced(res, part, options.bytesPerSecond);
      if (fault.kind === 'reset') {
        // Let the partial body reach the client before the socket goes away.
        await new Promise((resolve) => setTimeout(resolve, 20));
        res.socket?.destroy();
      }
      // stall: keep the socket open with nothing more; close() or the client ends it.
      return;
    }
    await writePaced(res, found.body, options.bytesPerSecond);
    res.end();
  };

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch(() => res.destroy());
  };
  const server = options.tls ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, listener) : createServer(listener);
  // 'connection' gives the raw TCP socket for both, so close() can destroy stalled ones.
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `${options.tls ? 'https' : 'http'}://${options.hostName ?? '127.0.0.1'}:${port}`;

  return {
    origin,
    port,
    requests,
    fault(path, fault) {
      const remaining = fault.kind === 'status' || fault.kind === 'reset' ? fault.times : fault.kind === 'redirect' ? (fault.times ?? Infinity) : Infinity;
      faults.set(path, { fault, remaining });
    },
    clearFaults() {
      faults.clear();
    },
    holdUntil(count, timeoutMs) {
      return new Promise<boolean>((resolve) => {
        const opened = (byCount: boolean): void => {
          clearTimeout(timer);
          const released = gate?.waiting ?? [];
          gate = undefined;
          for (const release of released) release();
          resolve(byCount);
        };
        const timer = setTimeout(() => opened(false), timeoutMs);
        gate = { count, waiting: [], opened };
      });
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      });
    },
  };
}
