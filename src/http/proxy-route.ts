// Which proxy a request goes through, by the rules the downloads already follow
// (@actions/http-client reads the same settings from the environment the entry sets): an https
// URL uses the https proxy, an http URL the http one, with no fall-back between them; loopback
// hosts (as registryScheme knows them: localhost, 127.x.x.x, ::1) and the no-proxy list go
// direct. No-proxy entries are host names or IPs, optionally with a port; `*` is every host;
// `example.com` and `.example.com` also cover the subdomains. Pure.
import { isLoopbackHost } from '../oci/reference.js';
import type { ProxySettings } from '../proxy/settings.js';

/** The port a URL reaches, its scheme's default when it names none. */
export function portOf(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

function bypassed(url: URL, noProxy: string | undefined): boolean {
  if (isLoopbackHost(url.hostname)) return true;
  const entries = (noProxy ?? '')
    .split(',')
    .map((entry) => entry.trim().toUpperCase())
    .filter((entry) => entry !== '');
  if (entries.length === 0) return false;
  const host = url.hostname.toUpperCase();
  const names = [host, `${host}:${portOf(url)}`];
  return entries.some((entry) => {
    if (entry === '*') return true;
    return names.some((name) => name === entry || name.endsWith(entry.startsWith('.') ? entry : `.${entry}`));
  });
}

/** The proxy for `url`, or undefined when it goes direct. */
export function proxyFor(url: URL, settings: ProxySettings | undefined): URL | undefined {
  if (!settings) return undefined;
  const proxy = url.protocol === 'https:' ? settings.https : settings.http;
  if (!proxy || bypassed(url, settings.noProxy)) return undefined;
  return new URL(proxy);
}
