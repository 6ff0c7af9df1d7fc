// Issue 2's two prepare benchmarks, each against a baseline measured in the same run, with the
// measured and baseline commands interleaved (rotating order) so load from other work on the
// machine hits both alike.
//  warm: the bundled action (dist/action.mjs, `build: false`) started as a runner starts a
//        step (every input of action.yml, the runner's files and cache variables, a fresh
//        RUNNER_TEMP per job) with every file already in the runner's tool cache (mirror
//        closed), against a bare Node process reading, hashing and writing the same files
//        (bench/floor-hash.mjs); `cli prepare --out DIR` is timed alongside. All on Node 24.
//  cold: `cli prepare` from the loopback mirror with empty caches, against curl fetching the
//        same files from the same server: one process, all URLs, `-o` each, both serially and
//        with --parallel (prepare downloads in parallel; the faster curl is the baseline).
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toolCacheTool, toolCacheVersion } from '../src/cache/keys.js';
import { DEFAULT_ENCODINGS, ENCODINGS, PINNED_FILES, type PinnedFileId } from '../src/pins.js';
import { describeLink, startLinkServer, type LinkModel } from './link-server.js';
import { interleaved } from './interleave.js';
import { runTimed } from './proc.js';
import { actionJob, freshRunner, type BenchRoot } from './runner-env.js';
import { actionInputDocs } from '../scripts/action-inputs.mjs';
import { parseOutputFile } from '../test/support/run-action.js';
import type { Series } from './stats.js';

const FLOOR = fileURLToPath(new URL('./floor-hash.mjs', import.meta.url));

export interface PrepareBenchOptions {
  readonly cli: string;
  /** The bundled action entry (dist/action.mjs), from the same build as `cli`. */
  readonly action: string;
  /** The Node that runs everything timed (Node 24, what GitHub runs). */
  readonly node: string;
  readonly reps: number;
  readonly root: BenchRoot;
  readonly home: string;
  readonly progress: (line: string) => void;
}

/** The files `prepare` fetches with no --encoders. */
export function defaultFiles(): PinnedFileId[] {
  return [...new Set(DEFAULT_ENCODINGS.flatMap((name) => [...ENCODINGS[name]]))];
}

async function expectLaidOut(dir: string, count: number): Promise<void> {
  const names = (await readdir(dir)).filter((name) => /^[0-9a-f]{40}$/.test(name));
  if (names.length !== count) throw new Error(`prepare left ${names.length} sha1-named files in ${dir}, expected ${count}`);
}

export interface WarmSeries {
  readonly action: Series;
  readonly prepare: Series;
  readonly floor: Series;
  readonly readHash: Series;
  readonly startup: Series;
  readonly bare: Series;
}

/** Throws unless a warm action run laid out every file from the tool cache and said so. */
async function expectWarmAction(outputFile: string, count: number): Promise<void> {
  const outputs = parseOutputFile(await readFile(outputFile, 'utf8'));
  if (outputs['cache-hit'] !== 'true' || outputs['source'] !== 'tool-cache') {
    throw new Error(`warm action run: cache-hit=${outputs['cache-hit']} source=${outputs['source']}, expected true / tool-cache`);
  }
  await expectLaidOut(outputs['cache-dir'] ?? '', count);
}

