// Proxy settings reach the build as Docker's predefined proxy build-args (upper and lower
// case), which BuildKit keeps out of `docker history` and the image config. Provenance is the
// remaining leak: `mode=max` records every build-arg (checked here with BuildKit in Docker
// 26.1: `build-arg:HTTP_PROXY` appears verbatim in the attestation), `mode=min` records none.
// So with credentials in a proxy URL, `mode=max` becomes `mode=min`, with a notice. Pure.
import { redactUrl, textSecrets, urlSecrets } from '../proxy/redact.js';
import type { ProxySettings } from '../proxy/settings.js';
import type { Pair } from './labels.js';

/**
 * The proxies the build gets: src/proxy/settings.ts's resolved settings, plus what only
 * build-args can carry (FTP_PROXY, ALL_PROXY) and any other build-arg value holding a URL
 * credential (mode=max provenance would record those too).
 */
export interface BuildProxy extends ProxySettings {
  readonly ftp?: string;
  readonly all?: string;
  readonly others?: readonly string[];
}

/** BuildKit's predefined proxy args (kept out of history), in upper and lower case. */
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

const PROXY_NAMES = ['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY'] as const;
export const PROXY_ARG_NAMES = PROXY_NAMES.flatMap((name) => [name, name.toLowerCase()]);

/** A proxy build-arg name, in any case (`Https_Proxy` too: its value is treated as a proxy). */
export function isProxyArg(key: string): boolean {
  return (PROXY_NAMES as readonly string[]).includes(key.toUpperCase());
}

export function proxyBuildArgs(proxy: BuildProxy): Pair[] {
  const args: Pair[] = [];
  if (proxy.http) args.push(['HTTP_PROXY', proxy.http], ['http_proxy', proxy.http]);
  if (proxy.https) args.push(['HTTPS_PROXY', proxy.https], ['https_proxy', proxy.https]);
  if (proxy.noProxy) args.push(['NO_PROXY', proxy.noProxy], ['no_proxy', proxy.noProxy]);
  return args;
}

/** Secret parts of every proxy URL and credentialed build-arg, for masking and provenance. */
export function proxySecrets(proxy: BuildProxy): string[] {
  const urls = [proxy.http, proxy.https, proxy.ftp, proxy.all].filter((url): url is string => !!url);
  return [...new Set([...urls.flatMap(urlSecrets), ...(proxy.others ?? []).flatMap(textSecrets)])];
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
    const shown = [proxy.http, proxy.https, proxy.ftp, proxy.all]
      .filter((u): u is string => !!u && urlSecrets(u).length > 0)
      .map(redactUrl)
      .concat((proxy.others ?? []).length > 0 ? ['a build-arg holding a URL with credentials'] : [])
      .join(', ');
    return {
      flag: 'mode=min',
      notice:
        `provenance mode=max would record the proxy build-args with their credentials (${shown}); using mode=min, ` +
        'which records no build-args. Use a proxy without credentials in the URL (and build-args without them) to keep mode=max.',
    };
  }
  return flag === undefined ? {} : { flag };
}

/**
 * The proxy the build really gets: the merged build-args (the inputs' proxy args, overridden by
 * any the user wrote in `build-args`, in any case, with or without a scheme). A credentialed
 * value wins, so provenance and masking see every password whichever spelling carried it.
 */
export function proxyOfBuildArgs(args: readonly Pair[]): BuildProxy {
  const pick = (upper: string): string | undefined => {
    const values = args.filter(([key]) => key.toUpperCase() === upper).map(([, value]) => value);
    return values.find((value) => urlSecrets(value).length > 0) ?? values[0];
  };
  const http = pick('HTTP_PROXY');
  const https = pick('HTTPS_PROXY');
  const ftp = pick('FTP_PROXY');
  const all = pick('ALL_PROXY');
  const noProxy = pick('NO_PROXY');
  // Credentials the picks above do not show: a second credentialed spelling of a proxy name,
  // and URL credentials in any other build-arg. Kept with a scheme, for `textSecrets`.
  const picked = new Set([http, https, ftp, all]);
  const others: string[] = [];
  for (const [key, value] of args) {
    if (isProxyArg(key) && key.toUpperCase() !== 'NO_PROXY') {
      if (!picked.has(value) && urlSecrets(value).length > 0) others.push(SCHEME.test(value.trim()) ? value : `http://${value.trim()}`);
    } else if (textSecrets(value).length > 0) {
      others.push(value);
    }
  }
  return {
    ...(http ? { http } : {}),
    ...(https ? { https } : {}),
    ...(ftp ? { ftp } : {}),
    ...(all ? { all } : {}),
    ...(noProxy ? { noProxy } : {}),
    ...(others.length > 0 ? { others } : {}),
  };
}

/** Build-arg values as a log line may show them: proxy URLs redacted, everything else `***`. */
export function redactBuildArg(arg: string): string {
  const eq = arg.indexOf('=');
  if (eq < 0) return arg;
  const key = arg.slice(0, eq);
  const value = arg.slice(eq + 1);
  if (key === 'SOURCE_DATE_EPOCH') return arg;
  if (isProxyArg(key)) return `${key}=${key.toUpperCase() === 'NO_PROXY' ? value : redactUrl(value)}`;
  return `${key}=***`;
}

/** The argv with every `--build-arg` value redacted, for logs. */
export function redactArgv(argv: readonly string[]): string[] {
  return argv.map((arg, i) => (argv[i - 1] === '--build-arg' ? redactBuildArg(arg) : arg));
}
