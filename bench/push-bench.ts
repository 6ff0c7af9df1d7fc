// Issue 7's build-step cost, per builder of the matrix (test/support/builders.ts; builders that
// are not there are reported and left out), on a 2-platform base of ~100 MB a platform (random
// content, pushed once and kept for later runs): the whole build step with push, warm caches and
// verification off —
//   action: `cli build --builder B --base-image … --push --no-verify --source-date-epoch E` on
//           --node (Node 24 by default, as GitHub runs the action)
//           (what a release job runs: prepare from the warm tool cache, overlay, push by
//           digest, four tags created after; the epoch a checkout gives),
//   plain:  `docker buildx build --builder B --push` of the same overlay Dockerfile and context
//           with the same four tags —
// interleaved, so load drift falls on both alike. Targets: ≤1.25× outside the engine, ≤2× on
// Engine's own builder (which cannot push by digest: one OCI archive, pushed by our client).
// Then the verification of the image the action pushed, read the first time (`cli verify
// --images`, a fresh cache root: no layer summaries), whole process included: goal ≤ 0.5 s
// whatever the base's size, as the added layer marks the cache folder opaque.
import { writeOverlay } from '../src/build/overlay.js';
import { stageCacheDir } from '../src/build/stage-cache.js';
import { BUILDERS, type TestBuilder } from '../test/support/builders.js';
import { REGISTRY, runDocker } from '../test/support/docker.js';
import { pushRandomBase } from '../test/support/random-base.js';
import { interleaved } from './interleave.js';
import { againOnTagRace, runTimed } from './proc.js';
import type { Series } from './stats.js';

const CACHE_PATH = '/tiktoken_cache';
const BASE_REPOSITORY = 'oneapi-offline-bench/push-base';
const BASE_TAG = '2x100mb';

export interface PushContext {
  readonly cli: string;
  /** The Node the action runs on. */
  readonly node: string;
  readonly reps: number;
  readonly repo: string;
  /** SOURCE_DATE_EPOCH the action gets, as from a checkout's HEAD. */
  readonly epoch: string;
  readonly cacheDir: string;
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
  /** `cli verify --images` of the action's image with no layer summaries (goal ≤ 0.5 s). */
  readonly verify: Series;
}

async function present(builder: TestBuilder): Promise<boolean> {
  const inspect = await runDocker(['buildx', 'inspect', '--bootstrap', builder.name], { allowFailure: true });
  return inspect.code === 0 && new RegExp(`^Driver:\\s*${builder.driver}$`, 'm').test(inspect.stdout);
}

/** The ~100 MB-a-platform base: pushed by the first run, reused by later ones (the registry does not grow per run). */
async function hundredMegabyteBase(progress: (line: string) => void): Promise<string> {
  const reference = `${REGISTRY}/${BASE_REPOSITORY}:${BASE_TAG}`;
  const head = await fetch(`http://${REGISTRY}/v2/${BASE_REPOSITORY}/manifests/${BASE_TAG}`, { method: 'HEAD', headers: { accept: 'application/vnd.oci.image.index.v1+json' } });
  if (head.ok) return reference;
  progress(`push: pushing the base ${reference} (2 platforms × 4 layers × 25 MB, random)`);
  return (await pushRandomBase(REGISTRY, BASE_REPOSITORY, BASE_TAG, { layers: 4, layerBytes: 25 * 1024 * 1024 })).reference;
}

export async function pushBench(c: PushContext): Promise<PushSeries[]> {
  const base = await hundredMegabyteBase(c.progress);
  const dockerfile = await writeOverlay(await c.fresh('push-dockerfile'), base, CACHE_PATH);
  const tree = await stageCacheDir({ cacheDir: c.cacheDir }, await c.fresh('push-tree'), { cachePath: CACHE_PATH });
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
      const args = [c.cli, 'build', '--builder', builder.name, '--base-image', base, '--platforms', c.platforms, '--images', `${repository}-action`,
        '--image-version', version, '--source-date-epoch', c.epoch, '--push', '--no-verify', '--out', await c.fresh('push-action-cache-dir')];
      // The runner's own HOME, but Docker's real config: buildx keeps its builders there.
      return (await runTimed(c.node, args, { ...c.runnerEnv, DOCKER_CONFIG: c.dockerEnv['DOCKER_CONFIG'] ?? '' }, c.repo)).ms;
    };
    const plain = async (): Promise<number> => {
      const args = ['buildx', 'build', '--builder', builder.name, '--platform', c.platforms, '--file', dockerfile, '--push',
        ...tags.flatMap((t) => ['-t', `${repository}-plain:${t}`]), tree];
      return (await againOnTagRace(() => runTimed('docker', args, c.dockerEnv, c.repo), c.progress)).ms;
    };
    c.progress(`push on ${builder.name} (${builder.driver}): one untimed round, then ${c.reps} reps`);
    await action();
    await plain();
    const [a, p] = await interleaved(c.reps, [action, plain]);
    const verify = async (): Promise<number> => {
      const args = [c.cli, 'verify', '--images', `${repository}-action:${tags[0]}`];
      return (await runTimed(c.node, args, { ...c.runnerEnv, XDG_CACHE_HOME: await c.fresh('push-verify-cache-root'), DOCKER_CONFIG: c.dockerEnv['DOCKER_CONFIG'] ?? '' }, c.repo)).ms;
    };
    const [v] = await interleaved(c.reps, [verify]);
    out.push({
      builder,
      action: { label: `action build step, push (${builder.name})`, samples: a! },
      plain: { label: `plain buildx build --push (${builder.name})`, samples: p! },
      target: builder.driver === 'docker' ? 2 : 1.25,
      verify: { label: `verify the pushed image, first read (${builder.name})`, samples: v! },
    });
  }
  return out;
}
