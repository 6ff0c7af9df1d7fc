// Fetch one file to disk, robustly: retries with backoff on transient failures, an idle
// timeout, a whole-file time limit, a size cap, and the sha256 computed while streaming (the
// caller compares it with the pin). Bytes land in `<dest>.partial` and are renamed to `dest`
// only when complete; a failed attempt never leaves the partial file behind.
//
// Why not `tc.downloadTool`: its retry is fixed (3 attempts, 10–20 s waits, logged through
// @actions/core), it has no time limit (a stalled body hangs for the 3-minute socket default),
// no size cap, no hash while streaming, and it refuses an existing destination. So this uses
// `HttpClient` from @actions/http-client — the client tool-cache itself uses — directly; it
// reads http_proxy/https_proxy/no_proxy from the environment the entry has set.
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { DownloadError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { redactUrl } from '../proxy/redact.js';
import { attemptDownload } from './attempt.js';
import { retryDelay } from './backoff.js';
import { splitCredentials } from './credentials.js';
import { AttemptFailure, failureOf, isRetryable, summarize, type Failure } from './failure.js';
import { downloadProblem } from './problem.js';

export interface DownloadRequest {
  /** Where the bytes come from (mirror or canonical); may carry user:password@ for the mirror. */
  readonly url: string;
  /** For messages, e.g. 'cl100k_base'. */
  readonly label: string;
  /** When known (pinned): the response may not exceed it. A shorter body is returned (its hash tells). */
  readonly expectedSize?: number;
  /** Cap when the size is unknown (also applies when it is known). */
  readonly maxBytes: number;
  /** No bytes for this long → the attempt fails as stalled (and is retried). */
  readonly idleTimeoutMs: number;
  /** Time limit for the whole file: every attempt and every wait between them. */
  readonly totalTimeoutMs: number;
  /** Attempts in all, e.g. 4. */
  readonly attempts: number;
  /** Base of the exponential backoff with jitter (first wait is base/2…base). */
  readonly backoffMs: number;
}

export interface Downloaded {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
  readonly attempts: number;
}

export interface DownloadDeps {
  readonly log: Logger;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

/** Resolves after `sleep(ms)`, or rejects as soon as the deadline passes. */
function sleepUntil(sleep: (ms: number) => Promise<void>, ms: number, deadline: AbortSignal): Promise<void> {
  if (deadline.aborted) return Promise.reject(deadline.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(deadline.reason);
    deadline.addEventListener('abort', onAbort, { once: true });
    sleep(ms).then(
      () => {
        deadline.removeEventListener('abort', onAbort);
        resolve();
      },
      (error: unknown) => {
        deadline.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export async function downloadFile(request: DownloadRequest, destPath: string, deps: DownloadDeps): Promise<Downloaded> {
  const sleep = deps.sleep ?? ((ms: number) => delay(ms));
  const random = deps.random ?? Math.random;
  const maxAttempts = Math.max(1, Math.floor(request.attempts));
  const partial = `${destPath}.partial`;
  const shown = redactUrl(request.url);
  const fail = (attempts: number, failure: Failure, cause?: unknown): DownloadError =>
    new DownloadError(downloadProblem({ label: request.label, url: request.url, attempts, maxAttempts }, failure), { cause });

  let target: ReturnType<typeof splitCredentials>;
  try {
    target = splitCredentials(request.url);
  } catch (error) {
    throw fail(0, { kind: 'network', code: 'EINVALIDURL', detail: 'not a valid URL' }, error);
  }
  if (!/^https?:\/\//i.test(target.url)) throw fail(0, { kind: 'network', code: 'EINVALIDURL', detail: 'not an http(s) URL' });
  try {
    await mkdir(dirname(destPath), { recursive: true });
  } catch (error) {
    throw fail(0, failureOf(error), error);
  }

  const capIsPinned = request.expectedSize !== undefined && request.expectedSize <= request.maxBytes;
  const capBytes = Math.min(request.expectedSize ?? Number.POSITIVE_INFINITY, request.maxBytes);
  const deadline = new AbortController();
  const deadlineTimer = setTimeout(() => deadline.abort(new AttemptFailure({ kind: 'deadline', ms: request.totalTimeoutMs })), request.totalTimeoutMs);
  const limits = { capBytes, capIsPinned, idleTimeoutMs: request.idleTimeoutMs, totalTimeoutMs: request.totalTimeoutMs, deadline: deadline.signal };

  let previous: AttemptFailure | undefined;
  try {
    for (let attempt = 1; ; attempt++) {
      deps.log.debug(`${request.label}: GET ${shown} (attempt ${attempt} of ${maxAttempts})`);
      let failure: AttemptFailure;
      try {
        // Every attempt starts again from the original URL, with its credentials.
        const result = await attemptDownload(target.url, target.authorization, partial, limits);
        await rename(partial, destPath);
        deps.log.debug(`${request.label}: ${result.size} bytes, sha256 ${result.sha256}`);
        return { path: destPath, sha256: result.sha256, size: result.size, attempts: attempt };
      } catch (error) {
        failure = error instanceof AttemptFailure ? error : new AttemptFailure(failureOf(error), { cause: error });
      }
      await rm(partial, { force: true }).catch(() => {});
      if (!isRetryable(failure.failure) || attempt >= maxAttempts || deadline.signal.aborted) {
        // A deadline says little by itself: keep the failure that led to the retry as its cause.
        const cause = failure.failure.kind === 'deadline' && previous ? new AttemptFailure(failure.failure, { cause: previous }) : failure;
        throw fail(attempt, failure.failure, cause);
      }
      previous = failure;
      const wait = retryDelay(attempt, request.backoffMs, random, failure.failure.kind === 'status' ? failure.failure.retryAfterMs : undefined);
      deps.log.info(`${request.label}: attempt ${attempt} of ${maxAttempts} from ${shown} failed (${summarize(failure.failure)}); retrying in ${(wait / 1000).toFixed(1)} s`);
      try {
        await sleepUntil(sleep, wait, deadline.signal);
      } catch {
        throw fail(attempt, { kind: 'deadline', ms: request.totalTimeoutMs }, failure);
      }
    }
  } finally {
    clearTimeout(deadlineTimer);
    await rm(partial, { force: true }).catch(() => {});
  }
}
