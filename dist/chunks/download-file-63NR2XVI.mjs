import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  isRedirect,
  redirectTarget,
  sameOrigin
} from "./chunk-Z35GPKIQ.mjs";
import {
  AttemptFailure,
  failureOf,
  isRetryable,
  summarize
} from "./chunk-7HVEVYV4.mjs";
import {
  HttpClient
} from "./chunk-2WQKU2CL.mjs";
import {
  StreamHash
} from "./chunk-LMSPCY74.mjs";
import {
  redactUrl
} from "./chunk-AMMJLJJB.mjs";
import {
  DownloadError
} from "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/download/download-file.ts
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { setTimeout as delay } from "node:timers/promises";

// src/download/attempt.ts
import { open } from "node:fs/promises";

// src/download/backoff.ts
var MAX_BACKOFF_MS = 3e4;
function retryDelay(retry, baseMs, random, retryAfterMs) {
  const exponential = Math.min(MAX_BACKOFF_MS, Math.max(0, baseMs) * 2 ** Math.max(0, retry - 1));
  const r = Math.min(1, Math.max(0, random()));
  const jittered = Math.round(exponential / 2 + exponential / 2 * r);
  if (retryAfterMs === void 0) return jittered;
  return Math.min(MAX_BACKOFF_MS, Math.max(jittered, retryAfterMs));
}
function parseRetryAfter(value) {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (text === void 0 || !/^\d+$/.test(text)) return void 0;
  return Number(text) * 1e3;
}

// src/download/attempt.ts
var USER_AGENT = "oneapi-offline-action";
function clientFor(signal, idleTimeoutMs) {
  const withSignal = {
    prepareRequest: (options) => void (options.signal = signal),
    canHandleAuthentication: () => false,
    handleAuthentication: () => Promise.reject(new Error("not used"))
  };
  return new HttpClient(USER_AGENT, [withSignal], {
    allowRetries: false,
    // Followed in attemptDownload, by the rules in redirects.ts.
    allowRedirects: false,
    keepAlive: false,
    // Backstop only: the idle timer below fires first and aborts the request.
    socketTimeout: idleTimeoutMs * 2 + 1e3
  });
}
async function writeAll(handle, chunk) {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}
function contentLength(response) {
  const raw = response.message.headers["content-length"];
  return raw !== void 0 && /^\d+$/.test(raw) ? Number(raw) : void 0;
}
async function attemptDownload(url, authorization, partialPath, limits) {
  if (limits.deadline.aborted) throw new AttemptFailure({ kind: "deadline", ms: limits.totalTimeoutMs });
  let handle;
  try {
    handle = await open(partialPath, "w");
  } catch (error) {
    throw new AttemptFailure(failureOf(error), { cause: error });
  }
  const abort = new AbortController();
  const client = clientFor(abort.signal, limits.idleTimeoutMs);
  let received = 0;
  let response;
  let stopped;
  let rejectGate = () => {
  };
  const gate = new Promise((_, reject) => rejectGate = reject);
  gate.catch(() => {
  });
  const stop = (failure) => {
    if (stopped) return;
    stopped = new AttemptFailure(failure);
    response?.message.destroy(stopped);
    abort.abort(stopped);
    rejectGate(stopped);
  };
  let idle;
  const armIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => stop({ kind: "idle", ms: limits.idleTimeoutMs, received }), limits.idleTimeoutMs);
  };
  const onDeadline = () => stop({ kind: "deadline", ms: limits.totalTimeoutMs });
  limits.deadline.addEventListener("abort", onDeadline, { once: true });
  try {
    let at = url;
    for (let hops = 0; ; hops++) {
      armIdle();
      const headers = { "accept-encoding": "identity", ...authorization && sameOrigin(at, url) ? { authorization } : {} };
      const pending = client.get(at, headers);
      pending.catch(() => {
      });
      response = await Promise.race([pending, gate]);
      armIdle();
      const status2 = response.message.statusCode ?? 0;
      if (!isRedirect(status2)) break;
      const next = redirectTarget(at, response.message.headers.location, hops);
      response.message.destroy();
      if ("failure" in next) throw new AttemptFailure(next.failure);
      at = next.url;
    }
    const status = response.message.statusCode ?? 0;
    if (status !== 200) {
      const retryAfterMs = parseRetryAfter(response.message.headers["retry-after"]);
      response.message.destroy();
      throw new AttemptFailure({ kind: "status", status, from: "server", ...retryAfterMs !== void 0 ? { retryAfterMs } : {} });
    }
    const announced = contentLength(response);
    if (announced !== void 0 && announced > limits.capBytes) {
      response.message.destroy();
      throw new AttemptFailure({ kind: "too-large", limit: limits.capBytes, got: announced, pinned: limits.capIsPinned, announced: true });
    }
    const hash = new StreamHash();
    for await (const chunk of response.message) {
      armIdle();
      received += chunk.length;
      if (received > limits.capBytes) {
        stop({ kind: "too-large", limit: limits.capBytes, got: received, pinned: limits.capIsPinned, announced: false });
        throw stopped;
      }
      hash.update(chunk);
      await writeAll(handle, chunk);
    }
    if (stopped) throw stopped;
    if (announced !== void 0 && received !== announced) {
      throw new AttemptFailure({ kind: "truncated", announced, received });
    }
    return { sha256: hash.hex(), size: received };
  } catch (error) {
    if (stopped) throw stopped;
    if (error instanceof AttemptFailure) throw error;
    throw new AttemptFailure(failureOf(error), { cause: error });
  } finally {
    clearTimeout(idle);
    limits.deadline.removeEventListener("abort", onDeadline);
    if (response && !response.message.complete) response.message.destroy();
    if (!abort.signal.aborted) abort.abort();
    client.dispose();
    await handle.close();
  }
}

