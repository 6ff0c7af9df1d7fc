// The bundled CLI (dist/cli.mjs) as GitLab CI, Jenkins or a laptop runs it: flags named like the
// action's inputs, caches under XDG_CACHE_HOME, JSON on stdout, the log on stderr, and exit codes
// that tell bad input, hash mismatch and download failure apart.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import { PINNED_FILES } from '../../src/pins.js';
import { startMirrorServer, type MirrorServer } from '../support/mirror-server.js';
import { REPO_ROOT } from '../support/run-action.js';

let root: string;
let mirror: MirrorServer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'oneapi-cli-'));
  mirror = await startMirrorServer();
});
afterAll(async () => {
  await mirror.close();
  await rm(root, { recursive: true, force: true });
});

function cli(args: readonly string[], home: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env['PATH'] ?? '', HOME: home, XDG_CACHE_HOME: join(home, '.cache') };
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'dist/cli.mjs'), ...args], { env, cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('close', (code) => done({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

describe('oneapi-offline CLI', () => {
  it('prepare lays out the verified folder and keeps the files in its own tool cache', async () => {
    const home = await mkdtemp(join(root, 'home-'));
    const out = join(home, 'tiktoken_cache');
    const run = await cli(['prepare', '--mirror', mirror.origin, '--out', out, '--encoders', 'cl100k_base,p50k_edit'], home);
    expect(run.code, run.stderr).toBe(ExitCode.ok);
    const result = JSON.parse(run.stdout) as { 'cache-dir': string; 'cache-hit': string; files: Array<{ id: string; cacheFile: string }> };
    expect(result['cache-dir']).toBe(out);
    expect(result['cache-hit']).toBe('download');
    for (const file of result.files) {
      const bytes = await readFile(join(out, file.cacheFile));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(PINNED_FILES[file.id as keyof typeof PINNED_FILES].sha256);
    }
    expect(await readdir(join(home, '.cache/oneapi-offline/tool-cache'))).toEqual(expect.arrayContaining(['tiktoken-cl100k_base', 'tiktoken-p50k_base']));

    const again = await cli(['prepare', '--mirror', 'http://127.0.0.1:9/unreachable', '--out', join(home, 'second'), '--encoders', 'cl100k_base'], home);
    expect(again.code, again.stderr).toBe(ExitCode.ok);
    expect((JSON.parse(again.stdout) as { 'cache-hit': string })['cache-hit']).toBe('tool-cache');
  });

  it.each([
    [['prepare', '--encoders', 'cl100k'], ExitCode.badInput, /input "encoders"[\s\S]*cl100k[\s\S]*fix:/],
    [['prepare', '--mirror', 'file:///etc'], ExitCode.badInput, /input "mirror"/],
    [['prepare', '--frobnicate'], ExitCode.badInput, /--frobnicate/],
    [['build', '--platforms', 'linux/amd64', '--push'], ExitCode.badInput, /input "push"[\s\S]*images/],
    [['prepare', '--out', '/etc/hostname/cache'], ExitCode.badInput, /input "cache-dir"[\s\S]*ENOTDIR[\s\S]*writable folder/],
    [['verify', '--images', 'Bad Name@sha256:00'], ExitCode.badInput, /input "images"/],
  ])('%j exits %i before any download', async (args, code, message) => {
    const home = await mkdtemp(join(root, 'bad-'));
    const before = mirror.requests.length;
    const run = await cli(args.includes('--mirror') ? args : [...args, '--mirror', mirror.origin], home);
    expect(run.code, run.stderr).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(mirror.requests.length).toBe(before);
  });

  it('wrong bytes exit 3 (hash mismatch) and a missing file exits 4 (download), keeping nothing', async () => {
    const home = await mkdtemp(join(root, 'faults-'));
    const tampered = await startMirrorServer({ files: new Map([['/encodings/r50k_base.tiktoken', Buffer.from('<html>503 from a captive portal</html>')]]) });
    try {
      const out = join(home, 'cache');
      const bad = await cli(['prepare', '--mirror', tampered.origin, '--out', out, '--encoders', 'r50k_base'], home);
      expect(bad.code, bad.stderr).toBe(ExitCode.integrity);
      expect(bad.stderr).toContain(PINNED_FILES.r50k_base.sha256);
      await expect(readdir(out)).rejects.toThrow();
      const missing = await cli(['prepare', '--mirror', tampered.origin, '--out', out, '--encoders', 'cl100k_base'], home);
      expect(missing.code, missing.stderr).toBe(ExitCode.network);
      expect(missing.stderr).toContain(`${tampered.origin}/encodings/cl100k_base.tiktoken`);
    } finally {
      await tampered.close();
    }
  });

  it('prepare --refresh against changed upstream bytes exits 3 and reports drift on stdout', async () => {
    const home = await mkdtemp(join(root, 'refresh-'));
    const changed = await startMirrorServer();
    changed.fault('/encodings/o200k_base.tiktoken', { kind: 'bytes', body: Buffer.from('o200k, but different') });
    try {
      const run = await cli(['prepare', '--refresh', '--mirror', changed.origin, '--out', join(home, 'cache'), '--encoders', 'o200k_base'], home);
      expect(run.code, run.stderr).toBe(ExitCode.integrity);
      expect(JSON.parse(run.stdout)).toMatchObject({ drift: true });
      expect(run.stderr).toContain(PINNED_FILES.o200k_base.sha256);
    } finally {
      await changed.close();
    }
  });

  it('--help lists the commands and exits 0', async () => {
    const run = await cli(['--help'], root);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/prepare[\s\S]*build[\s\S]*verify[\s\S]*merge/);
  });
});
