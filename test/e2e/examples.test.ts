// The One API examples, used for real: Dockerfile.offline is built on a local stand-in for the
// One API image (nothing can be pulled here) and run with no network; the compose file is
// checked by `docker compose config` and its internal-only variant is brought up.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PINNED_FILES, canonicalUrl } from '../../src/pins.js';
import { encoderBytes } from '../support/encoder-bytes.js';
import { requireEngine, runDocker, testImage, uniqueTag } from '../support/docker.js';

const ROOT = resolve(import.meta.dirname, '../..');
const EXAMPLE = join(ROOT, 'examples/one-api');
const COMPOSE_FILE = join(EXAMPLE, 'docker-compose.offline.yml');
const PIN = PINNED_FILES.r50k_base;
const CACHE_FILE = createHash('sha1').update(canonicalUrl(PIN)).digest('hex');
const PROVISION = 'run `sudo bash scripts/provision-engine.sh`';

// A stand-in for justsong/one-api: same layout (binary /one-api, WORKDIR /data, port 3000,
// /api/status), built FROM scratch on busybox-static. It serves {"success":true} on loopback.
const FIXTURE_DOCKERFILE = `FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
RUN mkdir -m 1777 /tmp && mkdir /data
COPY one-api /one-api
EXPOSE 3000
WORKDIR /data
ENTRYPOINT ["/one-api"]
`;
const FIXTURE_SERVER = `#!/bin/sh
mkdir -p /tmp/www/api && printf '{"success":true}' > /tmp/www/api/status
exec httpd -f -p 127.0.0.1:3000 -h /tmp/www
`;

let work: string;
let offlineImage: string;
const cleanup: Array<() => Promise<unknown>> = [];

async function compose(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = await runDocker(['compose', '-f', COMPOSE_FILE, ...args], { allowFailure: true, env: { ...process.env, ...env } });
  if (result.code !== 0 && /unknown (shorthand flag|command)|is not a docker command/.test(result.stderr)) {
    throw new Error(`the docker compose plugin is missing (${result.stderr.trim()}); ${PROVISION} (it installs docker-compose)`);
  }
  if (result.code !== 0) throw new Error(`docker compose ${args.join(' ')} exited ${result.code}:\n${result.stderr}`);
  return result;
}

async function waitHealthy(container: string, seconds: number): Promise<string> {
  let status = '';
  for (let i = 0; i < seconds * 2; i++) {
    status = (await runDocker(['inspect', '--format', '{{.State.Health.Status}}', container])).stdout.trim();
    if (status === 'healthy' || status === 'unhealthy') return status;
    await new Promise((r) => setTimeout(r, 500));
  }
  return status;
}

beforeAll(async () => {
  await requireEngine();
  work = await mkdtemp(join(tmpdir(), 'examples-e2e-'));
  cleanup.push(() => rm(work, { recursive: true, force: true }));

  // The verified folder as the action lays it out: sha1-named file + manifest.
  const cache = join(work, 'tiktoken_cache');
  await mkdir(cache);
  await writeFile(join(cache, CACHE_FILE), await encoderBytes('r50k_base'));
  await writeFile(join(cache, 'manifest.json'), JSON.stringify([{ encoding: 'r50k_base', url: canonicalUrl(PIN), sha256: PIN.sha256, size: PIN.size, file: CACHE_FILE }]));

  const fixture = join(work, 'fixture');
  await mkdir(fixture);
  await copyFile('/bin/busybox', join(fixture, 'busybox')).catch((e: unknown) => {
    throw new Error(`/bin/busybox (busybox-static) is missing; ${PROVISION}`, { cause: e });
  });
  await writeFile(join(fixture, 'one-api'), FIXTURE_SERVER, { mode: 0o755 });
  await writeFile(join(fixture, 'Dockerfile'), FIXTURE_DOCKERFILE);
  const tag = uniqueTag();
  const base = `${testImage('one-api-fixture')}:${tag}`;
  await runDocker(['buildx', 'build', '--platform', 'linux/amd64', '--provenance=false', '--output', `type=image,name=${base},push=true`, fixture]);

  offlineImage = `${testImage('one-api-offline-example')}:${tag}`;
  await runDocker([
    'buildx', 'build',
    '--platform', 'linux/amd64',
    '--file', join(EXAMPLE, 'Dockerfile.offline'),
    '--build-arg', `ONE_API_IMAGE=${base}`,
    '--build-context', `tiktoken=${cache}`,
    '--provenance=false',
    '--load', '--tag', offlineImage,
    EXAMPLE,
  ]);
  cleanup.push(() => runDocker(['image', 'rm', '-f', offlineImage], { allowFailure: true }));
}, 600_000);

afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
});

