// Credentials in URLs (proxies, mirrors, extra encoders, build-args) must never be printed.
// Everything that shows a URL to a person goes through `redactUrl`; the secrets themselves
// (`urlSecrets`) are registered for masking by the entry (core.setSecret in Actions, the CLI's
// own mask elsewhere) before anything is printed. Pure.
//
// A credential is the user info of a URL's authority: `user:password@` (the password and the
// pair are secret), or `token@` alone (a token given as the user name: the user is the secret).
// Proxy values are also read without a scheme (`user:pw@proxy:3128`), as curl and BuildKit do.

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

interface UserInfo {
  /** `user:password` or `token`, as written. */
  readonly raw: string;
  readonly user: string;
  readonly password?: string;
}

/** The user info of `value` (a URL, or `host:port` without a scheme), as written. */
function userInfoOf(value: string): UserInfo | undefined {
  const text = value.trim();
  const scheme = SCHEME.exec(text);
  const rest = scheme ? text.slice(scheme[0].length) : text;
  const authority = rest.split(/[/?#\s]/, 1)[0] ?? '';
  const at = authority.lastIndexOf('@');
  if (at <= 0) return undefined;
  const raw = authority.slice(0, at);
  const colon = raw.indexOf(':');
  return colon < 0 ? { raw, user: raw } : { raw, user: raw.slice(0, colon), password: raw.slice(colon + 1) };
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a malformed %-escape: the text as written
  }
}

/**
 * The URL with its user info replaced by `***`. Values without a scheme keep their shape
 * (`***@proxy:3128`); anything that is no URL comes back unchanged.
 */
export function redactUrl(value: string): string {
  if (!SCHEME.test(value.trim())) {
    return userInfoOf(value) ? value.replace(/^(\s*)[^/?#\s]*@/, '$1***@') : value;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return value.replace(/\/\/[^/?#\s]*@/g, '//***@');
  }
  if (url.username === '' && url.password === '') return value;
  url.username = '***';
  url.password = '';
  return url.toString();
}

/** `value` without its user info (what manifest.json and outputs may show). */
export function stripCredentials(value: string): string {
  if (!userInfoOf(value)) return value;
  if (SCHEME.test(value.trim())) {
    try {
      const url = new URL(value);
      url.username = '';
      url.password = '';
      return url.toString();
    } catch {
      // fall through to the textual form
    }
  }
  return value.replace(/^(\s*(?:[a-z][a-z0-9+.-]*:\/\/)?)[^/?#\s]*@/i, '$1');
}

/**
 * The secret parts of a URL's user info, in every spelling a log line may carry: as written,
 * %-decoded, and as WHATWG URL serialization %-encodes it. With a password: the password and
 * `user:password` (a plain user name alone is not secret); with a user name only: that name
 * (a token). [] when the value carries no credentials.
 */
export function urlSecrets(value: string): string[] {
  const info = userInfoOf(value);
  if (!info) return [];
  const forms: string[] = [];
  if (info.password !== undefined && info.password !== '') {
    forms.push(info.password, info.raw);
  } else if (info.user !== '') {
    forms.push(info.user);
  }
  if (SCHEME.test(value.trim())) {
    try {
      const url = new URL(value);
      if (url.password) forms.push(url.password, `${url.username}:${url.password}`);
      else if (url.username) forms.push(url.username);
    } catch {
      // not parseable: the written forms are enough
    }
  }
  const found = new Set<string>();
  for (const form of forms) {
    for (const variant of [form, decoded(form)]) if (variant !== '' && variant !== ':') found.add(variant);
  }
  return [...found];
}

/** Every credential in a free text: each `scheme://user-info@` it contains. */
export function textSecrets(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/[a-z][a-z0-9+.-]*:\/\/[^\s/?#]+@/gi)) {
    for (const secret of urlSecrets(match[0])) found.add(secret);
  }
  return [...found];
}
