// Every credential a run was given, read from the raw text of the inputs and the runner's proxy
// variables before any of them is parsed: masking only hides what is registered before it is
// first printed, and a parse error may quote the value it rejects. `plan` registers these
// first thing. Pure.
import type { InputName, RawInputs } from '../inputs/names.js';
import { textSecrets, urlSecrets } from './redact.js';
import { attestSecrets } from '../attest/attest-secrets.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Inputs that are one URL (a proxy may come without a scheme). */
const URL_INPUTS = ['mirror', 'http-proxy', 'https-proxy'] as const satisfies readonly InputName[];
/** Inputs whose text may hold URLs anywhere (extras' lines, a remote build context). */
const TEXT_INPUTS = ['extra-encoders', 'context'] as const satisfies readonly InputName[];
/** Proxy variables of the runner's environment and proxy build-args, in upper case. */
const PROXY_NAMES = ['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'ALL_PROXY'] as const;

function isProxyName(name: string): boolean {
  return (PROXY_NAMES as readonly string[]).includes(name.trim().toUpperCase());
}

/** Credentials in `build-args` lines: proxy values with or without a scheme, URLs in any other. */
function buildArgSecrets(text: string): string[] {
  return text.split(/\r?\n/).flatMap((line) => {
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq) : '';
    const value = eq > 0 ? line.slice(eq + 1) : line;
    return [...(isProxyName(key) ? urlSecrets(value) : []), ...textSecrets(line)];
  });
}

/** The secret forms of every credential in the inputs and the environment's proxy variables. */
export function inputSecrets(raw: RawInputs, env: Env): string[] {
  const found = [
    ...URL_INPUTS.flatMap((name) => [...urlSecrets(raw(name)), ...textSecrets(raw(name))]),
    ...TEXT_INPUTS.flatMap((name) => textSecrets(raw(name))),
    ...buildArgSecrets(raw('build-args')),
    ...attestSecrets(raw),
    ...Object.entries(env).flatMap(([name, value]) => (value !== undefined && isProxyName(name) ? urlSecrets(value) : [])),
  ];
  return [...new Set(found)];
}