describe('examples/one-api/Dockerfile.offline', () => {
  it('takes the real One API image as a base ARG and the encoders from the tiktoken context', async () => {
    const text = await readFile(join(EXAMPLE, 'Dockerfile.offline'), 'utf8');
    const instructions = text.split('\n').filter((l) => /^[A-Z]+\s/.test(l));
    expect(instructions[0]).toMatch(/^ARG ONE_API_IMAGE=justsong\/one-api(:|@|$)/);
    expect(instructions[1]).toBe('FROM ${ONE_API_IMAGE}');
    expect(instructions.filter((l) => l.startsWith('COPY'))).toEqual(['COPY --from=tiktoken --chown=0:0 . /tiktoken_cache']);
    expect(text).not.toMatch(/openaipublic|curl|wget -O \/tiktoken/); // nothing is downloaded in the build
  });

  it('has a non-root user, the cache env outside /data and a healthcheck in its config', async () => {
    const [image] = JSON.parse((await runDocker(['image', 'inspect', offlineImage])).stdout) as Array<{
      Config: { User: string; Env: string[]; WorkingDir: string; Healthcheck?: { Test: string[] }; Entrypoint: string[] };
    }>;
    const config = image!.Config;
    expect(config.User).toBe('10001:10001');
    expect(config.Env).toEqual(expect.arrayContaining(['TIKTOKEN_CACHE_DIR=/tiktoken_cache', 'DATA_GYM_CACHE_DIR=/tiktoken_cache']));
    const cacheDir = config.Env.find((e) => e.startsWith('TIKTOKEN_CACHE_DIR='))!.split('=')[1]!;
    expect(`${cacheDir}/`.startsWith(`${config.WorkingDir}/`)).toBe(false);
    expect(config.WorkingDir).toBe('/data');
    expect(config.Healthcheck?.Test).toEqual(['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:3000/api/status']);
    expect(config.Entrypoint).toEqual(['/one-api']); // the base's entrypoint is kept
  });

  it('with no network: the sha1-named file has the pinned hash, /data is writable, the cache is not', async () => {
    const run = await runDocker([
      'run', '--rm', '--network', 'none', '--entrypoint', 'sh', offlineImage, '-c',
      `id -u; sha256sum "$TIKTOKEN_CACHE_DIR/${CACHE_FILE}"; touch /data/db && echo data-writable; touch "$TIKTOKEN_CACHE_DIR/x" 2>/dev/null && echo cache-writable || echo cache-read-only`,
    ]);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('10001');
    expect(lines[1]).toBe(`${PIN.sha256}  /tiktoken_cache/${CACHE_FILE}`);
    expect(lines.slice(2)).toEqual(['data-writable', 'cache-read-only']);
  });

  it("the image's own HEALTHCHECK turns healthy with no network", async () => {
    const name = `oneapi-example-${uniqueTag()}`;
    cleanup.push(() => runDocker(['rm', '-f', name], { allowFailure: true }));
    await runDocker(['run', '-d', '--name', name, '--network', 'none', '--health-interval', '1s', '--health-start-period', '0s', offlineImage]);
    expect(await waitHealthy(name, 30)).toBe('healthy');
  });
});

describe('examples/one-api/docker-compose.offline.yml', () => {
  interface Service {
    image: string;
    user?: string;
    environment?: Record<string, string>;
    volumes?: Array<{ type: string; source: string; target: string }>;
    ports?: unknown[];
    networks?: Record<string, unknown>;
    healthcheck?: { test: string[] };
    deploy?: { resources?: { limits?: { cpus?: number | string; memory?: string } } };
  }
  interface Config {
    services: Record<string, Service>;
    networks?: Record<string, { internal?: boolean }>;
  }

  it('`docker compose config` accepts it: /data volume, cache outside it, non-root, healthcheck, limits', async () => {
    const config = JSON.parse((await compose(['--profile', 'internal', 'config', '--format', 'json'], { ONE_API_IMAGE: offlineImage })).stdout) as Config;
    expect(Object.keys(config.services).sort()).toEqual(['one-api', 'one-api-internal']);
    for (const [name, service] of Object.entries(config.services)) {
      expect(service.image, name).toBe(offlineImage);
      expect(service.user, name).toMatch(/^[1-9]\d*:[1-9]\d*$/);
      const data = service.volumes?.find((v) => v.target === '/data');
      expect(data?.type, name).toBe('volume');
      const cacheDir = service.environment?.['TIKTOKEN_CACHE_DIR'] ?? '';
      expect(cacheDir, name).not.toBe('');
      expect(`${cacheDir}/`.startsWith('/data/'), name).toBe(false);
      expect(service.healthcheck?.test[0], name).toBe('CMD');
      expect(Number(service.deploy?.resources?.limits?.cpus), name).toBeGreaterThan(0);
      expect(Number(service.deploy?.resources?.limits?.memory), name).toBeGreaterThan(0);
    }
    const internal = config.services['one-api-internal']!;
    expect(internal.ports ?? []).toEqual([]);
    const networks = Object.keys(internal.networks ?? {});
    expect(networks.length).toBeGreaterThan(0);
    for (const network of networks) expect(config.networks?.[network]?.internal, network).toBe(true);
    expect(config.services['one-api']!.ports?.length).toBeGreaterThan(0);
  });

  it('the internal-only variant comes up healthy on a network with no way out', async () => {
    const project = `oneapi-example-${uniqueTag()}`;
    const env = { ONE_API_IMAGE: offlineImage };
    cleanup.push(() => compose(['-p', project, '--profile', 'internal', 'down', '-v', '--remove-orphans'], env));
    await compose(['-p', project, '--profile', 'internal', 'up', '-d', 'one-api-internal'], env);
    const id = (await compose(['-p', project, 'ps', '-q', 'one-api-internal'], env)).stdout.trim();
    expect(id).not.toBe('');
    // The compose healthcheck runs every 30s; run its exact command now instead of waiting.
    const [container] = JSON.parse((await runDocker(['inspect', id])).stdout) as Array<{
      Config: { Healthcheck: { Test: string[] } };
      NetworkSettings: { Networks: Record<string, unknown> };
    }>;
    const test = container!.Config.Healthcheck.Test;
    expect(test[0]).toBe('CMD');
    let ok = false;
    for (let i = 0; i < 40 && !ok; i++) {
      ok = (await runDocker(['exec', id, ...test.slice(1)], { allowFailure: true })).code === 0;
      if (!ok) await new Promise((r) => setTimeout(r, 250));
    }
    expect(ok).toBe(true);
    for (const network of Object.keys(container!.NetworkSettings.Networks)) {
      const [net] = JSON.parse((await runDocker(['network', 'inspect', network])).stdout) as Array<{ Internal: boolean }>;
      expect(net!.Internal, network).toBe(true);
    }
  });
});
