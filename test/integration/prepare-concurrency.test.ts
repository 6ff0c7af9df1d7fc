// Prepare runs side by side as separate processes (the bundled CLI, dist/cli.mjs: run
// `npm run build` first) on one machine, sharing one cache root (staging, tool cache), against a
// loopback mirror: two into one folder and two into different folders, 20 rounds each. Every
// run must succeed, and every folder end consistent: exactly manifest.json and the files it
// lists, each with its listed bytes; no lock or temp file left. Also: errors the environment
// causes for another user (EACCES, run as `nobody` through setpriv) name the file and exit 2.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import type { Manifest } from '../../src/encoders/manifest.js';
import { encoderBytes } from '../support/encoder-bytes.js';
import { startMirrorServer, type MirrorServer } from '../support/mirror-server.js';
import { REPO_ROOT } from '../support/run-action.js';

let root: string;
let mirror: MirrorServer;
/** A world-readable copy of the bundle: the clone may sit under a folder `nobody` cannot enter. */
let bundle: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'oneapi-concurrency-'));
  await chmod(root, 0o777);
  bundle = join(root, 'dist');
  await cp(join(REPO_ROOT, 'dist'), bundle, { recursive: true });
  await openUp(bundle);
  mirror = await startMirrorServer();
});

/** chmod a+rX below `dir`, as `cp` keeps the clone's modes. */
async function openUp(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await openUp(path);
    else await chmod(path, 0o644);
  }
}
afterAll(async () => {
  await mirror.close();
  await rm(root, { recursive: true, force: true });
});

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: readonly string[], home: string, asUser?: 'nobody'): Promise<Run> {
  const env = { PATH: process.env['PATH'] ?? '', HOME: home, XDG_CACHE_HOME: join(home, '.cache') };
  const node = [process.execPath, join(bundle, 'cli.mjs'), ...args];
  const [command, ...argv] = asUser ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...node] : node;
  return new Promise((done) => {
    const child = spawn(command!, argv, { env, cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('close', (code) => done({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** The folder holds exactly its manifest and the files it lists, with their bytes; returns the manifest. */
async function expectConsistent(dir: string): Promise<Manifest> {
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  expect((await readdir(dir)).sort()).toEqual([...manifest.files.map((f) => f.cacheFile), 'manifest.json'].sort());
  for (const file of manifest.files) {
    const bytes = await readFile(join(dir, file.cacheFile));
    expect({ id: file.id, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }).toEqual({ id: file.id, size: file.size, sha256: file.sha256 });
  }
  return manifest;
}

function expectOk(run: Run): void {
  if (run.code !== 0) expect(run.stderr).toBe('(exit 0)');
  expect(run.code).toBe(0);
}

const ROUNDS = 20;

describe('concurrent prepares on one machine (separate CLI processes)', () => {
  it(`${ROUNDS} rounds of two into one folder: both succeed, the folder ends consistent`, async () => {
    const home = join(root, 'one-folder');
    await mkdir(home, { recursive: true });
    for (let round = 0; round < ROUNDS; round++) {
      const out = join(home, `cache-${round}`);
      // Different encoder sets, so the second writer also removes what the first listed.
      const [a, b] = await Promise.all([
        cli(['prepare', '--out', out, '--mirror', mirror.origin, '--encoders', 'r50k_base,gpt2'], home),
        cli(['prepare', '--out', out, '--mirror', mirror.origin, '--encoders', 'r50k_base'], home),
      ]);
      expectOk(a);
      expectOk(b);
      const final = await expectConsistent(out);
      // The folder holds what one of the two runs laid out (the later one's set).
      const claimed = [a, b].map((run) => (JSON.parse(run.stdout) as { files: Array<{ cacheFile: string }> }).files.map((f) => f.cacheFile).sort().join());
      expect(claimed).toContain(final.files.map((f) => f.cacheFile).sort().join());
    }
  }, 600_000);

  it(`${ROUNDS} rounds of two into different folders: both succeed, each folder consistent`, async () => {
    const home = join(root, 'two-folders');
    await mkdir(home, { recursive: true });
    for (let round = 0; round < ROUNDS; round++) {
      const outs = [join(home, `a-${round}`), join(home, `b-${round}`)];
      const runs = await Promise.all(outs.map((out) => cli(['prepare', '--out', out, '--mirror', mirror.origin, '--encoders', 'r50k_base,gpt2'], home)));
      runs.forEach(expectOk);
      for (const out of outs) expect((await expectConsistent(out)).files).toHaveLength(3);
    }
    // Every run staged in its own folder and cleaned it up.
    expect(await readdir(join(home, '.cache', 'oneapi-offline', 'oneapi-offline-staging'))).toEqual([]);
  }, 600_000);
});

describe('files another user cannot read (run as nobody)', () => {
  it('an unreadable source file: exit 2, naming the file and why', async () => {
    const home = await mkdtemp(join(root, 'nobody-'));
    await chmod(home, 0o777);
    const source = join(home, 'source');
    await mkdir(source);
    await chmod(source, 0o755);
    await writeFile(join(source, 'r50k_base.tiktoken'), await encoderBytes('r50k_base'), { mode: 0o600 });
    const run = await cli(['prepare', '--source', source, '--out', join(home, 'out'), '--encoders', 'r50k_base'], home, 'nobody');
    expect(run.stderr).not.toMatch(/unexpected error/);
    expect(run.code).toBe(ExitCode.badInput);
    expect(run.stderr).toContain(join(source, 'r50k_base.tiktoken'));
    expect(run.stderr).toMatch(/not readable by this user \(EACCES\)/);
  });

  it('an unreadable file in cache-dir under an encoder name: exit 2, naming it, before any download', async () => {
    const home = await mkdtemp(join(root, 'nobody-'));
    await chmod(home, 0o777);
    const out = join(home, 'out');
    await mkdir(out);
    await chmod(out, 0o777);
    const name = createHash('sha1').update('https://openaipublic.blob.core.windows.net/encodings/r50k_base.tiktoken').digest('hex');
    await writeFile(join(out, name), 'root only', { mode: 0o600 });
    const before = mirror.requests.length;
    const run = await cli(['prepare', '--out', out, '--mirror', mirror.origin, '--encoders', 'r50k_base'], home, 'nobody');
    expect(run.stderr).not.toMatch(/unexpected error/);
    expect(run.code).toBe(ExitCode.badInput);
    expect(run.stderr).toMatch(new RegExp(`cache-dir ${out}: ${name} .*not readable by this user \\(EACCES\\)`));
    expect(mirror.requests.length).toBe(before);
  });
});
