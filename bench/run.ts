// `npm run bench`: times the CLI against baselines measured in the same run and prints the
// ratios of the medians. No assertions on time anywhere in the test suites; this is the place.
//   --reps N        repetitions per series (default 5)
//   --cli PATH      the bundled CLI to time (default dist/cli.mjs: what ships); the bundled
//                   action entry (action.mjs) next to it is timed too (warm)
//   --node PATH     the Node that runs the prepare and push scenarios (default Node 24, what GitHub runs)
//   --only LIST     any of warm,cold,build,push,registry (default all; push: the build step with push
//                   per builder; registry: the registry engine, issue 10)
//   --rate BYTES    pace of the throttled cold runs, per connection and as one shared link
//                   (default 4 MiB/s; 0 runs the unthrottled loopback only)
import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeLink, type LinkModel } from './link-server.js';
import { buildBench } from './build-bench.js';
import { registryEngineBench } from './registry-engine-bench.js';
import { coldBench, warmBench, type ColdSeries } from './prepare-bench.js';
import { runTimed } from './proc.js';
import { benchRoot, NODE24 } from './runner-env.js';
import { describeSeries, describeVerdict, goal, median, verdict, type Verdict } from './stats.js';

const { values } = parseArgs({
  options: {
    reps: { type: 'string', default: '5' },
    cli: { type: 'string', default: 'dist/cli.mjs' },
    node: { type: 'string', default: NODE24 },
    only: { type: 'string', default: 'warm,cold,build,push,registry' },
    rate: { type: 'string', default: String(4 * 1024 * 1024) },
  },
});
const reps = Number(values.reps);
const rate = Number(values.rate);
const only = new Set(values.only.split(',').map((s) => s.trim()));
const source = resolve(values.cli);
if (!Number.isInteger(reps) || reps < 1 || reps > 50) throw new Error(`--reps must be an integer 1…50, got ${values.reps}`);
if (!Number.isFinite(rate) || rate < 0) throw new Error(`--rate must be bytes per second (0 to skip), got ${values.rate}`);
if (!existsSync(source)) throw new Error(`${source} does not exist: run \`npm run build\` first (or pass --cli PATH)`);
const actionSource = join(dirname(source), 'action.mjs');
if (!existsSync(actionSource)) throw new Error(`${actionSource} does not exist: run \`npm run build\` first (the warm scenario times the action entry next to --cli)`);
const node = resolve(values.node);
if (!existsSync(node)) throw new Error(`Node 24 is missing at ${node}: run \`sudo bash scripts/provision-engine.sh\` (or pass --node PATH)`);

const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);
const root = await benchRoot();
const home = await root.fresh('home');
// Time a snapshot (the file and a `chunks/` folder next to it, if the build splits): a rebuild
// of dist/ during the run changes nothing.
const snapshot = await root.fresh('cli');
const cli = join(snapshot, basename(source));
const action = join(snapshot, 'action.mjs');
await cp(source, cli);
await cp(actionSource, action);
if (existsSync(join(dirname(source), 'chunks'))) await cp(join(dirname(source), 'chunks'), join(snapshot, 'chunks'), { recursive: true });
const options = { cli, action, node, reps, root, home, progress: log };
const load = (): string => loadavg().map((n) => n.toFixed(2)).join(' ');
const lines: string[] = [`load average at start: ${load()}`];
const verdicts: Verdict[] = [];

