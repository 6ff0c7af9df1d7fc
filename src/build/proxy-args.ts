// Proxy settings reach the build as Docker's predefined proxy build-args (upper and lower
// case), which BuildKit keeps out of `docker history` and the image config. Provenance is the
// remaining leak: `mode=max` records every build-arg (checked here with BuildKit in Docker
// 26.1: `build-arg:HTTP_PROXY` appears verbatim in the attestation), `mode=min` records none.
// So with credentials in a proxy URL, `mode=max` becomes `mode=min`, with a notice. Pure.
import { redactUrl, urlSecrets } from '../proxy/redact.js';
import type { ProxySettings } from '../proxy/settings.js';
import type { Pair } from './labels.js';

/** The proxy part of the build's inputs: src/proxy/settings.ts's resolved settings. */
export type BuildProxy = ProxySettings;

/** Build-arg names BuildKit treats as predefined proxy args (kept out of history). */
export const PROXY_ARG_NAMES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'] as const;

export function proxyBuildArgs(proxy: BuildProxy): Pair[] {
  const args: Pair[] = [];
  if (proxy.http) args.push(['HTTP_PROXY', proxy.http], ['http_proxy', proxy.http]);
  if (proxy.https) args.push(['HTTPS_PROXY', proxy.https], ['https_proxy', proxy.https]);
  if (proxy.noProxy) args.push(['NO_PROXY', proxy.noProxy], ['no_proxy', proxy.noProxy]);
  return args;
}

/** Secret parts of the proxy URLs, for masking and for deciding provenance. */
export function proxySecrets(proxy: BuildProxy): string[] {
  return [...new Set([proxy.http, proxy.https].flatMap((url) => (url ? urlSecrets(url) : [])))];
}

export const PROVENANCE_VALUES = ['', 'true', 'false', 'mode=min', 'mode=max'] as const;
export type ProvenanceInput = (typeof PROVENANCE_VALUES)[number];

/** What goes to `--provenance` (undefined: leave buildx's default, which is mode=min). */
export interface ProvenanceChoice {
  readonly flag?: 'false' | 'mode=min' | 'mode=max';
  readonly notice?: string;
}

export function chooseProvenance(requested: ProvenanceInput, proxy: BuildProxy): ProvenanceChoice {
  const flag = requested === '' ? undefined : requested === 'true' ? 'mode=min' : requested;
  if (flag === 'mode=max' && proxySecrets(proxy).length > 0) {
    const shown = [proxy.http, proxy.https].filter((u): u is string => !!u).map(redactUrl).join(', ');
    return {
      flag: 'mode=min',
      notice:
        `provenance mode=max would record the proxy build-args with their credentials (${shown}); using mode=min, ` +
        'which records no build-args. Use a proxy without credentials in the URL to keep mode=max.',
    };
  }
  return flag === undefined ? {} : { flag };
}

/**
 * The proxy the build really gets: the merged build-args (the inputs' proxy args, overridden by
 * any the user wrote in `build-args`). A credentialed value wins, so provenance and masking see
 * every password whichever spelling carried it.
 */
export function proxyOfBuildArgs(args: readonly Pair[]): BuildProxy {
  const pick = (upper: string): string | undefined => {
    const values = args.filter(([key]) => key === upper || key === upper.toLowerCase()).map(([, value]) => value);
    return values.find((value) => urlSecrets(value).length > 0) ?? values[0];
  };
  const http = pick('HTTP_PROXY');
  const https = pick('HTTPS_PROXY');
  const noProxy = pick('NO_PROXY');
  return { ...(http ? { http } : {}), ...(https ? { https } : {}), ...(noProxy ? { noProxy } : {}) };
}

/** Build-arg values as a log line may show them: proxy URLs redacted, everything else `***`. */
export function redactBuildArg(arg: string): string {
  const eq = arg.indexOf('=');
  if (eq < 0) return arg;
  const key = arg.slice(0, eq);
  const value = arg.slice(eq + 1);
  if (key === 'SOURCE_DATE_EPOCH') return arg;
  if ((PROXY_ARG_NAMES as readonly string[]).includes(key)) return `${key}=${key.toLowerCase() === 'no_proxy' ? value : redactUrl(value)}`;
  return `${key}=***`;
}

/** The argv with every `--build-arg` value redacted, for logs. */
export function redactArgv(argv: readonly string[]): string[] {
  return argv.map((arg, i) => (argv[i - 1] === '--build-arg' ? redactBuildArg(arg) : arg));
}
