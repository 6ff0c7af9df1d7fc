// Issue 3's build benchmark, on the real engine (scripts/provision-engine.sh), all outputs
// OCI archives so every command produces the same kind of artefact:
//  action:  `cli build --base-image B --archive X --no-verify` (overlay mode, prepare included,
//           tool cache warm), against
//  plain:   `docker buildx build` of the same overlay Dockerfile and context (the staged tree:
//           the verified files at the cache path, fixed modes and dates), same platforms,
//           `type=oci` output;
//  plain+:  the same with the SOURCE_DATE_EPOCH build-arg the action adds (overlay mode needs
//           no rewrite-timestamp: see src/build/overlay.ts);
//  verify:  `cli verify --archive X`, timed on its own;
//  base:    rebuilding the base itself (`--no-cache`), which overlay mode avoids.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeOverlay } from '../src/build/overlay.js';
import { stageCacheDir } from '../src/build/stage-cache.js';
import { REGISTRY, requireEngine, uniqueTag } from '../test/support/docker.js';
import { buildAndPush } from '../test/support/engine-push.js';
import { startLinkServer } from './link-server.js';
import { interleaved } from './interleave.js';
import { pushBench, type PushSeries } from './push-bench.js';
import { runTimed } from './proc.js';
import { freshRunner, type BenchRoot } from './runner-env.js';
import type { Series } from './stats.js';

const BASE_DOCKERFILE = fileURLToPath(new URL('./base/Dockerfile', import.meta.url));
const BUSYBOX = { amd64: '/bin/busybox', arm64: '/var/lib/oneapi-offline-e2e/busybox-arm64/bin/busybox' } as const;
const PLATFORMS = 'linux/amd64,linux/arm64';
const CACHE_PATH = '/tiktoken_cache';

export interface BuildBenchOptions {
  readonly cli: string;
  /** The Node the push scenario's action runs on (Node 24: what GitHub runs `using: node24` on). */
  readonly node: string;
  readonly reps: number;
  readonly root: BenchRoot;
  readonly home: string;
  /** The repository the CLI runs in; its HEAD time is the SOURCE_DATE_EPOCH both builds get (the CLI never takes git facts from its own checkout, so it is passed). */
  readonly repo: string;
  readonly progress: (line: string) => void;
  /** Which series: the archive ones (issue 3), the push ones per builder (issue 7). */
  readonly parts: { readonly archive: boolean; readonly push: boolean };
}

export interface BuildSeries {
  readonly action: Series;
  readonly plain: Series;
  readonly reproducible: Series;
  readonly verify: Series;
  readonly base: Series;
  /** Issue 7: the build step with push against plain `buildx build --push`, per builder. */
  readonly push: readonly PushSeries[];
}

export async function buildBench(o: BuildBenchOptions): Promise<BuildSeries> {
  await requireEngine();
  const runner = await freshRunner(o.root, o.home);
  const env = { ...runner.env, DOCKER_CONFIG: process.env['DOCKER_CONFIG'] ?? join(process.env['HOME'] ?? '/root', '.docker') };
  const docker = (args: string[]) => runTimed('docker', args, env, o.repo);

  // The base, pushed once to the loopback registry like a published image.
  const baseContext = await o.root.fresh('base-context');
  await copyFile(BASE_DOCKERFILE, join(baseContext, 'Dockerfile'));
  for (const [arch, path] of Object.entries(BUSYBOX)) await copyFile(path, join(baseContext, `busybox-${arch}`));
  const base = `${REGISTRY}/oneapi-offline-bench/base:${uniqueTag()}`;
  o.progress(`build: pushing the base ${base}`);
  await buildAndPush(base, baseContext, { args: ['--platform', PLATFORMS] });

  // Warm the tool cache and lay out the cache folder the plain build uses.
  const mirror = await startLinkServer({ kind: 'unthrottled' });
  const cacheDir = await o.root.fresh('cache-dir');
  await runTimed(process.execPath, [o.cli, 'prepare', '--out', cacheDir, '--mirror', mirror.origin], runner.env, o.repo);
  await mirror.close(); // the build step's prepare must come from the tool cache

  // The plain builds get what the action's build gets: the generated Dockerfile and the staged tree.
  const dockerfile = await writeOverlay(await o.root.fresh('overlay-dockerfile'), base, CACHE_PATH);
  const tree = await stageCacheDir({ cacheDir }, await o.root.fresh('overlay-tree'), { cachePath: CACHE_PATH });
  const archiveOf = async (name: string): Promise<string> => join(await o.root.fresh(name), 'image.oci.tar');
  let lastArchive = '';

  const action = async (): Promise<number> => {
    const archive = await archiveOf('action-out');
    const args = [o.cli, 'build', '--base-image', base, '--platforms', PLATFORMS, '--archive', archive, '--no-verify',
      '--images', `${REGISTRY}/oneapi-offline-bench/overlay`, '--image-version', 'v1.0.0', '--source-date-epoch', epoch, '--out', await o.root.fresh('action-cache-dir')];
    const timed = await runTimed(process.execPath, args, runner.env, o.repo);
    lastArchive = archive;
    return timed.ms;
  };
  const plain = async (): Promise<number> => {
    const archive = await archiveOf('plain-out');
    const args = ['buildx', 'build', '--platform', PLATFORMS, '--file', dockerfile, '--output', `type=oci,dest=${archive}`, tree];
    return (await docker(args)).ms;
  };
  const epoch = (await runTimed('git', ['log', '-1', '--format=%ct', 'HEAD'], env, o.repo)).stdout.trim();
  const reproducible = async (): Promise<number> => {
    const archive = await archiveOf('plain-sde-out');
    const args = ['buildx', 'build', '--platform', PLATFORMS, '--file', dockerfile, '--build-arg', `SOURCE_DATE_EPOCH=${epoch}`, '--output', `type=oci,dest=${archive}`, tree];
    return (await docker(args)).ms;
  };
  const verify = async (): Promise<number> => {
    if (lastArchive === '') await action();
    return (await runTimed(process.execPath, [o.cli, 'verify', '--archive', lastArchive], runner.env, o.repo)).ms;
  };
  const rebuildBase = async (): Promise<number> => {
    const archive = await archiveOf('base-out');
    return (await docker(['buildx', 'build', '--no-cache', '--platform', PLATFORMS, '--output', `type=oci,dest=${archive}`, baseContext])).ms;
  };

  let [a, p, r, v, b]: number[][] = [[], [], [], [], []];
  if (o.parts.archive) {
    o.progress('build: one untimed round so the base is pulled and the build cache is warm for both');
    await action();
    await plain();
    o.progress(`build: action vs plain buildx (bare and reproducible) vs verify vs base rebuild, ${o.reps} reps`);
    [a, p, r, v, b] = await interleaved(o.reps, [action, plain, reproducible, verify, rebuildBase]);
  }
  const push = !o.parts.push ? [] : await pushBench({
    cli: o.cli,
    node: o.node,
    reps: o.reps,
    repo: o.repo,
    epoch,
    cacheDir,
    platforms: PLATFORMS,
    runnerEnv: runner.env,
    dockerEnv: env,
    fresh: (name) => o.root.fresh(name),
    progress: o.progress,
  });
  return {
    action: { label: 'action build step (overlay, prepare incl.)', samples: a! },
    plain: { label: 'plain docker buildx build (same Dockerfile)', samples: p! },
    reproducible: { label: 'plain buildx + SOURCE_DATE_EPOCH build-arg', samples: r! },
    verify: { label: 'verification (cli verify --archive)', samples: v! },
    base: { label: 'rebuilding the base (--no-cache)', samples: b! },
    push,
  };
}
