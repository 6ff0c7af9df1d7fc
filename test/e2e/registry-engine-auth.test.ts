// engine: registry against a registry with `auth: htpasswd` (a second Distribution registry on
// another loopback port): the base comes from the anonymous registry (blobs streamed across),
// the result goes to the authenticated one with credentials from the Docker config's `auths`,
// then from a `docker-credential-*` helper script on PATH. Wrong credentials fail with an error
// naming the registry, and the password is printed nowhere.
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import { startAuthRegistry, type AuthRegistry } from '../support/auth-registry.js';
import { MANIFEST_TYPES, requireEngine, testImage, uniqueTag } from '../support/docker.js';
import { buildAndPush } from '../support/engine-push.js';
import { busyboxContext, tempDir } from './build-support.js';
import { encoderSource, noDockerEnv, runCli } from './registry-engine-support.js';

const PASSWORD = 'pw-h8-Zq9x7-secret';
const tag = uniqueTag();
const BASE = `${testImage('h8-auth-base')}:${tag}`;
let registry: AuthRegistry;
let work: string;
let source: string;

beforeAll(async () => {
  await requireEngine();
  registry = await startAuthRegistry('h8user', PASSWORD);
  work = await tempDir('registry-engine-auth');
  source = await encoderSource(join(work, 'source'));
  const context = await busyboxContext(join(work, 'base'), 'busybox-base');
  await buildAndPush(BASE, context, { args: ['--platform', 'linux/amd64,linux/arm64', '--provenance', 'false'] });
}, 300_000);

afterAll(async () => {
  await registry?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

async function authGet(path: string, password = PASSWORD): Promise<Response> {
  return fetch(`http://${registry.host}/v2/${path}`, { headers: { authorization: `Basic ${Buffer.from(`h8user:${password}`).toString('base64')}`, accept: MANIFEST_TYPES.join(', ') } });
}

function args(name: string, cacheDir: string): string[] {
  return ['build', '--engine', 'registry', '--base-image', BASE, '--source', source, '--no-encoder-cache', '--cache-dir', cacheDir, '--encoders', 'cl100k_base', '--images', `${registry.host}/${name}`, '--image-version', 'v1.0.0', '--push'];
}

describe('registry engine with htpasswd auth', () => {
  it('takes the credentials from the Docker config auths', async () => {
    const { env } = await noDockerEnv(join(work, 'auths'));
    await mkdir(env['DOCKER_CONFIG'] as string, { recursive: true });
    await writeFile(join(env['DOCKER_CONFIG'] as string, 'config.json'), JSON.stringify({ auths: { [registry.host]: { auth: Buffer.from(`h8user:${PASSWORD}`).toString('base64') } } }));
    const run = await runCli(args('team/auths', join(work, 'auths/cache')), env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json['verified']).toBe(true);
    const index = await authGet('team/auths/manifests/offline-v1.0.0');
    expect(index.status).toBe(200);
    expect(index.headers.get('docker-content-digest')).toBe(run.json['digest']);
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
  }, 300_000);

  it('takes the credentials from a docker-credential helper named in credHelpers', async () => {
    const { env, bin } = await noDockerEnv(join(work, 'helper'));
    await mkdir(env['DOCKER_CONFIG'] as string, { recursive: true });
    await writeFile(join(env['DOCKER_CONFIG'] as string, 'config.json'), JSON.stringify({ credHelpers: { [registry.host]: 'h8test' } }));
    const helper = join(bin, 'docker-credential-h8test');
    await writeFile(helper, `#!/bin/sh\n[ "$1" = get ] || exit 2\nread -r server\n[ "$server" = "${registry.host}" ] || { echo "credentials not found in native keychain"; exit 1; }\necho '{"ServerURL":"${registry.host}","Username":"h8user","Secret":"${PASSWORD}"}'\n`);
    await chmod(helper, 0o755);
    const run = await runCli(args('team/helper', join(work, 'helper/cache')), env);
    expect(run.code, run.stderr).toBe(0);
    expect((await authGet('team/helper/manifests/offline-v1.0.0')).status).toBe(200);
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
  }, 300_000);

  it('fails with a named error on wrong credentials, tags nothing and prints no password', async () => {
    const wrong = 'wrong-pass-h8-Kp3';
    const { env } = await noDockerEnv(join(work, 'wrong'));
    await mkdir(env['DOCKER_CONFIG'] as string, { recursive: true });
    await writeFile(join(env['DOCKER_CONFIG'] as string, 'config.json'), JSON.stringify({ auths: { [registry.host]: { username: 'h8user', password: wrong } } }));
    const run = await runCli(args('team/wrong', join(work, 'wrong/cache')), env);
    expect(run.code).toBe(ExitCode.build);
    expect(run.stderr).toContain(`pushing ${registry.host}/team/wrong@sha256:`);
    expect(run.stderr).toMatch(/401/);
    expect(run.stderr).not.toMatch(/unexpected error/);
    expect(run.stdout + run.stderr).not.toContain(wrong);
    expect((await authGet('team/wrong/manifests/offline-v1.0.0')).status).toBe(404);
  }, 300_000);
});
