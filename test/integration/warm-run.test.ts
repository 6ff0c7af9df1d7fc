// The warm path of the bundled action (dist/action.mjs on Node 24, every input at its default as
// a runner passes it, the runner's files and cache variables set, every file in the tool
// cache): it loads nothing only a download needs, reads each cached file once (hashed while
// copied into the cache folder), and writes its outputs and summary with one append each.
// test/support/load-trace.mjs watches the action's own process; the cold run that primes the
// tool cache is the control that shows the trace sees download code when it is loaded.
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_NAMES } from '../../src/pipeline/outputs.js';
import { PINNED_FILES } from '../../src/pins.js';
import { startMirrorServer, type MirrorServer } from '../support/mirror-server.js';
import { freshRunner, runAction, type Runner } from '../support/run-action.js';

const TRACE_HOOK = fileURLToPath(new URL('../support/load-trace.mjs', import.meta.url));
const DEFAULT_FILES = ['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base'] as const;
const RUN = { timeoutMs: 45_000 };

/** Module markers (esbuild's `// path` comments) of code only downloads, the Actions cache or builds need. */
const DOWNLOAD_ONLY = [
  'node_modules/@actions/http-client/',
  'node_modules/undici/',
  'node_modules/@actions/cache/',
  'node_modules/@actions/tool-cache/',
  'node_modules/@actions/exec/',
  'node_modules/@actions/io/',
  'node_modules/@azure/',
  'src/download/',
  'src/build/',
  'src/http/',
]
  .map((path) => new RegExp(`^// (?:.*/)?${path.replace(/[.]/g, '\\.')}`))
  // The OCI core, but for src/oci/digest.ts: the project's one hashing helper, which the warm path's file checks use.
  .concat(/^\/\/ (?:.*\/)?src\/oci\/(?!digest\.ts)/);
/** Built-ins only the network, buildx or git use. */
const NETWORK_BUILTINS = ['http', 'https', 'http2', 'tls', 'zlib', 'child_process'];

interface Trace {
  readonly modules: readonly string[];
  readonly builtins: readonly string[];
  readonly rchar: number;
  readonly appends: readonly string[];
}

/** The download-only modules bundled into the files a run loaded. */
async function downloadCodeLoaded(trace: Trace): Promise<string[]> {
  const found = new Set<string>();
  for (const url of trace.modules.filter((u) => u.startsWith('file:') && u.includes('/dist/'))) {
    for (const line of (await readFile(fileURLToPath(url), 'utf8')).split('\n')) {
      if (DOWNLOAD_ONLY.some((pattern) => pattern.test(line))) found.add(line.slice(3).replace(/^.*?(node_modules|src)\//, '$1/'));
    }
  }
  return [...found].sort();
}

let root: string;
let mirror: MirrorServer;
let runner: Runner;
let cold: Trace;

async function traced(inputs: Record<string, string>): Promise<{ run: Awaited<ReturnType<typeof runAction>>; trace: Trace }> {
  // A new job on the same runner: fresh RUNNER_TEMP (the default cache-dir lives there), same tool cache.
  const temp = runner.env['RUNNER_TEMP'] as string;
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp);
  await rm(runner.env['LOAD_TRACE_OUT'] as string, { force: true });
  const run = await runAction(runner, inputs, RUN);
  const trace = JSON.parse(await readFile(runner.env['LOAD_TRACE_OUT'] as string, 'utf8')) as Trace;
  return { run, trace };
}

beforeAll(async () => {
  root = join(tmpdir(), `oneapi-warm-${process.pid}`);
  mirror = await startMirrorServer();
  runner = await freshRunner(root, {
    NODE_OPTIONS: `--import=${TRACE_HOOK}`,
    LOAD_TRACE_OUT: join(root, 'trace.json'),
    // What a hosted runner sets: the cache service is there (a closed port: a warm run must not ask it).
    ACTIONS_RUNTIME_TOKEN: 'token-for-tests',
    ACTIONS_RESULTS_URL: 'http://127.0.0.1:9/',
    ACTIONS_CACHE_URL: 'http://127.0.0.1:9/',
    ACTIONS_CACHE_SERVICE_V2: 'True',
    GITHUB_STATE: join(root, 'state.txt'),
    GITHUB_ENV: join(root, 'env.txt'),
    GITHUB_PATH: join(root, 'path.txt'),
  });
  const primed = await traced({ build: 'false', mirror: mirror.origin });
  expect(primed.run.code, primed.run.stdout).toBe(0);
  expect(primed.run.outputs['source']).toBe('download');
  cold = primed.trace;
}, 120_000);
afterAll(async () => {
  await mirror.close();
  await rm(root, { recursive: true, force: true });
});

describe('a warm prepare through the bundled action', () => {
  it('the trace sees download code where it is loaded (control: the cold run that filled the tool cache)', async () => {
    const loaded = await downloadCodeLoaded(cold);
    expect(loaded.some((m) => m.includes('src/download/'))).toBe(true);
    expect(loaded.some((m) => m.includes('undici/'))).toBe(true);
    expect(cold.builtins).toContain('http');
  });

  it('loads nothing only a download, the Actions cache or a build needs', async () => {
    const requestsBefore = mirror.requests.length;
    const { run, trace } = await traced({ build: 'false' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs['cache-hit']).toBe('true');
    expect(run.outputs['source']).toBe('tool-cache');
    expect(mirror.requests.length).toBe(requestsBefore);
    expect(trace.modules.some((u) => u.endsWith('/dist/action.mjs'))).toBe(true);
    expect(await downloadCodeLoaded(trace)).toEqual([]);
    expect(trace.builtins.filter((name) => NETWORK_BUILTINS.includes(name))).toEqual([]);
  });

  it('reads each cached file once: hashed while copied, never hashed first and copied after', async () => {
    const { run, trace } = await traced({ build: 'false' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const cached = DEFAULT_FILES.reduce((sum, id) => sum + PINNED_FILES[id].size, 0);
    // Everything else the process reads (its own code, the manifest, /proc) is far below one file.
    let code = 0;
    for (const url of trace.modules.filter((u) => u.startsWith('file:'))) code += (await stat(fileURLToPath(url))).size;
    expect(trace.rchar).toBeGreaterThanOrEqual(cached);
    expect(trace.rchar - code).toBeLessThan(cached * 1.25);
  });

  it('writes GITHUB_OUTPUT and the job summary with one append each, and no state or env', async () => {
    const { run, trace } = await traced({ build: 'false' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const count = (name: string) => trace.appends.filter((path) => path === runner.env[name]).length;
    expect(count('GITHUB_OUTPUT')).toBe(1);
    expect(count('GITHUB_STEP_SUMMARY')).toBe(1);
    expect(count('GITHUB_STATE')).toBe(0);
    expect(count('GITHUB_ENV')).toBe(0);
    expect(Object.keys(run.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
    expect(run.summary).toContain(PINNED_FILES.o200k_base.sha256);
  });
});

