// Issue 10's bench: the registry engine (overlay mode with no Docker: warm encoder cache,
// push, verify on) against plain `docker buildx build --push` of the same overlay Dockerfile on
// a docker-container builder whose build cache is emptied before every run (what a hosted
// runner starts with). The builder is the bench's own (same BuildKit image as provisioning's
// `oneapi-offline-container`), so pruning it touches nobody else's cache. Also measured: the
// bytes the engine uploads (at a recording proxy in front of the registry) against the layer
// plus manifests, and how flat the engine's time is in the base's size (10 vs 500 MB a
// platform). Bases are incompressible content generated from a seed, pushed to the registry on
// the first run and reused by later ones (never stored in the repo).
import { join } from 'node:path';
import { writeOverlay } from '../src/build/overlay.js';
import { stageCacheDir } from '../src/build/stage-cache.js';
import { REGISTRY, fetchManifest, requireEngine, uniqueTag } from '../test/support/docker.js';
import { pushRandomBase, type RandomBase } from '../test/support/random-base.js';
import { startRecordingProxy } from '../test/support/recording-proxy.js';
import { interleaved } from './interleave.js';
import { startLinkServer } from './link-server.js';
import { againOnTagRace, runTimed } from './proc.js';
import { freshRunner, type BenchRoot } from './runner-env.js';
import type { Series } from './stats.js';

const PLATFORMS = 'linux/amd64,linux/arm64';
const MB = 1024 * 1024;
const BUILDKIT_IMAGE = `${REGISTRY}/oneapi-offline-test/buildkit:v0.23.2`;
/** Where the bases live between runs, and the version of their generator (bump it when random-base.ts changes its bytes). */
const BASE_REPOSITORY = 'oneapi-offline-bench/h8-bases';
const BASE_GENERATOR = 'seeded-v1';

export interface RegistryBenchOptions {
  readonly cli: string;
  readonly reps: number;
  readonly root: BenchRoot;
  readonly home: string;
  readonly repo: string;
  readonly progress: (line: string) => void;
}

export interface RegistryBenchResult {
  readonly engine: Series;
  readonly plain: Series;
  readonly small: Series;
  readonly large: Series;
  readonly smallNoVerify: Series;
  readonly largeNoVerify: Series;
  readonly builderNote: string;
  /** Request body bytes the engine sent to the registry in one push of the 100 MB base. */
  readonly uploaded: number;
  /** The encoder layer plus the configs, manifests and index it wrote. */
  readonly expected: number;
}

