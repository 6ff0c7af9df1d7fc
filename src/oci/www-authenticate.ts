// `WWW-Authenticate: Bearer realm="…",service="…",scope="…"` → its scheme and parameters,
// and the token URL the distribution spec's token flow asks for. Pure.

export interface Challenge {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

export function parseChallenge(header: string): Challenge | undefined {
  const match = /^\s*([A-Za-z]+)\s*(.*)$/.exec(header);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  const re = /([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (let m = re.exec(match[2] ?? ''); m; m = re.exec(match[2] ?? '')) {
    params[(m[1] ?? '').toLowerCase()] = (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1');
  }
  return { scheme: (match[1] ?? '').toLowerCase(), params };
}

/** The URL to GET a pull token from; undefined when the challenge has no realm. */
export function tokenUrl(challenge: Challenge, repository: string): string | undefined {
  const realm = challenge.params['realm'];
  if (!realm) return undefined;
  const url = new URL(realm);
  if (challenge.params['service']) url.searchParams.set('service', challenge.params['service']);
  url.searchParams.set('scope', challenge.params['scope'] ?? `repository:${repository}:pull`);
  return url.toString();
}
