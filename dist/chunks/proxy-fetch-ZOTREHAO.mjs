import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import "./chunk-JVZTSKKL.mjs";

// src/proxy/proxy-fetch.ts
function proxiedFetch(settings) {
  if (!settings.http && !settings.https) return void 0;
  let bound;
  const bind = async () => {
    const loaded = await import("./undici-AOL4VVV7.mjs");
    const { EnvHttpProxyAgent, fetch: undiciFetch } = loaded.default ?? loaded;
    const dispatcher = new EnvHttpProxyAgent({
      ...settings.http ? { httpProxy: settings.http } : {},
      ...settings.https ? { httpsProxy: settings.https } : {},
      ...settings.noProxy ? { noProxy: settings.noProxy } : {}
    });
    return (input, init) => undiciFetch(input, { ...init, dispatcher });
  };
  return (async (input, init) => (await (bound ??= bind()))(input, init));
}
export {
  proxiedFetch
};
