// Node's global fetch ignores HTTP(S)_PROXY. Reading a pushed image back for verification must
// go the same way the downloads went, so with proxy settings the verifier gets a fetch bound to
// an undici proxy agent built from those settings (never from process.env). undici is loaded
// on the first request through a proxy: a run without one never loads it.
import type { ProxySettings } from './settings.js';

export function proxiedFetch(settings: ProxySettings): typeof fetch | undefined {
  if (!settings.http && !settings.https) return undefined;
  let bound: Promise<(input: Parameters<typeof fetch>[0], init?: RequestInit) => Promise<Response>> | undefined;
  const bind = async () => {
    // Bundled, undici (CommonJS) comes out of a split chunk as its default export only.
    const loaded = (await import('undici')) as typeof import('undici') & { default?: typeof import('undici') };
    const { EnvHttpProxyAgent, fetch: undiciFetch } = loaded.default ?? loaded;
    const dispatcher = new EnvHttpProxyAgent({
      ...(settings.http ? { httpProxy: settings.http } : {}),
      ...(settings.https ? { httpsProxy: settings.https } : {}),
      ...(settings.noProxy ? { noProxy: settings.noProxy } : {}),
    });
    return (input: Parameters<typeof fetch>[0], init?: RequestInit) =>
      undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher }) as unknown as Promise<Response>;
  };
  return (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => (await (bound ??= bind()))(input, init)) as typeof fetch;
}
