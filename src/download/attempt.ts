// One attempt at one file: GET through @actions/http-client (which routes through the proxy
// from http_proxy/https_proxy/no_proxy), following redirects itself (redirects.ts: the
// mirror's Authorization only to its own origin), then stream the body into the partial file while
// hashing and counting it. An idle timer (reset on every chunk) and the caller's deadline
// signal end a stalled attempt by destroying the response; the size cap is checked against
// Content-Length first and against the bytes as they arrive.
import { StreamHash } from '../oci/digest.js';
import type { OutgoingHttpHeaders } from 'node:http';
import { open, type FileHandle } from 'node:fs/promises';
import { HttpClient, type HttpClientResponse } from '@actions/http-client';
import { parseRetryAfter } from './backoff.js';
import { AttemptFailure, failureOf, type Failure } from './failure.js';
import { isRedirect, redirectTarget, sameOrigin } from '../http/redirects.js';

export interface AttemptLimits {
  /** Largest body accepted; `pinned` says whether it is the pinned size or the generic cap. */
  readonly capBytes: number;
  readonly capIsPinned: boolean;
  readonly idleTimeoutMs: number;
  readonly totalTimeoutMs: number;
  /** Aborted when the whole-file time limit runs out. */
  readonly deadline: AbortSignal;
}

const USER_AGENT = 'oneapi-offline-action';

/** http-client's RequestHandler (its interfaces module is not exported). */
type RequestHandler = NonNullable<ConstructorParameters<typeof HttpClient>[1]>[number];

/**
 * A client whose requests carry `signal`: aborting it destroys the request and its socket,
 * whatever phase it is in (http-client itself only half-closes a timed-out socket).
 */
function clientFor(signal: AbortSignal, idleTimeoutMs: number): HttpClient {
  const withSignal: RequestHandler = {
    prepareRequest: (options) => void (options.signal = signal),
    canHandleAuthentication: () => false,
    handleAuthentication: () => Promise.reject(new Error('not used')),
  };
  return new HttpClient(USER_AGENT, [withSignal], {
    allowRetries: false,
    // Followed in attemptDownload, by the rules in redirects.ts.
    allowRedirects: false,
    keepAlive: false,
    // Backstop only: the idle timer below fires first and aborts the request.
    socketTimeout: idleTimeoutMs * 2 + 1_000,
  });
}

export interface AttemptResult {
  readonly sha256: string;
  readonly size: number;
}

async function writeAll(handle: FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

function contentLength(response: HttpClientResponse): number | undefined {
  const raw = response.message.headers['content-length'];
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

/**
 * Downloads `url` into `partialPath` (created or truncated), following redirects; `authorization`
 * is sent only to `url`'s own origin. Throws AttemptFailure.
 */
export async function attemptDownload(
  url: string,
  authorization: string | undefined,
  partialPath: string,
  limits: AttemptLimits,
): Promise<AttemptResult> {
  if (limits.deadline.aborted) throw new AttemptFailure({ kind: 'deadline', ms: limits.totalTimeoutMs });
  let handle: FileHandle;
  try {
    handle = await open(partialPath, 'w');
  } catch (error) {
    throw new AttemptFailure(failureOf(error), { cause: error });
  }

  const abort = new AbortController();
  const client = clientFor(abort.signal, limits.idleTimeoutMs);
  let received = 0;
  let response: HttpClientResponse | undefined;
  let stopped: AttemptFailure | undefined;
  let rejectGate: (reason: AttemptFailure) => void = () => {};
  const gate = new Promise<never>((_, reject) => (rejectGate = reject));
  gate.catch(() => {}); // only raced; never left unhandled

  const stop = (failure: Failure): void => {
    if (stopped) return;
    stopped = new AttemptFailure(failure);
    response?.message.destroy(stopped);
    abort.abort(stopped);
    rejectGate(stopped);
  };
  let idle: NodeJS.Timeout | undefined;
  const armIdle = (): void => {
    clearTimeout(idle);
    idle = setTimeout(() => stop({ kind: 'idle', ms: limits.idleTimeoutMs, received }), limits.idleTimeoutMs);
  };
  const onDeadline = (): void => stop({ kind: 'deadline', ms: limits.totalTimeoutMs });
  limits.deadline.addEventListener('abort', onDeadline, { once: true });

  try {
    let at = url;
    for (let hops = 0; ; hops++) {
      armIdle();
      const headers: OutgoingHttpHeaders = { 'accept-encoding': 'identity', ...(authorization && sameOrigin(at, url) ? { authorization } : {}) };
      const pending = client.get(at, headers);
      pending.catch(() => {}); // after an abort it rejects too; the gate has reported already
      response = await Promise.race([pending, gate]);
      armIdle();
      const status = response.message.statusCode ?? 0;
      if (!isRedirect(status)) break;
      const next = redirectTarget(at, response.message.headers.location, hops);
      response.message.destroy();
      if ('failure' in next) throw new AttemptFailure(next.failure);
      at = next.url;
    }

    const status = response.message.statusCode ?? 0;
    if (status !== 200) {
      const retryAfterMs = parseRetryAfter(response.message.headers['retry-after']);
      response.message.destroy();
      throw new AttemptFailure({ kind: 'status', status, from: 'server', ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
    }
    const announced = contentLength(response);
    if (announced !== undefined && announced > limits.capBytes) {
      response.message.destroy();
      throw new AttemptFailure({ kind: 'too-large', limit: limits.capBytes, got: announced, pinned: limits.capIsPinned, announced: true });
    }

    const hash = new StreamHash();
    for await (const chunk of response.message as AsyncIterable<Buffer>) {
      armIdle();
      received += chunk.length;
      if (received > limits.capBytes) {
        stop({ kind: 'too-large', limit: limits.capBytes, got: received, pinned: limits.capIsPinned, announced: false });
        throw stopped;
      }
      hash.update(chunk);
      await writeAll(handle, chunk);
    }
    if (stopped) throw stopped;
    if (announced !== undefined && received !== announced) {
      throw new AttemptFailure({ kind: 'truncated', announced, received });
    }
    return { sha256: hash.hex(), size: received };
  } catch (error) {
    if (stopped) throw stopped;
    if (error instanceof AttemptFailure) throw error;
    throw new AttemptFailure(failureOf(error), { cause: error });
  } finally {
    clearTimeout(idle);
    limits.deadline.removeEventListener('abort', onDeadline);
    if (response && !response.message.complete) response.message.destroy();
    if (!abort.signal.aborted) abort.abort();
    client.dispose();
    await handle.close();
  }
}
