// The One API examples, used for real: Dockerfile.offline is built on a local stand-in for the
// One API image (nothing can be pulled here) and run with no network; the compose file is
// checked by `docker compose config` and its internal-only variant is brought up; the release
// workflow's own step runs through the bundled action against a stand-in base that, like One
// API's `latest` since February 2025, has no arm64 image.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PINNED_FILES, canonicalUrl } from '../../src/pins.js';
import { encoderBytes } from '../support/encoder-bytes.js';
import { fetchBlob, fetchManifest, imageEntries, platformOf, requireEngine, requireRegistry, runDocker, splitRef, testImage, uniqueTag } from '../support/docker.js';
import { buildAndPush } from '../support/engine-push.js';
import { startMirrorServer } from '../support/mirror-server.js';
import { freshRunner, runAction } from '../support/run-action.js';

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
let base: string;
/** The stand-in as One API's `latest` is published: an index whose only image is linux/amd64. */
let amd64OnlyIndex: string;
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

/**
 * Waits for `healthy` until the deadline. `unhealthy` is not final: on a loaded machine the first
 * probes can fail (or time out) before the server is up, and Docker turns the status back to
 * healthy at the next passing probe.
 */
async function waitHealthy(container: string, seconds: number): Promise<string> {
  const deadline = Date.now() + seconds * 1000;
  let status = '';
  while (Date.now() < deadline) {
    status = (await runDocker(['inspect', '--format', '{{.State.Health.Status}}', container])).stdout.trim();
    if (status === 'healthy') return status;
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
  base = `${testImage('one-api-fixture')}:${tag}`;
  await buildAndPush(base, fixture, { args: ['--platform', 'linux/amd64', '--provenance=false'] });

  amd64OnlyIndex = `${testImage('one-api-fixture')}:${tag}-index`;
  await runDocker(['buildx', 'imagetools', 'create', '--tag', amd64OnlyIndex, base]);

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
  it('takes a pinned One API release as a base ARG, the encoders from the tiktoken context, and has no RUN', async () => {
    const text = await readFile(join(EXAMPLE, 'Dockerfile.offline'), 'utf8');
    const instructions = text.split('\n').filter((l) => /^[A-Z]+\s/.test(l));
    expect(instructions[0]).toMatch(/^ARG ONE_API_IMAGE=justsong\/one-api:v\d+\.\d+\.\d+(@sha256:[0-9a-f]{64})?$/);
    expect(instructions[1]).toBe('FROM ${ONE_API_IMAGE}');
    expect(instructions.filter((l) => l.startsWith('COPY'))).toEqual(['COPY --from=tiktoken --chown=0:0 --chmod=0444 . /tiktoken_cache']);
    expect(instructions.filter((l) => /^(RUN|USER)\s/.test(l))).toEqual([]); // no emulation for arm64; One API's own user
    expect(text).not.toMatch(/openaipublic|curl|wget -O \/tiktoken/); // nothing is downloaded in the build
  });

  it("keeps the base's user, WORKDIR and entrypoint, puts the cache env outside /data and adds a healthcheck", async () => {
    const [image] = JSON.parse((await runDocker(['image', 'inspect', offlineImage])).stdout) as Array<{
      Config: { User: string; Env: string[]; WorkingDir: string; Healthcheck?: { Test: string[] }; Entrypoint: string[] };
    }>;
    const config = image!.Config;
    expect(config.User).toBe(''); // One API runs as root, so its documented root-owned /data bind mount works
    expect(config.Env).toEqual(expect.arrayContaining(['TIKTOKEN_CACHE_DIR=/tiktoken_cache', 'DATA_GYM_CACHE_DIR=/tiktoken_cache']));
    const cacheDir = config.Env.find((e) => e.startsWith('TIKTOKEN_CACHE_DIR='))!.split('=')[1]!;
    expect(`${cacheDir}/`.startsWith(`${config.WorkingDir}/`)).toBe(false);
    expect(config.WorkingDir).toBe('/data');
    expect(config.Healthcheck?.Test).toEqual(['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:3000/api/status']);
    expect(config.Entrypoint).toEqual(['/one-api']);
  });

  it('with no network: the sha1-named file has the pinned hash for root and for any other user, who cannot change it', async () => {
    const check = `id -u; sha256sum "$TIKTOKEN_CACHE_DIR/${CACHE_FILE}"; touch "$TIKTOKEN_CACHE_DIR/x" 2>/dev/null && echo cache-writable || echo cache-read-only`;
    const root = await runDocker(['run', '--rm', '--network', 'none', '--entrypoint', 'sh', offlineImage, '-c', `${check}; touch /data/db && echo data-writable`]);
    expect(root.stdout.trim().split('\n').slice(0, 2)).toEqual(['0', `${PIN.sha256}  /tiktoken_cache/${CACHE_FILE}`]);
    expect(root.stdout).toContain('data-writable');
    const other = await runDocker(['run', '--rm', '--network', 'none', '--user', '65534:65534', '--entrypoint', 'sh', offlineImage, '-c', check]);
    expect(other.stdout.trim().split('\n')).toEqual(['65534', `${PIN.sha256}  /tiktoken_cache/${CACHE_FILE}`, 'cache-read-only']);
  });

  it("the image's own HEALTHCHECK turns healthy with no network", async () => {
    const name = `oneapi-example-${uniqueTag()}`;
    cleanup.push(() => runDocker(['rm', '-f', name], { allowFailure: true }));
    await runDocker(['run', '-d', '--name', name, '--network', 'none', '--health-interval', '1s', '--health-start-period', '0s', offlineImage]);
    expect(await waitHealthy(name, 90)).toBe('healthy');
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
  const SECRET = 'a-session-secret-for-tests';
  const env = () => ({ ONE_API_IMAGE: offlineImage, SESSION_SECRET: SECRET, ONE_API_DATA: join(work, 'data') });

  it('`docker compose config` accepts it: SESSION_SECRET, the /data bind mount, cache outside it, healthcheck, limits', async () => {
    const config = JSON.parse((await compose(['--profile', 'internal', 'config', '--format', 'json'], env())).stdout) as Config;
    expect(Object.keys(config.services).sort()).toEqual(['one-api', 'one-api-internal']);
    for (const [name, service] of Object.entries(config.services)) {
      expect(service.image, name).toBe(offlineImage);
      expect(service.user, name).toBeUndefined(); // One API's own user, as its image has it
      expect(service.environment?.['SESSION_SECRET'], name).toBe(SECRET);
      const data = service.volumes?.find((v) => v.target === '/data');
      expect(data?.type, name).toBe('bind');
      expect(data?.source.startsWith(join(work, 'data')), name).toBe(true);
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
    expect(await readFile(COMPOSE_FILE, 'utf8')).toMatch(/^\s+# SQL_DSN: \S+/m);
  });

  it('refuses to start without SESSION_SECRET, naming it', async () => {
    const result = await runDocker(['compose', '-f', COMPOSE_FILE, 'config'], { allowFailure: true, env: { ...process.env, ...env(), SESSION_SECRET: '' } });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('SESSION_SECRET');
  });

  it('the internal-only variant comes up healthy on a network with no way out, writing to the bind-mounted folder', async () => {
    const project = `oneapi-example-${uniqueTag()}`;
    cleanup.push(() => compose(['-p', project, '--profile', 'internal', 'down', '--remove-orphans'], env()));
    await compose(['-p', project, '--profile', 'internal', 'up', '-d', 'one-api-internal'], env());
    const id = (await compose(['-p', project, 'ps', '-q', 'one-api-internal'], env())).stdout.trim();
    expect(id).not.toBe('');
    // The compose healthcheck runs every 30s; run its exact command now instead of waiting.
    const [container] = JSON.parse((await runDocker(['inspect', id])).stdout) as Array<{
      Config: { Healthcheck: { Test: string[] } };
      NetworkSettings: { Networks: Record<string, unknown> };
    }>;
    const test = container!.Config.Healthcheck.Test;
    expect(test[0]).toBe('CMD');
    // Until a deadline, not a count of tries: each `docker exec` takes longer on a loaded machine.
    let ok = false;
    for (const deadline = Date.now() + 90_000; !ok && Date.now() < deadline; ) {
      ok = (await runDocker(['exec', id, ...test.slice(1)], { allowFailure: true })).code === 0;
      if (!ok) await new Promise((r) => setTimeout(r, 250));
    }
    expect(ok).toBe(true);
    await runDocker(['exec', id, 'touch', '/data/written-by-one-api']);
    await expect(readFile(join(work, 'data', 'oneapi-internal', 'written-by-one-api'))).resolves.toBeDefined();
    for (const network of Object.keys(container!.NetworkSettings.Networks)) {
      const [net] = JSON.parse((await runDocker(['network', 'inspect', network])).stdout) as Array<{ Internal: boolean }>;
      expect(net!.Internal, network).toBe(true);
    }
  });
});

describe('examples/workflows/release.yml, its step run through the action', () => {
  interface Workflow {
    jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, unknown> }> }>;
  }
  /** The example's own `with:`, with the expressions a tag push would fill in, pointed at loopback. */
  async function exampleInputs(overrides: Record<string, string>): Promise<Record<string, string>> {
    const wf = parse(await readFile(join(ROOT, 'examples/workflows/release.yml'), 'utf8')) as Workflow;
    const step = Object.values(wf.jobs).flatMap((j) => j.steps).find((s) => s.uses === 'your-org/oneapi-offline-action@v1');
    const inputs = Object.fromEntries(Object.entries(step!.with!).map(([k, v]) => [k, String(v)]));
    expect(inputs['base-image']).toMatch(/^justsong\/one-api:v\d/);
    expect(inputs['platforms']).toBe('linux/amd64,linux/arm64');
    return { ...inputs, ...overrides };
  }

  it('a base without arm64: a clear error naming the base and the platforms it has, and nothing pushed', async () => {
    await requireRegistry();
    const mirror = await startMirrorServer();
    try {
      const image = testImage(`release-example-${uniqueTag()}`);
      const runner = await freshRunner(join(work, 'release-runner'));
      const run = await runAction(runner, await exampleInputs({ 'base-image': amd64OnlyIndex, images: image, version: 'v1.2.3', mirror: mirror.origin }), { timeoutMs: 600_000 });
      expect(run.code).not.toBe(0);
      const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error'));
      const text = errors.join('\n');
      // Stopped before the build (not buildx's "no match for platform in manifest" with a generic
      // hint), naming the base, the platform it lacks and the platforms it has.
      expect(text).not.toMatch(/docker buildx build|no match for platform|unexpected error/i);
      expect(text).toContain(amd64OnlyIndex.split('/').pop()!);
      expect(text).toMatch(/linux\/arm64/);
      expect(text).toMatch(/linux\/amd64/);
      const { repository } = splitRef(`${image}:offline-v1.2.3`);
      await expect(fetchManifest(repository, 'offline-v1.2.3')).rejects.toThrow();
    } finally {
      await mirror.close();
    }
  }, 660_000);

  it('with platforms: auto, a verified image for what the base has (linux/amd64), pushed with the version tags', async () => {
    await requireRegistry();
    const mirror = await startMirrorServer();
    try {
      const image = testImage(`release-example-auto-${uniqueTag()}`);
      const runner = await freshRunner(join(work, 'release-runner-auto'));
      const run = await runAction(runner, await exampleInputs({ 'base-image': amd64OnlyIndex, platforms: 'auto', images: image, version: 'v1.2.3', mirror: mirror.origin }), {
        timeoutMs: 600_000,
      });
      expect(run.code, run.stdout.slice(-4000)).toBe(0);
      const verification = JSON.parse(run.outputs['verification'] as string) as { ok: boolean; platforms: Array<{ platform: string; ok: boolean }> };
      expect(verification.ok).toBe(true);
      expect(verification.platforms.map((p) => [p.platform, p.ok])).toEqual([['linux/amd64', true]]);
      const digest = run.outputs['digest'] as string;
      const { repository } = splitRef(`${image}:offline-v1.2.3`);
      const pushed = await fetchManifest(repository, 'offline-v1.2.3');
      expect(pushed.digest).toBe(digest);
      let platforms: string[];
      if (pushed.json.manifests) platforms = imageEntries(pushed).map(platformOf);
      else {
        const config = JSON.parse((await fetchBlob(repository, pushed.json.config!.digest)).toString('utf8')) as { os: string; architecture: string };
        platforms = [`${config.os}/${config.architecture}`];
      }
      expect(platforms).toEqual(['linux/amd64']);
    } finally {
      await mirror.close();
    }
  }, 660_000);
});
