import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  isRedirect,
  redirectTarget,
  sameOrigin
} from "./chunk-Z35GPKIQ.mjs";
import {
  isLoopbackHost
} from "./chunk-2PSOF6JL.mjs";
import {
  redactUrl
} from "./chunk-AMMJLJJB.mjs";

// src/http/http-request.ts
import { createRequire } from "node:module";
import { isIP } from "node:net";
import { Readable, pipeline } from "node:stream";

// src/http/proxy-route.ts
function portOf(url) {
  return url.port || (url.protocol === "https:" ? "443" : "80");
}
function bypassed(url, noProxy) {
  if (isLoopbackHost(url.hostname)) return true;
  const entries = (noProxy ?? "").split(",").map((entry) => entry.trim().toUpperCase()).filter((entry) => entry !== "");
  if (entries.length === 0) return false;
  const host = url.hostname.toUpperCase();
  const names = [host, `${host}:${portOf(url)}`];
  return entries.some((entry) => {
    if (entry === "*") return true;
    return names.some((name) => name === entry || name.endsWith(entry.startsWith(".") ? entry : `.${entry}`));
  });
}
function proxyFor(url, settings) {
  if (!settings) return void 0;
  const proxy = url.protocol === "https:" ? settings.https : settings.http;
  if (!proxy || bypassed(url, settings.noProxy)) return void 0;
  return new URL(proxy);
}

// src/http/http-request.ts
var USER_AGENT = "oneapi-offline-action";
var load = createRequire(import.meta.url);
var http = load("node:http");
var https = () => load("node:https");
var tls = () => load("node:tls");
function bare(hostname) {
  return hostname.replace(/^\[|\]$/g, "");
}
function tunnel(proxy, target, signal) {
  const authority = `${target.hostname}:${portOf(target)}`;
  const headers = { host: authority };
  if (proxy.username || proxy.password) {
    headers["proxy-authorization"] = `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString("base64")}`;
  }
  return new Promise((resolve, reject) => {
    const options = { hostname: bare(proxy.hostname), port: portOf(proxy), method: "CONNECT", path: authority, headers, agent: false, ...signal ? { signal } : {} };
    const request = proxy.protocol === "https:" ? https().request(options) : http.request(options);
    request.once("connect", (response, socket, head) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        reject(new Error(`Proxy response (${response.statusCode}) to CONNECT ${authority} through ${redactUrl(proxy.href)}`));
        return;
      }
      if (head.length > 0) socket.unshift(head);
      resolve(socket);
    });
    request.once("error", reject);
    request.end();
  });
}
async function send(url, method, headers, body, signal, proxy) {
  const tunnelled = proxy ? await tunnel(proxy, url, signal) : void 0;
  const secure = url.protocol === "https:";
  const servername = isIP(bare(url.hostname)) === 0 ? { servername: bare(url.hostname) } : {};
  const connection = tunnelled && (secure ? () => tls().connect({ socket: tunnelled, ...servername, ALPNProtocols: ["http/1.1"] }) : () => tunnelled);
  return new Promise((resolve, reject) => {
    const options = { method, headers, ...signal ? { signal } : {}, ...connection ? { agent: false, createConnection: connection } : {} };
    const request = secure ? https().request(url, options, resolve) : http.request(url, options, resolve);
    request.once("error", reject);
    if (body === void 0) request.end();
    else if (Buffer.isBuffer(body)) request.end(body);
    else pipeline(Readable.from(body), request, (error) => error && reject(error));
  });
}
function respond(message, method, signal) {
  const status = message.statusCode ?? 0;
  if (method === "HEAD" || status === 204 || status === 304 || message.headers["content-length"] === "0") message.resume();
  async function* chunks() {
    try {
      for await (const chunk of message) yield chunk;
    } catch (error) {
      throw signal?.aborted ? signal.reason : error;
    }
  }
  const body = chunks();
  const bytes = async () => {
    const parts = [];
    for await (const part of body) parts.push(part);
    return Buffer.concat(parts);
  };
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: {
      get: (name) => {
        const value = message.headers[name.toLowerCase()];
        return value === void 0 ? null : Array.isArray(value) ? value.join(", ") : value;
      }
    },
    body,
    bytes,
    text: async () => (await bytes()).toString("utf8"),
    json: async () => JSON.parse((await bytes()).toString("utf8")),
    discard: async () => {
      if (!message.complete) message.destroy();
      else message.resume();
    }
  };
}
function unsent(status) {
  const body = (async function* () {
  })();
  return { status, ok: status >= 200 && status < 300, headers: { get: () => null }, body, bytes: async () => Buffer.alloc(0), text: async () => "", json: async () => JSON.parse(""), discard: async () => void 0 };
}
async function httpRequest(url, init, proxy) {
  let method = init.method ?? "GET";
  let body = init.body;
  let target = url;
  for (let hops = 0; ; hops++) {
    const at = new URL(target);
    const crossOrigin = target !== url && !sameOrigin(target, url);
    const headers = { "user-agent": USER_AGENT };
    for (const [name, value] of Object.entries(init.headers ?? {})) {
      const lower = name.toLowerCase();
      if (crossOrigin && lower === "authorization" || body === void 0 && (lower === "content-length" || lower === "content-type")) continue;
      headers[name] = value;
    }
    let message;
    try {
      message = await send(at, method, headers, body, init.signal, proxyFor(at, proxy));
    } catch (error) {
      throw init.signal?.aborted ? init.signal.reason : error;
    }
    const resendable = body === void 0 || Buffer.isBuffer(body);
    if (!isRedirect(message.statusCode ?? 0) || !resendable) return respond(message, method, init.signal);
    message.destroy();
    const next = redirectTarget(target, message.headers.location, hops);
    if ("failure" in next) throw new Error(`${method} ${redactUrl(url)}: ${next.failure.kind === "network" ? next.failure.detail : "redirect refused"}`);
    if (message.statusCode === 303 || (message.statusCode === 301 || message.statusCode === 302) && method === "POST") {
      method = "GET";
      body = void 0;
    }
    target = next.url;
  }
}
function httpTransport(proxy) {
  return (url, init) => httpRequest(url, init, proxy);
}

export {
  unsent,
  httpRequest,
  httpTransport
};