// src/download/credentials.ts
function splitCredentials(value) {
  const url = new URL(value);
  if (url.username === "" && url.password === "") return { url: value };
  const pair = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  url.username = "";
  url.password = "";
  return { url: url.toString(), authorization: `Basic ${Buffer.from(pair, "utf8").toString("base64")}` };
}

// src/download/problem.ts
function proxyInput(url) {
  return url.protocol === "https:" ? "https-proxy" : "http-proxy";
}
function hostOf(url) {
  return url.port ? `${url.hostname}:${url.port}` : url.hostname;
}
function statusFix(failure, url, shown) {
  const { status, from } = failure;
  if (status === 407 || from === "proxy" && status === 401) return `the proxy rejected the credentials; check the user and password in ${proxyInput(url)} (or the runner's ${proxyInput(url).toUpperCase().replace("-", "_")})`;
  if (from === "proxy") {
    if (status >= 500) return `the proxy could not reach ${hostOf(url)}; check that the proxy can reach the mirror, or set mirror to a host it can reach`;
    return `the proxy refused to connect to ${hostOf(url)}; allow that host and port in the proxy's rules, or list the host in no-proxy`;
  }
  if (status === 404 || status === 410) {
    return `the mirror does not serve ${url.pathname}; check that \`mirror\` keeps the upstream path layout (this file must be at ${shown}), or use \`source\` with a local copy`;
  }
  if (status === 401 || status === 403) return `the server refused access; check the mirror URL and its credentials, and whether a proxy is needed (https-proxy/http-proxy)`;
  if (status === 408 || status === 429 || status >= 500) return "the server kept failing; try again later, or use another mirror or a local `source`";
  return `the server does not hand out the file here; check the URL in a browser or with curl, and the \`mirror\` setting`;
}
function networkFix(failure, url) {
  const { code } = failure;
  if (code === "ENOTFOUND") return `cannot resolve ${url.hostname}; on a runner without internet set \`mirror\` to a reachable host, or https-proxy/http-proxy, or use a local \`source\``;
  if (code === "ECONNREFUSED") return `nothing accepts connections at ${hostOf(url)} (or at the proxy); check that the mirror and the proxy are up`;
  if (code === "EINVALIDURL") return "check `mirror` (and `extra-encoders` URLs): each must be a full http:// or https:// URL";
  if (code === "REDIRECT_DOWNGRADE") return "the server redirects to plain http, which is refused; point `mirror` at the final https URL";
  if (code === "REDIRECT_SCHEME") return "the server redirects away from http(s), which is never followed; fix the mirror's redirect, or point `mirror` at a URL that serves the file over http(s)";
  if (code === "REDIRECT_INVALID") return "the server sends a broken redirect; fix the mirror, or point `mirror` at the URL that serves the file";
  if (code === "REDIRECT_LOOP") return "the server keeps redirecting; point `mirror` at the final URL, or fix the redirect loop on the mirror";
  if (code.startsWith("CERT_") || code.startsWith("ERR_TLS") || code.includes("CERT") || code.includes("SIGNATURE")) {
    return "TLS verification failed; if the mirror or the proxy uses a private CA, point NODE_EXTRA_CA_CERTS at its certificate";
  }
  return "the connection kept failing; check the network, the proxy and the mirror, or try again later";
}
function fixFor(failure, url, shown) {
  switch (failure.kind) {
    case "status":
      return statusFix(failure, url, shown);
    case "network":
      return networkFix(failure, url);
    case "idle":
      return "the server stopped sending data; check the mirror and the proxy, or try again later";
    case "deadline":
      return "the link is too slow or keeps stalling; check the mirror and the proxy, or use a closer mirror or a local `source`";
    case "too-large":
      return failure.pinned ? "the server sends something other than the pinned file (an error page, a login page or another version); check `mirror` and the proxy" : "the URL does not point at an encoder file of a sane size; check the URL";
    case "truncated":
      return "the connection kept dropping mid-file; check the proxy and the mirror, or try again later";
    case "file":
      return "check that the destination folder is writable and has free space";
  }
}
function expectedFor(failure) {
  switch (failure.kind) {
    case "too-large":
      return `at most ${failure.limit} bytes (${failure.pinned ? "the pinned size" : "the size cap"})`;
    case "deadline":
      return `the whole file within ${failure.ms} ms`;
    case "file":
      return "a writable destination";
    default:
      return "HTTP 200 with the complete file";
  }
}
function downloadProblem(context, failure) {
  const shown = redactUrl(context.url);
  let url;
  try {
    url = new URL(context.url);
  } catch {
    url = new URL("http://invalid.invalid/");
  }
  const tries = context.attempts === 0 ? "before the first attempt" : `after ${context.attempts === 1 ? "1 attempt" : `${context.attempts} attempts`} (of ${context.maxAttempts} allowed)`;
  return {
    what: `download of ${context.label} from ${shown} failed ${tries}`,
    got: summarize(failure),
    expected: expectedFor(failure),
    fix: fixFor(failure, url, shown)
  };
}

