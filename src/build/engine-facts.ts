// What the engine can do, asked once before parsing the build inputs: the builder's driver
// (the docker driver cannot push by digest nor rewrite timestamps on image outputs) and
// whether the image store is containerd's (which can load multi-platform images).
import type { Logger } from '../log/logger.js';
import { runDocker, type DockerDeps } from './run.js';

export interface EngineFacts {
  /** `docker`, `docker-container`, `kubernetes`, `remote`; `unknown` when buildx would not say. */
  readonly driver: string;
  readonly containerdStore: boolean;
  /** `--load` of several platforms works (containerd image store). */
  readonly loadsMultiPlatform: boolean;
}

/** The `Driver:` line of `docker buildx inspect`. Pure. */
export function parseBuilderDriver(inspect: string): string | undefined {
  const match = /^Driver:\s*(\S+)/m.exec(inspect);
  return match?.[1];
}

/** `docker info --format '{{json .DriverStatus}}'` names containerd's snapshotter. Pure. */
export function parseContainerdStore(driverStatusJson: string): boolean {
  return driverStatusJson.includes('io.containerd.snapshotter');
}

const quiet = (log: Logger): Logger => ({ ...log, info: (m) => log.debug(m) });

export async function probeEngine(deps: DockerDeps, builder?: string): Promise<EngineFacts> {
  const q = { ...deps, log: quiet(deps.log) };
  const [inspect, info] = await Promise.all([
    runDocker(['buildx', 'inspect', ...(builder ? [builder] : [])], q, { echo: false, what: 'docker buildx inspect' }),
    runDocker(['info', '--format', '{{json .DriverStatus}}'], q, { echo: false, what: 'docker info' }),
  ]);
  const containerdStore = parseContainerdStore(info.stdout);
  return { driver: parseBuilderDriver(inspect.stdout) ?? 'unknown', containerdStore, loadsMultiPlatform: containerdStore };
}
