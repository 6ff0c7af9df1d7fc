// The wording of a failed download: what failed (label and redacted URL), what came back,
// what was expected and what to do about it. Pure; the URL is always shown redacted.
import type { Problem } from '../errors.js';
import { redactUrl } from '../proxy/redact.js';
import { summarize, type Failure } from './failure.js';

export interface ProblemContext {
  readonly label: string;
  readonly url: string;
  /** Attempts made so far, and allowed. */
  readonly attempts: number;
  readonly maxAttempts: number;
}

function proxyInput(url: URL): string {
  return url.protocol === 'https:' ? 'https-proxy' : 'http-proxy';
}

function hostOf(url: URL): string {
  return url.port ? `${url.hostname}:${url.port}` : url.hostname;
}

function statusFix(failure: Extract<Failure, { kind: 'status' }>, url: URL, shown: string): string {
  const { status, from } = failure;
  // tinyproxy before 1.11.2 answers a rejected CONNECT with 401 instead of 407 (tinyproxy#532).
  if (status === 407 || (from === 'proxy' && status === 401)) return `the proxy rejected the credentials; check the user and password in ${proxyInput(url)} (or the runner's ${proxyInput(url).toUpperCase().replace('-', '_')})`;
  if (from === 'proxy') {
    if (status >= 500) return `the proxy could not reach ${hostOf(url)}; check that the proxy can reach the mirror, or set mirror to a host it can reach`;
    return `the proxy refused to connect to ${hostOf(url)}; allow that host and port in the proxy's rules, or list the host in no-proxy`;
  }
  if (status === 404 || status === 410) {
    return `the mirror does not serve ${url.pathname}; check that \`mirror\` keeps the upstream path layout (this file must be at ${shown}), or use \`source\` with a local copy`;
  }
  if (status === 401 || status === 403) return `the server refused access; check the mirror URL and its credentials, and whether a proxy is needed (https-proxy/http-proxy)`;
  if (status === 408 || status === 429 || status >= 500) return 'the server kept failing; try again later, or use another mirror or a local `source`';
  return `the server does not hand out the file here; check the URL in a browser or with curl, and the \`mirror\` setting`;
}

function networkFix(failure: Extract<Failure, { kind: 'network' }>, url: URL): string {
  const { code } = failure;
  if (code === 'ENOTFOUND') return `cannot resolve ${url.hostname}; on a runner without internet set \`mirror\` to a reachable host, or https-proxy/http-proxy, or use a local \`source\``;
  if (code === 'ECONNREFUSED') return `nothing accepts connections at ${hostOf(url)} (or at the proxy); check that the mirror and the proxy are up`;
  if (code === 'EINVALIDURL') return 'check `mirror` (and `extra-encoders` URLs): each must be a full http:// or https:// URL';
  if (code === 'REDIRECT_DOWNGRADE') return 'the server redirects to plain http, which is refused; point `mirror` at the final https URL';
  if (code === 'REDIRECT_SCHEME') return 'the server redirects away from http(s), which is never followed; fix the mirror\'s redirect, or point `mirror` at a URL that serves the file over http(s)';
  if (code === 'REDIRECT_INVALID') return 'the server sends a broken redirect; fix the mirror, or point `mirror` at the URL that serves the file';
  if (code === 'REDIRECT_LOOP') return 'the server keeps redirecting; point `mirror` at the final URL, or fix the redirect loop on the mirror';
  if (code.startsWith('CERT_') || code.startsWith('ERR_TLS') || code.includes('CERT') || code.includes('SIGNATURE')) {
    return 'TLS verification failed; if the mirror or the proxy uses a private CA, point NODE_EXTRA_CA_CERTS at its certificate';
  }
  return 'the connection kept failing; check the network, the proxy and the mirror, or try again later';
}

function fixFor(failure: Failure, url: URL, shown: string): string {
  switch (failure.kind) {
    case 'status':
      return statusFix(failure, url, shown);
    case 'network':
      return networkFix(failure, url);
    case 'idle':
      return 'the server stopped sending data; check the mirror and the proxy, or try again later';
    case 'deadline':
      return 'the link is too slow or keeps stalling; check the mirror and the proxy, or use a closer mirror or a local `source`';
    case 'too-large':
      return failure.pinned
        ? 'the server sends something other than the pinned file (an error page, a login page or another version); check `mirror` and the proxy'
        : 'the URL does not point at an encoder file of a sane size; check the URL';
    case 'truncated':
      return 'the connection kept dropping mid-file; check the proxy and the mirror, or try again later';
    case 'file':
      return 'check that the destination folder is writable and has free space';
  }
}

function expectedFor(failure: Failure): string {
  switch (failure.kind) {
    case 'too-large':
      return `at most ${failure.limit} bytes (${failure.pinned ? 'the pinned size' : 'the size cap'})`;
    case 'deadline':
      return `the whole file within ${failure.ms} ms`;
    case 'file':
      return 'a writable destination';
    default:
      return 'HTTP 200 with the complete file';
  }
}

/** The Problem for the DownloadError that ends a download. */
export function downloadProblem(context: ProblemContext, failure: Failure): Problem {
  const shown = redactUrl(context.url);
  let url: URL;
  try {
    url = new URL(context.url);
  } catch {
    url = new URL('http://invalid.invalid/');
  }
  const tries =
    context.attempts === 0
      ? 'before the first attempt'
      : `after ${context.attempts === 1 ? '1 attempt' : `${context.attempts} attempts`} (of ${context.maxAttempts} allowed)`;
  return {
    what: `download of ${context.label} from ${shown} failed ${tries}`,
    got: summarize(failure),
    expected: expectedFor(failure),
    fix: fixFor(failure, url, shown),
  };
}