// src/download/download-file.ts
function sleepUntil(sleep, ms, deadline) {
  if (deadline.aborted) return Promise.reject(deadline.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(deadline.reason);
    deadline.addEventListener("abort", onAbort, { once: true });
    sleep(ms).then(
      () => {
        deadline.removeEventListener("abort", onAbort);
        resolve();
      },
      (error) => {
        deadline.removeEventListener("abort", onAbort);
        reject(error);
      }
    );
  });
}
async function downloadFile(request, destPath, deps) {
  const sleep = deps.sleep ?? ((ms) => delay(ms));
  const random = deps.random ?? Math.random;
  const maxAttempts = Math.max(1, Math.floor(request.attempts));
  const partial = `${destPath}.partial`;
  const shown = redactUrl(request.url);
  const fail = (attempts, failure, cause) => new DownloadError(downloadProblem({ label: request.label, url: request.url, attempts, maxAttempts }, failure), { cause });
  let target;
  try {
    target = splitCredentials(request.url);
  } catch (error) {
    throw fail(0, { kind: "network", code: "EINVALIDURL", detail: "not a valid URL" }, error);
  }
  if (!/^https?:\/\//i.test(target.url)) throw fail(0, { kind: "network", code: "EINVALIDURL", detail: "not an http(s) URL" });
  try {
    await mkdir(dirname(destPath), { recursive: true });
  } catch (error) {
    throw fail(0, failureOf(error), error);
  }
  const capIsPinned = request.expectedSize !== void 0 && request.expectedSize <= request.maxBytes;
  const capBytes = Math.min(request.expectedSize ?? Number.POSITIVE_INFINITY, request.maxBytes);
  const deadline = new AbortController();
  const deadlineTimer = setTimeout(() => deadline.abort(new AttemptFailure({ kind: "deadline", ms: request.totalTimeoutMs })), request.totalTimeoutMs);
  const limits = { capBytes, capIsPinned, idleTimeoutMs: request.idleTimeoutMs, totalTimeoutMs: request.totalTimeoutMs, deadline: deadline.signal };
  let previous;
  try {
    for (let attempt = 1; ; attempt++) {
      deps.log.debug(`${request.label}: GET ${shown} (attempt ${attempt} of ${maxAttempts})`);
      let failure;
      try {
        const result = await attemptDownload(target.url, target.authorization, partial, limits);
        await rename(partial, destPath);
        deps.log.debug(`${request.label}: ${result.size} bytes, sha256 ${result.sha256}`);
        return { path: destPath, sha256: result.sha256, size: result.size, attempts: attempt };
      } catch (error) {
        failure = error instanceof AttemptFailure ? error : new AttemptFailure(failureOf(error), { cause: error });
      }
      await rm(partial, { force: true }).catch(() => {
      });
      if (!isRetryable(failure.failure) || attempt >= maxAttempts || deadline.signal.aborted) {
        const cause = failure.failure.kind === "deadline" && previous ? new AttemptFailure(failure.failure, { cause: previous }) : failure;
        throw fail(attempt, failure.failure, cause);
      }
      previous = failure;
      const wait = retryDelay(attempt, request.backoffMs, random, failure.failure.kind === "status" ? failure.failure.retryAfterMs : void 0);
      deps.log.info(`${request.label}: attempt ${attempt} of ${maxAttempts} from ${shown} failed (${summarize(failure.failure)}); retrying in ${(wait / 1e3).toFixed(1)} s`);
      try {
        await sleepUntil(sleep, wait, deadline.signal);
      } catch {
        throw fail(attempt, { kind: "deadline", ms: request.totalTimeoutMs }, failure);
      }
    }
  } finally {
    clearTimeout(deadlineTimer);
    await rm(partial, { force: true }).catch(() => {
    });
  }
}
export {
  downloadFile
};
