// Redirects, followed by our own code (the downloader, src/http/http-request.ts), so that every rule is
// ours: a relative Location is resolved against the URL that answered; only http(s) targets
// are followed (file:, ftp: and the like are refused), never from https down to http; at most
// MAX_REDIRECTS hops; and the mirror's Authorization goes only to the origin it was given for
// (same scheme, host and port), never to another port or host the chain passes through. Pure.
import { redactUrl } from '../proxy/redact.js';
import type { Failure } from '../download/failure.js';

export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/** The URL a redirect leads to, or the Failure that ends the attempt. */
export function redirectTarget(from: string, location: string | string[] | undefined, hops: number): { url: string } | { failure: Failure } {
  const raw = Array.isArray(location) ? location[0] : location;
  if (raw === undefined || raw.trim() === '') {
    return { failure: { kind: 'network', code: 'REDIRECT_INVALID', detail: 'the server answered a redirect without a Location' } };
  }
  let next: URL;
  try {
    next = new URL(raw.trim(), from);
  } catch {
    return { failure: { kind: 'network', code: 'REDIRECT_INVALID', detail: `the server redirected to ${JSON.stringify(redactUrl(raw)).slice(0, 200)}, which is not a URL` } };
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    return { failure: { kind: 'network', code: 'REDIRECT_SCHEME', detail: `the server redirected to a ${next.protocol} URL (${redactUrl(next.href)}); only http and https are followed` } };
  }
  if (new URL(from).protocol === 'https:' && next.protocol === 'http:') {
    return { failure: { kind: 'network', code: 'REDIRECT_DOWNGRADE', detail: 'the server redirected from https to http' } };
  }
  if (hops >= MAX_REDIRECTS) {
    return { failure: { kind: 'network', code: 'REDIRECT_LOOP', detail: `more than ${MAX_REDIRECTS} redirects (the last to ${redactUrl(next.href)})` } };
  }
  next.username = '';
  next.password = '';
  next.hash = '';
  return { url: next.href };
}

/** True when `url` has the same scheme, host and port as `origin` (the URL the credentials came with). */
export function sameOrigin(url: string, origin: string): boolean {
  return new URL(url).origin === new URL(origin).origin;
}
