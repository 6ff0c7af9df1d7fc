// The buildx builders the e2e suite runs its image tests on (issue #7's builder matrix):
// Docker Engine's own builder, a docker-container builder and a remote builder, all three made
// by the provisioning scripts. A test names a builder through `builder.name` (the `builder`
// input); a missing builder fails the test and names the script that makes it, never a skip.
import { runDocker } from './docker.js';

export type BuilderDriver = 'docker' | 'docker-container' | 'remote';

export interface TestBuilder {
  /** The buildx builder name to pass as the `builder` input. */
  readonly name: string;
  readonly driver: BuilderDriver;
  /** The script that creates it, named when it is missing. */
  readonly provision: string;
}

/** Every builder the image tests run on. */
export const BUILDERS: readonly TestBuilder[] = [
  { name: 'default', driver: 'docker', provision: 'scripts/provision-engine.sh' },
  { name: 'oneapi-offline-container', driver: 'docker-container', provision: 'scripts/provision-buildkit.sh' },
  { name: 'oneapi-offline-remote', driver: 'remote', provision: 'scripts/provision-buildkit.sh' },
];

/** Fails (never skips) unless `builder` exists and runs with the expected driver. */
export async function requireBuilder(builder: TestBuilder): Promise<void> {
  const inspect = await runDocker(['buildx', 'inspect', '--bootstrap', builder.name], { allowFailure: true });
  if (inspect.code !== 0) throw new Error(`buildx builder "${builder.name}" is missing (${inspect.stderr.trim().split('\n').at(-1)}); run \`sudo bash ${builder.provision}\``);
  const driver = /^Driver:\s*(\S+)/m.exec(inspect.stdout)?.[1];
  if (driver !== builder.driver) throw new Error(`buildx builder "${builder.name}" has driver ${driver ?? '?'}, expected ${builder.driver}; run \`sudo bash ${builder.provision}\``);
  // Every image test builds linux/arm64 too (qemu binfmt for the RUN steps).
  const platforms = /^\s*Platforms:\s*(.*)$/m.exec(inspect.stdout)?.[1] ?? '';
  if (!platforms.split(/,\s*/).map((p) => p.replace(/\*$/, '')).includes('linux/arm64')) {
    throw new Error(`buildx builder "${builder.name}" cannot build linux/arm64 (platforms: ${platforms || 'none listed'}); run \`sudo bash ${builder.provision}\``);
  }
}
