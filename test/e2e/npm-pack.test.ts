// Installable outside a git clone: `npm pack` of this checkout, installed into an empty folder
// with no registry (the bundle carries its dependencies, so the package has none), gives a
// working `npx oneapi-offline`: --version, `prepare` (which also pushes the verified folder as a
// cache image to the loopback registry, no Docker) and `verify` of that image.
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireRegistry, testImage, uniqueTag } from '../support/docker.js';
import { REPO_ROOT } from '../support/run-action.js';
import { tempDir } from './build-support.js';
import { encoderSource } from './registry-engine-support.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(argv: readonly string[], cwd: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const [bin, ...args] = argv as [string, ...string[]];
    const child = spawn(bin, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

let work: string;
let app: string;
let env: Record<string, string>;
const image = `${testImage('npm-pack-cache')}:${uniqueTag()}`;

beforeAll(async () => {
  await requireRegistry();
  work = await tempDir('npm-pack');
  app = join(work, 'app');
  await mkdir(app, { recursive: true });
  // Node and npm, and nothing of this checkout: no node_modules/.bin, no docker.
  env = { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: join(work, 'home'), XDG_CACHE_HOME: join(work, 'xdg'), npm_config_cache: join(work, 'npm-cache'), npm_config_update_notifier: 'false' };
}, 120_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('npm pack → an empty folder → npx oneapi-offline', () => {
  let tarball: string;

  it('packs dist/, action.yml, README.md and LICENSE, and no sources or tests', async () => {
    const packed = await run(['npm', 'pack', '--json', '--pack-destination', work], REPO_ROOT, env);
    expect(packed.code, packed.stderr).toBe(0);
    const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const files = info!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['dist/cli.mjs', 'dist/action.mjs', 'action.yml', 'README.md', 'LICENSE', 'package.json']));
    expect(files.filter((f) => /^(src|test|scripts|fixtures|bench)\//.test(f) || f.includes('node_modules'))).toEqual([]);
    tarball = join(work, info!.filename);
  }, 120_000);

  it('installs with no registry and prints its version', async () => {
    const installed = await run(['npm', 'install', '--offline', '--no-audit', '--no-fund', tarball], app, env);
    expect(installed.code, installed.stderr).toBe(0);
    const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const version = await run(['npx', '--no-install', 'oneapi-offline', '--version'], app, env);
    expect(version.code, version.stderr).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);
  }, 120_000);

  it('prepare pushes a verified cache image, and verify reads it back from the registry', async () => {
    const source = await encoderSource(join(work, 'source'));
    const prepared = await run(['npx', '--no-install', 'oneapi-offline', 'prepare', '--source', source, '--no-encoder-cache', '--out', join(work, 'cache'), '--encoders', 'cl100k_base', '--cache-image', image], app, env);
    expect(prepared.code, prepared.stderr).toBe(0);
    expect(JSON.parse(prepared.stdout)['cache-image']).toMatchObject({ reference: image, tagged: true });
    const verified = await run(['npx', '--no-install', 'oneapi-offline', 'verify', '--images', image, '--encoders', 'cl100k_base'], app, env);
    expect(verified.code, verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)['verified']).toBe(true);
  }, 300_000);
});
