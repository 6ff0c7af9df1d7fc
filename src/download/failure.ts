// What went wrong in one download attempt, as data: the retry loop decides on it and the
// final DownloadError is worded from it. `failureOf` turns whatever Node, @actions/http-client
// or the `tunnel` agent threw into one of these kinds. Pure.

export type Failure =
  /** A non-200 answer; `from: 'proxy'` when the proxy refused the CONNECT tunnel. */
  | { readonly kind: 'status'; readonly status: number; readonly from: 'server' | 'proxy'; readonly retryAfterMs?: number }
  /** Connection-level trouble: reset, refused, hang-up, DNS, TLS, redirect downgrade. */
  | { readonly kind: 'network'; readonly code: string; readonly detail: string }
  /** No bytes for `ms` (a stalled response). */
  | { readonly kind: 'idle'; readonly ms: number; readonly received: number }
  /** The whole-file time limit ran out. */
  | { readonly kind: 'deadline'; readonly ms: number }
  /** More bytes announced or sent than allowed (`pinned`: the limit is the pinned size). */
  | { readonly kind: 'too-large'; readonly limit: number; readonly got: number; readonly pinned: boolean; readonly announced: boolean }
  /** The body ended before Content-Length bytes arrived. */
  | { readonly kind: 'truncated'; readonly announced: number; readonly received: number }
  /** The local file could not be written (permissions, disk full). */
  | { readonly kind: 'file'; readonly code: string; readonly detail: string };

/** An attempt's failure, thrown inside the download module; the original error is its cause. */
export class AttemptFailure extends Error {
  readonly failure: Failure;
  constructor(failure: Failure, options?: { cause?: unknown }) {
    super(summarize(failure), options);
    this.failure = failure;
    this.name = 'AttemptFailure';
  }
}

const NOT_RETRIED_NETWORK = new Set([
  'ENOTFOUND',
  'REDIRECT_DOWNGRADE',
  'REDIRECT_SCHEME',
  'REDIRECT_INVALID',
  'REDIRECT_LOOP',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const LOCAL_FILE_CODES = new Set(['ENOSPC', 'EACCES', 'EROFS', 'EISDIR', 'EPERM', 'EDQUOT', 'ENOTDIR']);

/** Transient: 408, 429, 5xx (from the server or the proxy), resets, stalls, truncated bodies. */
export function isRetryable(failure: Failure): boolean {
  switch (failure.kind) {
    case 'status':
      return failure.status === 408 || failure.status === 429 || failure.status >= 500;
    case 'network':
      return !NOT_RETRIED_NETWORK.has(failure.code) && !failure.code.startsWith('ERR_TLS') && !failure.code.startsWith('CERT_');
    case 'idle':
    case 'truncated':
      return true;
    case 'deadline':
    case 'too-large':
    case 'file':
      return false;
  }
}

/** One short phrase for log lines and the `got:` of the final error. */
export function summarize(failure: Failure): string {
  switch (failure.kind) {
    case 'status':
      return failure.from === 'proxy' ? `the proxy answered HTTP ${failure.status} to CONNECT` : `HTTP ${failure.status}`;
    case 'network':
      return `${failure.detail} (${failure.code})`;
    case 'idle':
      return `no data for ${failure.ms} ms after ${failure.received} bytes`;
    case 'deadline':
      return `not finished within the ${failure.ms} ms time limit`;
    case 'too-large':
      return `${failure.announced ? 'Content-Length' : 'body'} of ${failure.got}${failure.announced ? '' : '+'} bytes, over the ${failure.pinned ? 'pinned size' : 'size cap'} of ${failure.limit} bytes`;
    case 'truncated':
      return `body ended after ${failure.received} of ${failure.announced} bytes`;
    case 'file':
      return `cannot write the file: ${failure.detail} (${failure.code})`;
  }
}

const TUNNEL_STATUS = /tunneling socket could not be established, statusCode=(\d+)/;
const TUNNEL_CAUSE = /tunneling socket could not be established, cause=(.*)/;

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code !== '' ? code : undefined;
}

/** `user:password@` in any URL inside a message, replaced (belt and braces: Node's messages carry none). */
function scrub(text: string): string {
  return text.replace(/\/\/[^/@\s]*@/g, '//***@');
}

/** The Failure an error stands for; anything unknown counts as a (retried) network failure. */
export function failureOf(error: unknown): Failure {
  if (error instanceof AttemptFailure) return error.failure;
  const message = scrub(error instanceof Error ? error.message : String(error));
  const tunnelStatus = TUNNEL_STATUS.exec(message);
  if (tunnelStatus) return { kind: 'status', status: Number(tunnelStatus[1]), from: 'proxy' };
  const tunnelCause = TUNNEL_CAUSE.exec(message);
  if (tunnelCause) {
    const detail = tunnelCause[1] ?? message;
    return { kind: 'network', code: /\b(E[A-Z]+)\b/.exec(detail)?.[1] ?? 'EPROXY', detail: `proxy connection failed: ${detail}` };
  }
  if (message.startsWith('Redirect from HTTPS to HTTP')) {
    return { kind: 'network', code: 'REDIRECT_DOWNGRADE', detail: 'the server redirected from https to http' };
  }
  const code = codeOf(error);
  if (code !== undefined && LOCAL_FILE_CODES.has(code)) return { kind: 'file', code, detail: message };
  if (code === 'ECONNRESET' || message === 'aborted' || message === 'socket hang up') {
    return { kind: 'network', code: code ?? 'ECONNRESET', detail: message === 'aborted' ? 'connection reset mid-body' : `connection reset: ${message}` };
  }
  return { kind: 'network', code: code ?? 'ENETWORK', detail: message };
}
