// The buildx builders the e2e suite runs its image tests on (issue #7's builder matrix):
// Docker Engine's own builder, a docker-container builder and a remote builder, all three made
// by the provisioning scripts. A test names a builder through `builder.name` (the `builder`
// input); a missing builder fails the test and names the script that makes it, never a skip.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_TYPES, REGISTRY, runDocker, splitRef, testImage } from './docker.js';

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

/** The BuildKit image scripts/provision-buildkit.sh pushes to the loopback registry. */
export const BUILDKIT_IMAGE = testImage('buildkit:v0.23.2');

/**
 * Empty docker-container builders a suite makes itself (a cache test needs a builder that has
 * never built anything), from BUILDKIT_IMAGE on the host network with the loopback registry
 * over plain HTTP. Fails naming the provisioning script when the image is missing; `remove()`
 * deletes only the builders this factory made.
 */
export async function emptyBuilders(dir: string, prefix: string): Promise<{ create: () => Promise<string>; remove: () => Promise<void> }> {
  const { repository } = splitRef(BUILDKIT_IMAGE);
  const image = await fetch(`http://${REGISTRY}/v2/${repository}/manifests/v0.23.2`, { method: 'HEAD', headers: { accept: MANIFEST_TYPES.join(', ') } });
  if (!image.ok) throw new Error(`the BuildKit image ${BUILDKIT_IMAGE} is not in the loopback registry; run \`sudo bash scripts/provision-buildkit.sh\``);
  const config = join(dir, 'buildkitd.toml');
  await writeFile(config, '[worker.oci]\n  enabled = true\n  networkMode = "host"\n[worker.containerd]\n  enabled = false\n[registry."127.0.0.1:5000"]\n  http = true\n');
  const made: string[] = [];
  return {
    create: async () => {
      const name = `${prefix}-${made.length}`;
      made.push(name);
      await runDocker(['buildx', 'create', '--name', name, '--driver', 'docker-container', '--driver-opt', `image=${BUILDKIT_IMAGE},network=host`, '--buildkitd-config', config]);
      await runDocker(['buildx', 'inspect', '--bootstrap', name]);
      return name;
    },
    remove: async () => {
      for (const name of made) await runDocker(['buildx', 'rm', '--force', name], { allowFailure: true });
    },
  };
}
