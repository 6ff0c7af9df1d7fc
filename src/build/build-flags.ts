// docker/build-push-action's build inputs, same names and syntax: `target`, `build-contexts`
// (`name=path` lines), `cache-from`/`cache-to` (one buildx cache spec per line, commas kept),
// `sbom`, `no-cache`, `pull`, `network`, `add-hosts` (`host:ip`, comma or newline). Checked
// here and handed to buildx as they are. Pure; errors name the input.
import { InputError } from '../errors.js';
import type { InputName, RawInputs } from '../inputs/names.js';
import { parseBoolean, parseLines, parseList } from '../inputs/scalars.js';

export interface BuildFlags {
  readonly target?: string;
  /** `name=path` (or `name=docker-image://…`, `name=https://…`), next to `tiktoken`. */
  readonly buildContexts: readonly (readonly [string, string])[];
  readonly cacheFrom: readonly string[];
  readonly cacheTo: readonly string[];
  /** `--sbom` value: true, false or generator attributes. */
  readonly sbom?: string;
  readonly noCache: boolean;
  readonly pull: boolean;
  readonly network?: 'default' | 'none' | 'host';
  /** `host:ip` as `--add-host` takes it. */
  readonly addHosts: readonly string[];
}

/** The named context that carries the verified cache; a user context may not take its name. */
export const CACHE_CONTEXT = 'tiktoken';

const STAGE = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const NETWORKS = ['default', 'none', 'host'] as const;
const HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/;
const ADDRESS = /^(host-gateway|[0-9]{1,3}(\.[0-9]{1,3}){3}|\[?[0-9A-Fa-f:.]+\]?)$/;

function oneLine(input: InputName, value: string): string {
  if (/[\r\n\0]/.test(value)) throw new InputError(input, { got: JSON.stringify(value), expected: 'a single line', fix: `remove the line break from ${input}` });
  return value;
}

function parseContexts(raw: string): Array<readonly [string, string]> {
  const seen = new Set<string>();
  return parseLines(raw).map((line) => {
    const eq = line.indexOf('=');
    const name = eq > 0 ? line.slice(0, eq).trim() : '';
    const value = eq > 0 ? line.slice(eq + 1).trim() : '';
    if (name === '' || value === '' || /\s/.test(name)) {
      throw new InputError('build-contexts', { got: JSON.stringify(line), expected: 'one name=path per line (or name=docker-image://ref, name=https://…)', fix: 'write each context as name=path' });
    }
    if (name.toLowerCase() === CACHE_CONTEXT) {
      throw new InputError('build-contexts', {
        got: JSON.stringify(line),
        expected: `no context named "${CACHE_CONTEXT}": this action passes the verified encoder cache under that name`,
        fix: `rename your context and its COPY --from; COPY --from=${CACHE_CONTEXT} already gives the verified files`,
      });
    }
    if (seen.has(name)) throw new InputError('build-contexts', { got: `the name ${JSON.stringify(name)} twice`, expected: 'each context name once', fix: 'remove one of them' });
    seen.add(name);
    return [name, value] as const;
  });
}

function parseCacheSpecs(input: 'cache-from' | 'cache-to', raw: string): string[] {
  return parseLines(raw).map((line) => {
    if (/\s/.test(line.replace(/"[^"]*"/g, ''))) {
      throw new InputError(input, { got: JSON.stringify(line), expected: 'one buildx cache spec per line, e.g. type=registry,ref=ghcr.io/org/app:buildcache', fix: `write each ${input} entry on its own line without spaces` });
    }
    return line;
  });
}

function parseAddHosts(raw: string): string[] {
  return parseList(raw).map((item) => {
    const sep = item.search(/[:=]/);
    const host = sep > 0 ? item.slice(0, sep) : '';
    const address = sep > 0 ? item.slice(sep + 1) : '';
    if (!HOST.test(host) || !ADDRESS.test(address)) {
      throw new InputError('add-hosts', { got: JSON.stringify(item), expected: 'host:ip, e.g. docker:10.180.0.1 (or host-gateway)', fix: 'write each entry as host:ip' });
    }
    return `${host}:${address}`;
  });
}

function parseSbom(raw: string): string | undefined {
  const value = oneLine('sbom', raw.trim());
  if (value === '') return undefined;
  if (value === 'true' || value === 'false' || /^[a-z-]+=[^\s,]+(,[a-z-]+=[^\s,]+)*$/.test(value)) return value;
  throw new InputError('sbom', { got: JSON.stringify(raw), expected: 'true, false or attributes such as generator=<image>', fix: 'set sbom: true (or leave it empty)' });
}

export function parseBuildFlags(raw: RawInputs, overlay: boolean): BuildFlags {
  const target = oneLine('target', raw('target').trim());
  if (target !== '' && !STAGE.test(target)) {
    throw new InputError('target', { got: JSON.stringify(target), expected: 'a stage name from the Dockerfile (FROM … AS <name>)', fix: 'give the name of a build stage' });
  }
  if (target !== '' && overlay) {
    throw new InputError('target', { got: JSON.stringify(target), expected: 'no target in overlay mode (base-image is set; the generated Dockerfile has one stage)', fix: 'remove target, or build your Dockerfile (file/context) instead of base-image' });
  }
  const network = oneLine('network', raw('network').trim());
  if (network !== '' && !(NETWORKS as readonly string[]).includes(network)) {
    throw new InputError('network', { got: JSON.stringify(network), expected: NETWORKS.join(', '), fix: 'set network to default, none or host (host needs the network.host entitlement on the builder)' });
  }
  const sbom = parseSbom(raw('sbom'));
  return {
    ...(target !== '' ? { target } : {}),
    buildContexts: parseContexts(raw('build-contexts')),
    cacheFrom: parseCacheSpecs('cache-from', raw('cache-from')),
    cacheTo: parseCacheSpecs('cache-to', raw('cache-to')),
    ...(sbom !== undefined ? { sbom } : {}),
    noCache: parseBoolean('no-cache', raw('no-cache'), false),
    pull: parseBoolean('pull', raw('pull'), false),
    ...(network !== '' ? { network: network as BuildFlags['network'] & string } : {}),
    addHosts: parseAddHosts(raw('add-hosts')),
  };
}

/** The argv fragment for these flags (after the build-args, before the outputs). */
export function buildFlagArgs(flags: BuildFlags): string[] {
  const argv: string[] = [];
  if (flags.target) argv.push('--target', flags.target);
  for (const [name, value] of flags.buildContexts) argv.push('--build-context', `${name}=${value}`);
  for (const spec of flags.cacheFrom) argv.push('--cache-from', spec);
  for (const spec of flags.cacheTo) argv.push('--cache-to', spec);
  for (const host of flags.addHosts) argv.push('--add-host', host);
  if (flags.network) argv.push('--network', flags.network);
  if (flags.noCache) argv.push('--no-cache');
  if (flags.pull) argv.push('--pull');
  if (flags.sbom !== undefined) argv.push('--sbom', flags.sbom);
  return argv;
}
