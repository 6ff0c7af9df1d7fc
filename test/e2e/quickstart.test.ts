// The README's quick start is two commands on a fresh machine: the first runs the main job, the
// second passes the tests. The first is run here, as written, in a fresh clone of this commit;
// the second is .ci/run, which must call the test command the README names.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/run-action.js';

async function quickStart(): Promise<string[]> {
  const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = /## Quick start\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block.split('\n').map((line) => line.replace(/\s+#.*$/, '').trim()).filter((line) => line !== '');
}

function sh(command: string, cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const child = spawn('bash', ['-c', command], { cwd, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.on('close', (code) => done({ code: code ?? -1, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

let clone: string | undefined;
afterAll(async () => {
  if (clone) await rm(clone, { recursive: true, force: true });
});

describe('README quick start', () => {
  it('has exactly two commands: the main job, then .ci/run which calls the README test command', async () => {
    const commands = await quickStart();
    expect(commands).toHaveLength(2);
    expect(commands[1]).toBe('bash .ci/run');
    const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('the test command itself is `npm test`');
    expect(await readFile(join(REPO_ROOT, '.ci/run'), 'utf8')).toMatch(/^npm test$/m);
  });

  it('the first command runs the main job in a fresh clone', async () => {
    const [main] = await quickStart();
    clone = await mkdtemp(join(tmpdir(), 'oneapi-quickstart-'));
    const cloned = await sh(`git clone --quiet ${JSON.stringify(REPO_ROOT)} ${JSON.stringify(clone)}`, tmpdir());
    expect(cloned.code, cloned.output).toBe(0);
    const run = await sh(main as string, clone);
    expect(run.code, run.output.slice(-6000)).toBe(0);
    expect(run.output).toMatch(/"verified": true/);
    expect((await readdir(join(clone, '.demo/tiktoken_cache'))).sort()).toContain('9b5ad71b2ce5302211f9c61530b329a4922fc6a4');
    expect(existsSync(join(clone, '.demo/one-api-offline.oci.tar'))).toBe(true);
  }, 900_000);
});
