// Which proxy a request goes through, by the rules the downloads already follow
// (@actions/http-client reads the same settings from the environment the entry sets): an https
// URL uses the https proxy, an http URL the http one, with no fall-back between them; loopback
// hosts and the no-proxy list go direct. No-proxy entries are host names or IPs, optionally with
// a port; `*` is every host; `example.com` and `.example.com` also cover the subdomains. Pure.
import type { ProxySettings } from '../proxy/settings.js';

function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host.startsWith('127.') || host === '[::1]' || host === '[0:0:0:0:0:0:0:1]';
}

function defaultPort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

function bypassed(url: URL, noProxy: string | undefined): boolean {
  if (isLoopback(url.hostname)) return true;
  const entries = (noProxy ?? '')
    .split(',')
    .map((entry) => entry.trim().toUpperCase())
    .filter((entry) => entry !== '');
  if (entries.length === 0) return false;
  const host = url.hostname.toUpperCase();
  const names = [host, `${host}:${defaultPort(url)}`];
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
