// Node's global fetch ignores HTTP(S)_PROXY. Reading a pushed image back for verification must
// go the same way the downloads went, so with proxy settings the verifier gets a fetch bound to
// an undici proxy agent built from those settings (never from process.env).
import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import type { ProxySettings } from './settings.js';

export function proxiedFetch(settings: ProxySettings): typeof fetch | undefined {
  if (!settings.http && !settings.https) return undefined;
  const dispatcher = new EnvHttpProxyAgent({
    ...(settings.http ? { httpProxy: settings.http } : {}),
    ...(settings.https ? { httpsProxy: settings.https } : {}),
    ...(settings.noProxy ? { noProxy: settings.noProxy } : {}),
  });
  return ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher })) as unknown as typeof fetch;
}
