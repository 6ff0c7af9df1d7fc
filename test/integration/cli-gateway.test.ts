// `--gateway` through the bundled CLI (dist/cli.mjs): a profile's encoder set from a loopback
// mirror, and its input errors, each exit 2 before any download, build or registry call (the
// mirror counts its requests; the registry address answers nothing).
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import { startMirrorServer, type MirrorServer } from '../support/mirror-server.js';
import { REPO_ROOT } from '../support/run-action.js';

let root: string;
let mirror: MirrorServer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'oneapi-cli-gateway-'));
  mirror = await startMirrorServer();
});
afterAll(async () => {
  await mirror.close();
  await rm(root, { recursive: true, force: true });
});

function cli(args: readonly string[], home: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env['PATH'] ?? '', HOME: home, XDG_CACHE_HOME: join(home, '.cache'), DOCKER_CONFIG: join(home, 'docker') };
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'dist/cli.mjs'), ...args], { env, cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('close', (code) => done({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

describe('oneapi-offline --gateway', () => {
  it("prepare --gateway one-api lays out One API's two encodings, and says which gateway", async () => {
    const home = await mkdtemp(join(root, 'home-'));
    const run = await cli(['prepare', '--gateway', 'one-api', '--mirror', mirror.origin, '--out', join(home, 'cache'), '--no-encoder-cache'], home);
    expect(run.code, run.stderr).toBe(ExitCode.ok);
    const result = JSON.parse(run.stdout) as { files: Array<{ id: string }>; gateway: { name: string; by: string } };
    expect(result.files.map((f) => f.id)).toEqual(['cl100k_base', 'o200k_base']);
    expect(result.gateway).toMatchObject({ name: 'one-api', by: 'input' });
    expect((await readdir(join(home, 'cache'))).sort()).toEqual(['9b5ad71b2ce5302211f9c61530b329a4922fc6a4', 'fb374d419588a4632f3f557e76b4b70aebbca790', 'manifest.json']);
  });

  it.each<[string, string[], RegExp]>([
    ['an unknown gateway', ['build', '--gateway', 'openwebui', '--base-image', '127.0.0.1:9/x:1'], /input "gateway" is invalid[\s\S]*got:\s+"openwebui"[\s\S]*one of generic, one-api, new-api, litellm, open-webui, dify-api, dify-plugin-daemon, auto/],
    ['auto with no base-image', ['build', '--gateway', 'auto'], /gateway: auto reads base-image's config, and this run has none to read: Dockerfile mode/],
    ['cache-path under the volume', ['build', '--gateway', 'open-webui', '--base-image', '127.0.0.1:9/x:1', '--cache-path', '/app/backend/data/cache/tiktoken'], /cache-path \/app\/backend\/data\/cache\/tiktoken is under \/app\/backend\/data, Open WebUI's data volume/],
    ['encoders without what the gateway loads', ['prepare', '--gateway', 'dify-plugin-daemon', '--encoders', 'gpt2'], /Dify's plugin daemon needs cl100k_base, o200k_base/],
    ['auto with a base nobody answers for', ['build', '--gateway', 'auto', '--base-image', '127.0.0.1:9/x:1', '--engine', 'registry', '--archive', 'out.tar', '--platforms', 'linux/amd64', '--image-version', 'v1', '--source-date-epoch', '1700000000'], /gateway: auto could not read the config of 127\.0\.0\.1:9\/x:1/],
  ])('%s: exit 2 before any download or build', async (_what, args, message) => {
    const home = await mkdtemp(join(root, 'home-'));
    const before = mirror.requests.length;
    const run = await cli([...args, '--mirror', mirror.origin, '--out', join(home, 'cache'), '--no-encoder-cache'], home);
    expect(run.code, run.stderr).toBe(ExitCode.badInput);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/unexpected error/);
    expect(mirror.requests.length).toBe(before);
    await expect(readdir(join(home, 'cache'))).rejects.toThrow();
  });
});
