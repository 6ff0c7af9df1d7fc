// The registry client's HTTP: one request over node:http/https, nothing else loaded (Node's
// global fetch brings undici, whose start-up and background WebAssembly compile cost a run
// more than the whole build step's budget on a 2-core runner). Through the proxy the settings
// name (proxy-route.ts), as a CONNECT tunnel, the way the downloads go. Redirects are followed
// here by the downloads' rules (redirects.ts): http(s) only, never https → http,
// a few hops, and Authorization only to the origin it was meant for. A timeout or abort from
// `signal` ends the request, or its body while it streams, with the signal's reason.
import type { IncomingMessage, RequestOptions } from 'node:http';
import { createRequire } from 'node:module';
import { isIP, type Socket } from 'node:net';
import { Readable, pipeline } from 'node:stream';
import { isRedirect, redirectTarget, sameOrigin } from './redirects.js';
import type { ProxySettings } from '../proxy/settings.js';
import { redactUrl } from '../proxy/redact.js';
import { portOf, proxyFor } from './proxy-route.js';

export interface HttpInit {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A Buffer can be sent again (after a redirect); a stream only once. */
  readonly body?: Buffer | AsyncIterable<Uint8Array>;
  readonly signal?: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  /** The body as it arrives; read it, or `discard()` it: an unread body holds its connection. */
  readonly body: AsyncIterable<Buffer>;
  bytes(): Promise<Buffer>;
  text(): Promise<string>;
  json(): Promise<unknown>;
  /** Drops the body and its connection (nothing more is read). */
  discard(): Promise<void>;
}

export type HttpTransport = (url: string, init: HttpInit) => Promise<HttpResponse>;

const USER_AGENT = 'oneapi-offline-action';

// Node 24's ESM view of node:http reads every export, WebSocket among them, and so loads undici
// (about 60 ms): the modules are required instead. TLS only for an https URL or proxy.
const load = createRequire(import.meta.url);
const http = load('node:http') as typeof import('node:http');
const https = (): typeof import('node:https') => load('node:https') as typeof import('node:https');
const tls = (): typeof import('node:tls') => load('node:tls') as typeof import('node:tls');

function bare(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '');
}

/** A CONNECT tunnel to `target`'s host and port through `proxy` (its user info as Basic auth). */
function tunnel(proxy: URL, target: URL, signal: AbortSignal | undefined): Promise<Socket> {
  const authority = `${target.hostname}:${portOf(target)}`;
  const headers: Record<string, string> = { host: authority };
  if (proxy.username || proxy.password) {
    headers['proxy-authorization'] = `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`;
  }
  return new Promise((resolve, reject) => {
    const options: RequestOptions = { hostname: bare(proxy.hostname), port: portOf(proxy), method: 'CONNECT', path: authority, headers, agent: false, ...(signal ? { signal } : {}) };
    const request = proxy.protocol === 'https:' ? https().request(options) : http.request(options);
    request.once('connect', (response, socket, head) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        reject(new Error(`Proxy response (${response.statusCode}) to CONNECT ${authority} through ${redactUrl(proxy.href)}`));
        return;
      }
      if (head.length > 0) socket.unshift(head);
      resolve(socket);
    });
    request.once('error', reject);
    request.end();
  });
}

async function send(url: URL, method: string, headers: Record<string, string>, body: HttpInit['body'], signal: AbortSignal | undefined, proxy: URL | undefined): Promise<IncomingMessage> {
  const tunnelled = proxy ? await tunnel(proxy, url, signal) : undefined;
  const secure = url.protocol === 'https:';
  // SNI names a host, never an address.
  const servername = isIP(bare(url.hostname)) === 0 ? { servername: bare(url.hostname) } : {};
  const connection = tunnelled && (secure ? () => tls().connect({ socket: tunnelled, ...servername, ALPNProtocols: ['http/1.1'] }) : () => tunnelled);
  return new Promise<IncomingMessage>((resolve, reject) => {
    const options: RequestOptions = { method, headers, ...(signal ? { signal } : {}), ...(connection ? { agent: false, createConnection: connection } : {}) };
    const request = secure ? https().request(url, options, resolve) : http.request(url, options, resolve);
    request.once('error', reject);
    if (body === undefined) request.end();
    else if (Buffer.isBuffer(body)) request.end(body);
    else pipeline(Readable.from(body), request, (error) => error && reject(error));
  });
}

function respond(message: IncomingMessage, method: string, signal: AbortSignal | undefined): HttpResponse {
  const status = message.statusCode ?? 0;
  // Nothing to read: let the connection go back to the pool at once.
  if (method === 'HEAD' || status === 204 || status === 304 || message.headers['content-length'] === '0') message.resume();
  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of message) yield chunk as Buffer;
    } catch (error) {
      throw signal?.aborted ? signal.reason : error;
    }
  }
  const body = chunks();
  const bytes = async (): Promise<Buffer> => {
    const parts: Buffer[] = [];
    for await (const part of body) parts.push(part);
    return Buffer.concat(parts);
  };
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: {
      get: (name) => {
        const value = message.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    body,
    bytes,
    text: async () => (await bytes()).toString('utf8'),
    json: async () => JSON.parse((await bytes()).toString('utf8')) as unknown,
    discard: async () => {
      if (!message.complete) message.destroy();
      else message.resume();
    },
  };
}

/** An answer made here for a request not sent: `status`, no headers, no body. */
export function unsent(status: number): HttpResponse {
  const body = (async function* (): AsyncGenerator<Buffer> {})();
  return { status, ok: status >= 200 && status < 300, headers: { get: () => null }, body, bytes: async () => Buffer.alloc(0), text: async () => '', json: async () => JSON.parse(''), discard: async () => undefined };
}

/** One request, redirects followed; `proxy` settings route it (none: direct). */
export async function httpRequest(url: string, init: HttpInit, proxy?: ProxySettings): Promise<HttpResponse> {
  let method = init.method ?? 'GET';
  let body = init.body;
  let target = url;
  for (let hops = 0; ; hops++) {
    const at = new URL(target);
    const crossOrigin = target !== url && !sameOrigin(target, url);
    const headers: Record<string, string> = { 'user-agent': USER_AGENT };
    for (const [name, value] of Object.entries(init.headers ?? {})) {
      const lower = name.toLowerCase();
      // Credentials go only to the origin they were given for; a body's headers only with it.
      if ((crossOrigin && lower === 'authorization') || (body === undefined && (lower === 'content-length' || lower === 'content-type'))) continue;
      headers[name] = value;
    }
    let message: IncomingMessage;
    try {
      message = await send(at, method, headers, body, init.signal, proxyFor(at, proxy));
    } catch (error) {
      throw init.signal?.aborted ? init.signal.reason : error;
    }
    const resendable = body === undefined || Buffer.isBuffer(body);
    if (!isRedirect(message.statusCode ?? 0) || !resendable) return respond(message, method, init.signal);
    message.destroy();
    const next = redirectTarget(target, message.headers.location, hops);
    if ('failure' in next) throw new Error(`${method} ${redactUrl(url)}: ${next.failure.kind === 'network' ? next.failure.detail : 'redirect refused'}`);
    if (message.statusCode === 303 || ((message.statusCode === 301 || message.statusCode === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
    }
    target = next.url;
  }
}

/** The transport for these proxy settings (the registry client's, in every mode). */
export function httpTransport(proxy?: ProxySettings): HttpTransport {
  return (url, init) => httpRequest(url, init, proxy);
}
