// What the builder and engine can do, asked once before the build inputs are trusted: the
// builder exists (else an input error listing the builders there are), its driver (the docker
// driver cannot push by digest nor rewrite timestamps on image outputs), the platforms it can
// build (emulated ones included), and — only when a load needs it — whether the image store is
// containerd's (which can load multi-platform images). One `buildx inspect --bootstrap`, plus
// `docker info` for a load; nothing else.
import { ActionError, InputError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { runDocker, type DockerDeps } from './run.js';
import { missingPlatforms } from '../oci/platform.js';

export interface EngineFacts {
  /** `docker`, `docker-container`, `kubernetes`, `remote`; `unknown` when buildx would not say. */
  readonly driver: string;
  /** The builder's name as buildx reports it (`default` for Engine's own). */
  readonly builder?: string;
  /** Platforms the builder's nodes report (emulated ones included); empty when it did not say. */
  readonly platforms?: readonly string[];
  readonly containerdStore: boolean;
  /** `--load` of several platforms works (containerd image store). */
  readonly loadsMultiPlatform: boolean;
}

/** The `Driver:` line of `docker buildx inspect`. Pure. */
export function parseBuilderDriver(inspect: string): string | undefined {
  return /^Driver:\s*(\S+)/m.exec(inspect)?.[1];
}

/** The builder's `Name:` (the first one; nodes come later). Pure. */
export function parseBuilderName(inspect: string): string | undefined {
  return /^Name:\s*(\S+)/m.exec(inspect)?.[1];
}

/** Every node's `Platforms:` line, joined (buildx marks configured ones with `*`). Pure. */
export function parseBuilderPlatforms(inspect: string): string[] {
  const out = new Set<string>();
  for (const match of inspect.matchAll(/^Platforms:\s*(.*)$/gm)) {
    for (const item of (match[1] ?? '').split(',')) {
      const platform = item.trim().replace(/\*$/, '');
      if (platform !== '') out.add(platform);
    }
  }
  return [...out];
}

/** Builder names from `docker buildx ls --format json` (a JSON object a line), or its table. Pure. */
export function parseBuilderNames(ls: string): string[] {
  const names = new Set<string>();
  for (const line of ls.split('\n')) {
    if (line.startsWith('{')) {
      try {
        const name = (JSON.parse(line) as { Name?: unknown }).Name;
        if (typeof name === 'string' && name !== '') names.add(name);
      } catch {
        // not JSON after all: skip the line
      }
      continue;
    }
    if (line.trim() === '' || /^\s|^\\_|^NAME\b/.test(line)) continue;
    const name = line.trim().split(/\s+/)[0]?.replace(/\*$/, '');
    if (name) names.add(name);
  }
  return [...names];
}

/** `docker info --format '{{json .DriverStatus}}'` names containerd's snapshotter. Pure. */
export function parseContainerdStore(driverStatusJson: string): boolean {
  return driverStatusJson.includes('io.containerd.snapshotter');
}


/** Fails naming the builder's platforms when it cannot build one that was asked for. */
export function checkBuilderPlatforms(engine: EngineFacts, requested: readonly string[]): void {
  const available = engine.platforms ?? [];
  if (available.length === 0) return;
  const missing = missingPlatforms(requested, available);
  if (missing.length === 0) return;
  throw new InputError('platforms', {
    what: `builder "${engine.builder ?? 'default'}" (driver ${engine.driver}) cannot build ${missing.join(', ')}`,
    got: requested.join(', '),
    expected: `platforms the builder offers: ${available.join(', ')}`,
    fix: 'build only those platforms, register QEMU emulation on the builder host (binfmt), or add a node for the platform (docker buildx create --append)',
  });
}

const quiet = (log: Logger): Logger => ({ ...log, info: (m) => log.debug(m) });

async function missingBuilder(builder: string, deps: DockerDeps, cause: unknown): Promise<InputError> {
  const ls = await runDocker(['buildx', 'ls', '--format', 'json'], deps, { echo: false, what: 'docker buildx ls' }).catch(() => runDocker(['buildx', 'ls'], deps, { echo: false, what: 'docker buildx ls' }));
  const names = parseBuilderNames(ls.stdout);
  return new InputError(
    'builder',
    {
      what: `buildx builder "${builder}" does not exist`,
      got: JSON.stringify(builder),
      expected: names.length > 0 ? `one of the builders there are: ${names.join(', ')}` : 'an existing buildx builder (docker buildx ls lists none)',
      fix: 'pass the name of an existing builder (docker buildx ls), create it first (docker buildx create --name … or docker/setup-buildx-action), or leave builder empty for the current one',
    },
    { cause },
  );
}

export async function probeEngine(deps: DockerDeps, builder?: string, options: { store?: boolean } = {}): Promise<EngineFacts> {
  const q = { ...deps, log: quiet(deps.log) };
  const store = options.store ?? true;
  const [inspect, info] = await Promise.all([
    runDocker(['buildx', 'inspect', '--bootstrap', ...(builder ? [builder] : [])], q, { echo: false, what: 'docker buildx inspect' }).catch(async (error: unknown) => {
      if (builder && error instanceof ActionError && /no builder|not found|does not exist/i.test(error.message)) throw await missingBuilder(builder, q, error);
      throw error;
    }),
    store ? runDocker(['info', '--format', '{{json .DriverStatus}}'], q, { echo: false, what: 'docker info' }) : Promise.resolve(undefined),
  ]);
  const containerdStore = info ? parseContainerdStore(info.stdout) : false;
  const name = parseBuilderName(inspect.stdout);
  return {
    driver: parseBuilderDriver(inspect.stdout) ?? 'unknown',
    ...(name ? { builder: name } : {}),
    platforms: parseBuilderPlatforms(inspect.stdout),
    containerdStore,
    loadsMultiPlatform: containerdStore,
  };
}
