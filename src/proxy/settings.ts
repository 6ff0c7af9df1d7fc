// Proxy settings from the `http-proxy`, `https-proxy`, `no-proxy` inputs, defaulting to the
// runner's environment. Pure: the entry passes `process.env` in and applies
// `proxyEnvironment(...)` back to it (downloads) and to the build's predefined proxy build-args.
import { InputError } from '../errors.js';
import { redactUrl, urlSecrets } from './redact.js';

export interface ProxySettings {
  readonly http?: string;
  readonly https?: string;
  readonly noProxy?: string;
}

export interface ProxyInputs {
  readonly httpProxy: string;
  readonly httpsProxy: string;
  readonly noProxy: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** A chosen value and where it came from ('input', or the variable's name). */
interface Picked {
  readonly value: string;
  readonly from: string;
}

/**
 * The first non-blank value: the input, then the lower-case, then the upper-case variable
 * (the order @actions/http-client and curl read them in).
 */
function pick(input: string, env: Env, name: string): Picked | undefined {
  const candidates: Array<readonly [string, string | undefined]> = [
    ['input', input],
    [name.toLowerCase(), env[name.toLowerCase()]],
    [name.toUpperCase(), env[name.toUpperCase()]],
  ];
  for (const [from, value] of candidates) {
    const trimmed = value?.trim();
    if (trimmed) return { value: trimmed, from };
  }
  return undefined;
}

/** A rejected value, shown without anything before an `@` (it may hold a password). */
function showRejected(value: string): string {
  const redacted = redactUrl(value);
  return JSON.stringify(redacted.includes('@') ? redacted.replace(/^([a-z][a-z0-9+.-]*:\/\/)?.*@/i, '$1***@') : redacted);
}

function checkProxyUrl(input: 'http-proxy' | 'https-proxy', picked: Picked): string {
  const { from } = picked;
  // `proxy.example:3128` without a scheme means http://, as curl and corporate images use it.
  const value = picked.value.includes('://') ? picked.value : `http://${picked.value}`;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new InputError(input, {
      ...(from === 'input' ? {} : { what: `input "${input}" is empty and the runner's ${from} is not a usable proxy URL` }),
      got: showRejected(picked.value),
      expected: 'an http:// or https:// proxy URL, e.g. http://user:password@proxy.example:3128',
      fix: `set ${input} (or the runner's ${input === 'http-proxy' ? 'HTTP_PROXY' : 'HTTPS_PROXY'}) to a proxy URL such as http://proxy.example:3128, or leave it empty for no proxy`,
    });
  }
  return value;
}

/** Inputs win; else HTTP_PROXY/http_proxy, HTTPS_PROXY/https_proxy, NO_PROXY/no_proxy. */
export function resolveProxySettings(inputs: ProxyInputs, env: Env): ProxySettings {
  const http = pick(inputs.httpProxy, env, 'HTTP_PROXY');
  const https = pick(inputs.httpsProxy, env, 'HTTPS_PROXY');
  const noProxy = pick(inputs.noProxy, env, 'NO_PROXY');
  return {
    ...(http !== undefined ? { http: checkProxyUrl('http-proxy', http) } : {}),
    ...(https !== undefined ? { https: checkProxyUrl('https-proxy', https) } : {}),
    ...(noProxy !== undefined ? { noProxy: noProxy.value } : {}),
  };
}

/** Upper- and lower-case variables for every setting present (process.env, build-args). */
export function proxyEnvironment(settings: ProxySettings): Record<string, string> {
  const env: Record<string, string> = {};
  const put = (name: string, value: string | undefined): void => {
    if (value === undefined) return;
    env[name] = value;
    env[name.toLowerCase()] = value;
  };
  put('HTTP_PROXY', settings.http);
  put('HTTPS_PROXY', settings.https);
  put('NO_PROXY', settings.noProxy);
  return env;
}

/** Secret parts of the proxy URLs, for core.setSecret / the CLI's mask. */
export function proxySecrets(settings: ProxySettings): string[] {
  const found = new Set<string>();
  for (const url of [settings.http, settings.https]) {
    if (url !== undefined) for (const secret of urlSecrets(url)) found.add(secret);
  }
  return [...found];
}
