// Credentials in proxy and mirror URLs must never be printed. Everything that shows a URL
// to a person goes through `redactUrl`; the secrets themselves are registered for masking
// by the entry (core.setSecret in Actions, the CLI's own log filter elsewhere).

/** The URL with any user:password replaced by `***`. Non-URLs come back unchanged. */
export function redactUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return value.replace(/\/\/[^/@\s]*@/g, '//***@');
  }
  if (url.username === '' && url.password === '') return value;
  url.username = '***';
  url.password = '';
  return url.toString();
}

/** The secret parts of a URL (password, the user:password pair, both raw and decoded). */
export function urlSecrets(value: string): string[] {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [];
  }
  const found = new Set<string>();
  for (const part of [url.password, url.username ? `${url.username}:${url.password}` : '']) {
    if (part === '' || part === ':') continue;
    found.add(part);
    try {
      found.add(decodeURIComponent(part));
    } catch {
      // keep the raw form only
    }
  }
  return [...found];
}