export async function warmBench(o: PrepareBenchOptions): Promise<WarmSeries> {
  const ids = defaultFiles();
  const mirror = await startLinkServer({ kind: 'unthrottled' });
  const runner = await freshRunner(o.root, o.home);
  const inputDocs = actionInputDocs();
  o.progress('warm: priming the tool cache with one cold prepare');
  await runTimed(o.node, [o.cli, 'prepare', '--out', await o.root.fresh('prime-out'), '--mirror', mirror.origin], runner.env);
  await mirror.close(); // warm runs must not need the network: a request would fail them
  const cached = ids.map((id) => {
    const pin = PINNED_FILES[id];
    const path = join(runner.toolCache, toolCacheTool(id), toolCacheVersion(pin.sha256), 'any', id);
    if (!existsSync(path)) throw new Error(`after priming, ${id} is not in the tool cache at ${path}`);
    return path;
  });
  // Every input at its default but two: `build: false` (prepare only) and `mirror`, the closed
  // loopback mirror, so that a run missing the tool cache fails here instead of going online.
  const [action, prepare, floor, readHash, startup, bare] = await interleaved(o.reps, [
    async () => {
      const job = await actionJob(o.root, runner, inputDocs, { build: 'false', mirror: mirror.origin });
      const timed = await runTimed(o.node, [o.action], job.env, job.workspace);
      await expectWarmAction(job.outputFile, ids.length);
      return timed.ms;
    },
    async () => {
      const out = await o.root.fresh('warm-out');
      const timed = await runTimed(o.node, [o.cli, 'prepare', '--out', out], runner.env);
      await expectLaidOut(out, ids.length);
      return timed.ms;
    },
    async () => (await runTimed(o.node, [FLOOR, '--out', await o.root.fresh('floor-out'), ...cached], runner.env)).ms,
    // Diagnostics: the floor without the writes (what the floor was before it wrote), and how
    // much of the warm time is start-up and module loading alone.
    async () => (await runTimed(o.node, [FLOOR, ...cached], runner.env)).ms,
    async () => (await runTimed(o.node, [o.cli, '--help'], runner.env)).ms,
    async () => (await runTimed(o.node, ['-e', '0'], runner.env)).ms,
  ]);
  if (mirror.requests !== ids.length) {
    throw new Error(`the mirror saw ${mirror.requests} requests, expected ${ids.length} (priming only)`);
  }
  return {
    action: { label: 'warm prepare, action entry (runner env)', samples: action! },
    prepare: { label: 'warm prepare, cli (fresh --out)', samples: prepare! },
    floor: { label: 'floor: node reading, hashing, writing them', samples: floor! },
    readHash: { label: '(floor without writing: read and hash only)', samples: readHash! },
    startup: { label: '(cli --help: start-up and module loading)', samples: startup! },
    bare: { label: '(node -e 0: bare Node start-up)', samples: bare! },
  };
}

export interface ColdSeries {
  readonly rateLabel: string;
  readonly prepare: Series;
  readonly curlSerial: Series;
  readonly curlParallel: Series;
}

/** Cold prepare and curl, both downloading from one server that models `link`. */
export async function coldBench(o: PrepareBenchOptions, link: LinkModel): Promise<ColdSeries> {
  const ids = defaultFiles();
  const mirror = await startLinkServer(link);
  const rateLabel = describeLink(link);
  try {
    const urls = ids.map((id) => `${mirror.origin}${PINNED_FILES[id].path}`);
    const curlRunner = await freshRunner(o.root, o.home);
    const curl = (parallel: boolean) => async () => {
      const out = await o.root.fresh('curl-out');
      const args = ['-sS', '--fail', '--noproxy', '*', ...(parallel ? ['--parallel', '--parallel-immediate'] : [])];
      urls.forEach((url, i) => args.push('-o', join(out, ids[i]!), url));
      const timed = await runTimed('curl', args, curlRunner.env);
      if ((await readdir(out)).length !== ids.length) throw new Error(`curl fetched ${(await readdir(out)).length} of ${ids.length} files`);
      return timed.ms;
    };
    const [prepare, curlSerial, curlParallel] = await interleaved(o.reps, [
      async () => {
        const runner = await freshRunner(o.root, o.home);
        const out = await o.root.fresh('cold-out');
        const timed = await runTimed(o.node, [o.cli, 'prepare', '--out', out, '--mirror', mirror.origin], runner.env);
        await expectLaidOut(out, ids.length);
        return timed.ms;
      },
      curl(false),
      curl(true),
    ]);
    return {
      rateLabel,
      prepare: { label: `cold prepare (${rateLabel})`, samples: prepare! },
      curlSerial: { label: `curl, one process, serial (${rateLabel})`, samples: curlSerial! },
      curlParallel: { label: `curl, one process, --parallel (${rateLabel})`, samples: curlParallel! },
    };
  } finally {
    await mirror.close();
  }
}
