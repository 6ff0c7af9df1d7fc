// Issue 2's two prepare benchmarks, each against a baseline measured in the same run, with the
// measured and baseline commands interleaved (rotating order) so load from other work on the
// machine hits both alike.
//  warm: `cli prepare --out DIR` with every file already in the tool cache (mirror closed),
//        against a bare Node process hashing the same files (bench/floor-hash.mjs).
//  cold: `cli prepare` from the loopback mirror with empty caches, against curl fetching the
//        same files from the same server: one process, all URLs, `-o` each, both serially and
//        with --parallel (prepare downloads in parallel; the faster curl is the baseline).
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toolCacheTool, toolCacheVersion } from '../src/cache/keys.js';
import { DEFAULT_ENCODINGS, ENCODINGS, PINNED_FILES, type PinnedFileId } from '../src/pins.js';
import { describeLink, startLinkServer, type LinkModel } from './link-server.js';
import { interleaved } from './interleave.js';
import { runTimed } from './proc.js';
import { freshRunner, type BenchRoot } from './runner-env.js';
import type { Series } from './stats.js';

const FLOOR = fileURLToPath(new URL('./floor-hash.mjs', import.meta.url));

export interface PrepareBenchOptions {
  readonly cli: string;
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

export async function warmBench(o: PrepareBenchOptions): Promise<{ prepare: Series; floor: Series; startup: Series; bare: Series }> {
  const ids = defaultFiles();
  const mirror = await startLinkServer({ kind: 'unthrottled' });
  const runner = await freshRunner(o.root, o.home);
  o.progress('warm: priming the tool cache with one cold prepare');
  await runTimed(process.execPath, [o.cli, 'prepare', '--out', await o.root.fresh('prime-out'), '--mirror', mirror.origin], runner.env);
  await mirror.close(); // warm runs must not need the network: a request would fail them
  const cached = ids.map((id) => {
    const pin = PINNED_FILES[id];
    const path = join(runner.toolCache, toolCacheTool(id), toolCacheVersion(pin.sha256), 'any', id);
    if (!existsSync(path)) throw new Error(`after priming, ${id} is not in the tool cache at ${path}`);
    return path;
  });
  const [prepare, floor, startup, bare] = await interleaved(o.reps, [
    async () => {
      const out = await o.root.fresh('warm-out');
      const timed = await runTimed(process.execPath, [o.cli, 'prepare', '--out', out], runner.env);
      await expectLaidOut(out, ids.length);
      return timed.ms;
    },
    async () => (await runTimed(process.execPath, [FLOOR, ...cached], runner.env)).ms,
    // Diagnostics: how much of the warm time is start-up and module loading alone.
    async () => (await runTimed(process.execPath, [o.cli, '--help'], runner.env)).ms,
    async () => (await runTimed(process.execPath, ['-e', '0'], runner.env)).ms,
  ]);
  if (mirror.requests !== ids.length) {
    throw new Error(`the mirror saw ${mirror.requests} requests, expected ${ids.length} (priming only)`);
  }
  return {
    prepare: { label: 'warm prepare (tool cache, fresh --out)', samples: prepare! },
    floor: { label: 'floor: node hashing the same files', samples: floor! },
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
        const timed = await runTimed(process.execPath, [o.cli, 'prepare', '--out', out, '--mirror', mirror.origin], runner.env);
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
