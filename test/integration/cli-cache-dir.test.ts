// cache-dir placement through the bundled CLI (dist/cli.mjs; `npm run build` first): a root, a
// folder holding the working folder, or RUNNER_TEMP itself exits 2 naming cache-dir and the fix,
// before any download and before docker is asked anything (a `docker` on PATH records calls).
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import { startMirrorServer, type MirrorServer } from '../support/mirror-server.js';
import { REPO_ROOT } from '../support/run-action.js';

let home: string;
let mirror: MirrorServer;
const calls = () => readFile(join(home, 'docker-calls'), 'utf8').catch(() => '');

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'oneapi-cli-cache-dir-'));
  mirror = await startMirrorServer();
  await mkdir(join(home, 'bin'));
  await writeFile(join(home, 'bin', 'docker'), `#!/bin/sh\necho "$@" >> ${JSON.stringify(join(home, 'docker-calls'))}\nexit 1\n`);
  await chmod(join(home, 'bin', 'docker'), 0o755);
});
afterAll(async () => {
  await mirror.close();
  await rm(home, { recursive: true, force: true });
});

function cli(args: readonly string[]): Promise<{ code: number; stderr: string }> {
  const env = { PATH: `${join(home, 'bin')}:${process.env['PATH'] ?? ''}`, HOME: home, XDG_CACHE_HOME: join(home, '.cache') };
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'dist/cli.mjs'), ...args], { env, cwd: home, stdio: ['ignore', 'ignore', 'pipe'] });
    const err: Buffer[] = [];
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('close', (code) => done({ code: code ?? -1, stderr: Buffer.concat(err).toString('utf8') }));
  });
}

describe('cache-dir placement (CLI)', () => {
  it.each([
    ['/', /is a filesystem root/],
    ['.', /is the current working folder/],
    ['..', /contains the current working folder/],
    ['.cache/oneapi-offline/tmp', /is RUNNER_TEMP/],
  ])('build --out %s exits 2 before any download or docker call', async (out, reason) => {
    const before = mirror.requests.length;
    const run = await cli(['build', '--out', out, '--mirror', mirror.origin, '--encoders', 'r50k_base', '--platforms', 'linux/amd64', '--images', 'localhost/x', '--tags', 'localhost/x:1']);
    expect(run.stderr).not.toMatch(/unexpected error/);
    expect(run.code).toBe(ExitCode.badInput);
    expect(run.stderr).toMatch(/input "cache-dir" is invalid/);
    expect(run.stderr).toMatch(reason);
    expect(run.stderr).toMatch(/fix: +point cache-dir \(--out\) at a dedicated folder/);
    expect(mirror.requests.length).toBe(before);
    expect(await calls()).toBe('');
  });
});