try {
  // The CLI must work before it is timed.
  await runTimed(process.execPath, [cli, '--help'], { PATH: process.env['PATH'] ?? '', HOME: home });

  if (only.has('warm')) {
    log(`warm prepare vs floor, ${reps} reps`);
    const warm = await warmBench(options);
    lines.push(`node: ${node}`);
    for (const series of [warm.action, warm.prepare, warm.floor, warm.readHash, warm.startup, warm.bare]) lines.push(describeSeries(series));
    verdicts.push(verdict('warm prepare, action entry / floor', warm.action, warm.floor, 2));
    lines.push(`(cli warm prepare / floor: ${(median(warm.prepare.samples) / median(warm.floor.samples)).toFixed(2)}×; action / floor without writing: ${(median(warm.action.samples) / median(warm.readHash.samples)).toFixed(2)}×)`);
  }

  if (only.has('cold')) {
    const runs: ColdSeries[] = [];
    const links: LinkModel[] = [{ kind: 'unthrottled' }];
    if (rate > 0) links.push({ kind: 'per-connection', bytesPerSecond: rate }, { kind: 'shared', bytesPerSecond: rate });
    for (const link of links) {
      log(`cold prepare vs curl (${describeLink(link)}), ${reps} reps`);
      runs.push(await coldBench(options, link));
    }
    for (const run of runs) {
      lines.push(describeSeries(run.prepare), describeSeries(run.curlSerial), describeSeries(run.curlParallel));
      const best = median(run.curlParallel.samples) <= median(run.curlSerial.samples) ? run.curlParallel : run.curlSerial;
      verdicts.push(verdict(`cold prepare / faster curl (${run.rateLabel})`, run.prepare, best, 1.2));
      verdicts.push(verdict(`cold prepare / serial curl (${run.rateLabel})`, run.prepare, run.curlSerial, 1.2));
    }
  }

  const built = only.has('build') || only.has('push') ? await buildBench({ ...options, repo: process.cwd(), parts: { archive: only.has('build'), push: only.has('push') } }) : undefined;
  for (const run of built?.push ?? []) {
    lines.push(describeSeries(run.action), describeSeries(run.plain), describeSeries(run.verify));
    verdicts.push(verdict(`build step with push / plain buildx --push on ${run.builder.name} (${run.builder.driver})`, run.action, run.plain, run.target));
    verdicts.push(goal(`verification, first read, 2 × 100 MB base, on ${run.builder.name}`, run.verify, 500));
  }
  if (built && only.has('build')) {
    for (const series of [built.action, built.plain, built.reproducible, built.verify, built.base]) lines.push(describeSeries(series));
    verdicts.push(verdict('action build step / plain docker buildx build', built.action, built.plain, 1.25));
    verdicts.push(verdict('action build step / plain buildx with the same reproducibility', built.action, built.reproducible, 1.25));
    for (const [name, baseline] of [['plain buildx', built.plain], ['reproducible plain buildx', built.reproducible]] as const) {
      const overhead = median(built.action.samples) - median(baseline.samples);
      lines.push(`action fixed cost over ${name}: ${(overhead / 1000).toFixed(3)} s (issue 3 expects about 0.2 s)`);
    }
    const saved = median(built.plain.samples) / median(built.base.samples);
    lines.push(`overlay build / base rebuild: ${saved.toFixed(2)}× (the overlay takes that fraction of a rebuild)`);
  }

  if (only.has('registry')) {
    const r = await registryEngineBench({ ...options, repo: process.cwd() });
    for (const series of [r.engine, r.plain, r.small, r.large, r.smallNoVerify, r.largeNoVerify]) lines.push(describeSeries(series));
    lines.push(`baseline builder: ${r.builderNote}`);
    lines.push(`registry engine bytes uploaded: ${r.uploaded} B; encoder layer + configs + manifests + index: ${r.expected} B (${(r.uploaded / r.expected).toFixed(3)}×, target ≤ 1.1×)`);
    verdicts.push(verdict('registry engine / plain buildx --push (empty cache)', r.engine, r.plain, 0.5));
    verdicts.push(verdict('registry engine, 500 MB / 10 MB base (flatness)', r.large, r.small, 1.2));
    verdicts.push(verdict('registry engine without verify, 500 MB / 10 MB base', r.largeNoVerify, r.smallNoVerify, 1.2));
  }
} finally {
  await root.remove();
}
lines.push(`load average at end: ${load()}`);

process.stdout.write(['', 'medians', ...lines.map((l) => `  ${l}`), '', 'ratios', ...verdicts.map((v) => `  ${describeVerdict(v)}`), ''].join('\n'));