export async function registryEngineBench(o: RegistryBenchOptions): Promise<RegistryBenchResult> {
  await requireEngine();
  const runner = await freshRunner(o.root, o.home);
  const env = { ...runner.env, DOCKER_CONFIG: process.env['DOCKER_CONFIG'] ?? join(process.env['HOME'] ?? '/root', '.docker') };
  const docker = (args: string[]) => runTimed('docker', args, env, o.repo);
  const tag = uniqueTag();
  const proxy = await startRecordingProxy(REGISTRY);
  const builder = `h8-bench-${tag}`;
  let builderNote = `own docker-container builder ${builder} (${BUILDKIT_IMAGE}), cache pruned before each run`;
  const created = await docker(['buildx', 'create', '--name', builder, '--driver', 'docker-container', '--driver-opt', `image=${BUILDKIT_IMAGE},network=host`, '--bootstrap']).then(
    () => true,
    (error: unknown) => {
      builderNote = `Engine's builder (default): a docker-container builder could not be created (${String(error).split('\n')[0]})`;
      return false;
    },
  );
  try {
    o.progress('registry engine: bases of 10, 100, 500 MB a platform (pushed once, then reused)');
    const base = async (name: string, layers: number, layerBytes: number): Promise<RandomBase> => {
      // Keyed by content: the tag names the generator and the sizes, whose bytes never change.
      const reuse = `${BASE_GENERATOR}-${layers}x${layerBytes}`;
      const there = await fetchManifest(BASE_REPOSITORY, reuse).catch(() => undefined);
      if (there?.digest) {
        o.progress(`registry engine: base ${name} is already in ${BASE_REPOSITORY}:${reuse} (${there.digest})`);
        return { reference: `${proxy.host}/${BASE_REPOSITORY}:${reuse}`, digest: there.digest, layerBytes: layers * layerBytes * 2 };
      }
      return pushRandomBase(proxy.host, BASE_REPOSITORY, reuse, { layers, layerBytes, seed: reuse });
    };
    const b100 = await base('b100', 4, 25 * MB);
    const b10 = await base('b10', 1, 10 * MB);
    const b500 = await base('b500', 5, 100 * MB);

    // Warm the tool cache as the build bench does: the engine's prepare then comes from it.
    const mirror = await startLinkServer({ kind: 'unthrottled' });
    const cacheDir = await o.root.fresh('h8-cache-dir');
    await runTimed(process.execPath, [o.cli, 'prepare', '--out', cacheDir, '--mirror', mirror.origin], runner.env, o.repo);
    await mirror.close();

    let n = 0;
    const engineRun = (b: RandomBase, verify = true) => async (): Promise<number> => {
      const out = `${proxy.host}/oneapi-offline-bench/h8-out-${tag}-${n++}`;
      const args = [o.cli, 'build', '--engine', 'registry', '--base-image', b.reference, '--platforms', PLATFORMS, '--images', out, '--image-version', 'v1.0.0', '--push', verify ? '--verify' : '--no-verify', '--out', await o.root.fresh('h8-engine-cache-dir')];
      return (await runTimed(process.execPath, args, runner.env, o.repo)).ms;
    };
    // The plain build gets what the action's buildx build gets: the generated Dockerfile and the staged tree.
    const plainBase = b100.reference.replace(proxy.host, REGISTRY);
    const dockerfile = await writeOverlay(await o.root.fresh('h8-overlay-dockerfile'), plainBase, '/tiktoken_cache');
    const tree = await stageCacheDir({ cacheDir }, await o.root.fresh('h8-overlay-tree'), { cachePath: '/tiktoken_cache' });
    const plain = async (): Promise<number> => {
      if (created) await docker(['buildx', 'prune', '--builder', builder, '--all', '--force']);
      const out = `${REGISTRY}/oneapi-offline-bench/h8-plain-${tag}:${n++}`;
      const args = ['buildx', 'build', ...(created ? ['--builder', builder] : ['--no-cache']), '--platform', PLATFORMS, '--file', dockerfile, '--provenance', 'false', '--tag', out, '--push', tree];
      return (await againOnTagRace(() => docker(args), o.progress)).ms;
    };

    // Bytes: one more engine push of the 100 MB base into a fresh repository, counted at the proxy.
    await engineRun(b100)();
    const before = proxy.requests.length;
    const countRepo = `oneapi-offline-bench/h8-out-${tag}-${n}`;
    const counted = await runTimed(process.execPath, [o.cli, 'build', '--engine', 'registry', '--base-image', b100.reference, '--platforms', PLATFORMS, '--images', `${proxy.host}/${countRepo}`, '--image-version', 'v1.0.0', '--push', '--out', await o.root.fresh('h8-count-cache-dir')], runner.env, o.repo);
    n++;
    const result = JSON.parse(counted.stdout) as { digest: string; 'platform-digests': Record<string, string> };
    const mine = proxy.requests.slice(before).filter((r) => r.path.startsWith(`/v2/${countRepo}/`));
    const uploaded = mine.reduce((sum, r) => sum + r.bytesIn, 0);
    const layerPut = mine.filter((r) => r.method === 'PUT' && r.path.includes('/blobs/uploads/'));
    const manifestPut = mine.filter((r) => r.method === 'PUT' && r.path.includes('/manifests/sha256:'));
    // What must go up, read back from the registry: our layer once, each config and manifest, the index.
    const index = await fetchManifest(countRepo, result.digest);
    let layerAndDocs = Buffer.byteLength(index.raw);
    const layers = new Set<string>();
    for (const entry of index.json.manifests ?? []) {
      const manifest = await fetchManifest(countRepo, entry.digest);
      const last = manifest.json.layers?.at(-1);
      layerAndDocs += Buffer.byteLength(manifest.raw) + (manifest.json.config?.size ?? 0);
      if (last && !layers.has(last.digest)) layerAndDocs += last.size;
      if (last) layers.add(last.digest);
    }
    const tagPuts = mine.filter((r) => r.method === 'PUT' && r.path.includes('/manifests/') && !r.path.includes('/manifests/sha256:')).reduce((s, r) => s + r.bytesIn, 0);
    o.progress(`registry engine: ${layerPut.length} blob uploads, ${manifestPut.length} manifests, ${uploaded} B sent (tags: ${tagPuts} B) for index ${result.digest}`);

    o.progress(`registry engine vs plain buildx --push (${builderNote}), and 10 vs 500 MB bases, ${o.reps} reps`);
    const [e, p, s, l, sn, ln] = await interleaved(o.reps, [engineRun(b100), plain, engineRun(b10), engineRun(b500), engineRun(b10, false), engineRun(b500, false)]);
    return {
      engine: { label: 'registry engine, 2×100 MB base (push, verify)', samples: e! },
      plain: { label: 'plain buildx --push, empty cache (same Dockerfile)', samples: p! },
      small: { label: 'registry engine, 2×10 MB base', samples: s! },
      large: { label: 'registry engine, 2×500 MB base', samples: l! },
      smallNoVerify: { label: 'registry engine, 2×10 MB base, verify off', samples: sn! },
      largeNoVerify: { label: 'registry engine, 2×500 MB base, verify off', samples: ln! },
      builderNote,
      uploaded: uploaded - tagPuts,
      expected: layerAndDocs,
    };
  } finally {
    await proxy.close();
    if (created) await docker(['buildx', 'rm', builder]).catch(() => undefined);
  }
}
