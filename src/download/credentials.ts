// A mirror URL may carry `user:password@`. @actions/http-client sends only host, port and path,
// so the credentials would be dropped silently; they go in an Authorization header instead,
// sent only to this URL's origin (redirects.ts). Pure.

export interface SplitUrl {
  /** The URL without user info. */
  readonly url: string;
  /** `Basic …` when the URL had user info. */
  readonly authorization?: string;
}

export function splitCredentials(value: string): SplitUrl {
  const url = new URL(value);
  if (url.username === '' && url.password === '') return { url: value };
  const pair = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  url.username = '';
  url.password = '';
  return { url: url.toString(), authorization: `Basic ${Buffer.from(pair, 'utf8').toString('base64')}` };
}
