// Issue 7's build-step cost, per builder of the matrix (test/support/builders.ts; builders that
// are not there are reported and left out): the whole build step with push, warm caches and
// verification off —
//   action: `cli build --builder B --base-image … --push --no-verify` (prepare from the warm
//           tool cache, overlay, push by digest, four tags created after),
//   plain:  `docker buildx build --builder B --push` of the same overlay Dockerfile and context
//           with the same four tags —
// interleaved, so load drift falls on both alike. Targets: ≤1.25× outside the engine, ≤2× on
// Engine's own builder (which cannot push by digest: one OCI archive, pushed by our client).
import { BUILDERS, type TestBuilder } from '../test/support/builders.js';
import { REGISTRY, runDocker } from '../test/support/docker.js';
import { interleaved } from './interleave.js';
import { runTimed } from './proc.js';
import type { Series } from './stats.js';

export interface PushContext {
  readonly cli: string;
  readonly reps: number;
  readonly repo: string;
  readonly base: string;
  readonly cacheDir: string;
  readonly overlayContext: string;
  readonly platforms: string;
  readonly runnerEnv: Readonly<Record<string, string>>;
  readonly dockerEnv: Readonly<Record<string, string>>;
  readonly fresh: (name: string) => Promise<string>;
  readonly progress: (line: string) => void;
}

export interface PushSeries {
  readonly builder: TestBuilder;
  readonly action: Series;
  readonly plain: Series;
  /** ≤1.25 outside the engine, ≤2 on Engine's builder. */
  readonly target: number;
}

async function present(builder: TestBuilder): Promise<boolean> {
  const inspect = await runDocker(['buildx', 'inspect', '--bootstrap', builder.name], { allowFailure: true });
  return inspect.code === 0 && new RegExp(`^Driver:\\s*${builder.driver}$`, 'm').test(inspect.stdout);
}

export async function pushBench(c: PushContext): Promise<PushSeries[]> {
  const out: PushSeries[] = [];
  for (const builder of BUILDERS) {
    if (!(await present(builder))) {
      c.progress(`push: builder ${builder.name} (${builder.driver}) is not there; run ${builder.provision} to include it`);
      continue;
    }
    const repository = `${REGISTRY}/oneapi-offline-bench/push-${builder.name.replace(/[^a-z0-9]+/g, '-')}`;
    const version = 'v1.0.0';
    const tags = ['offline-v1.0.0', 'offline-v1.0', 'offline-v1', 'offline'];
    const action = async (): Promise<number> => {
      const args = [c.cli, 'build', '--builder', builder.name, '--base-image', c.base, '--platforms', c.platforms, '--images', `${repository}-action`,
        '--image-version', version, '--push', '--no-verify', '--out', await c.fresh('push-action-cache-dir')];
      // The runner's own HOME, but Docker's real config: buildx keeps its builders there.
      return (await runTimed(process.execPath, args, { ...c.runnerEnv, DOCKER_CONFIG: c.dockerEnv['DOCKER_CONFIG'] ?? '' }, c.repo)).ms;
    };
    const plain = async (): Promise<number> => {
      const args = ['buildx', 'build', '--builder', builder.name, '--platform', c.platforms, '--build-context', `tiktoken=${c.cacheDir}`, '--push',
        ...tags.flatMap((t) => ['-t', `${repository}-plain:${t}`]), c.overlayContext];
      return (await runTimed('docker', args, c.dockerEnv, c.repo)).ms;
    };
    c.progress(`push on ${builder.name} (${builder.driver}): one untimed round, then ${c.reps} reps`);
    await action();
    await plain();
    const [a, p] = await interleaved(c.reps, [action, plain]);
    out.push({
      builder,
      action: { label: `action build step, push (${builder.name})`, samples: a! },
      plain: { label: `plain buildx build --push (${builder.name})`, samples: p! },
      target: builder.driver === 'docker' ? 2 : 1.25,
    });
  }
  return out;
}
