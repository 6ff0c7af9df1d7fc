// Verify before publish, on every builder of the matrix, through the bundled CLI as a release
// job runs it: v1.0.0 is released (four tags); v1.0.1, whose Dockerfile deletes an encoder file
// after the COPY, fails verification (exit 6) and must leave every tag where it was, create no
// new one, and name the unpublished digest. A push by digest leaves the repository with no tag
// at all. Bad builder input fails before any build. Real registry on 127.0.0.1:5000, real buildx.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import { BUILDERS, requireBuilder } from '../support/builders.js';
import { fetchManifest, REGISTRY, requireEngine, runDocker, tagList, testImage, uniqueTag } from '../support/docker.js';
import { startMirrorServer, type MirrorServer } from '../support/mirror-server.js';
import { REPO_ROOT } from '../support/run-action.js';
import { busyboxContext, sha1Name } from './build-support.js';

let root: string;
let mirror: MirrorServer;
let good: string;
let broken: string;
const run = uniqueTag();

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly json: Record<string, unknown>;
}

interface PublishedTag {
  readonly tag: string;
  readonly where: string;
  readonly published: boolean;
  readonly reason?: string;
}

/** `dist/cli.mjs <args>` with its own caches; the real Docker config, so buildx finds every builder. */
function cli(args: readonly string[]): Promise<CliRun> {
  const env = {
    PATH: process.env['PATH'] ?? '',
    HOME: root,
    XDG_CACHE_HOME: join(root, '.cache'),
    DOCKER_CONFIG: process.env['DOCKER_CONFIG'] ?? join(homedir(), '.docker'),
  };
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'dist/cli.mjs'), ...args], { env, cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(stdout) as Record<string, unknown>;
      } catch {
        // a failure before the pipeline ran prints no JSON; the test reads stderr then
      }
      done({ code: code ?? -1, stdout, stderr: Buffer.concat(err).toString('utf8'), json });
    });
  });
}

async function manifestStatus(repository: string, reference: string): Promise<number> {
  const response = await fetch(`http://${REGISTRY}/v2/${repository}/manifests/${reference}`, {
    method: 'HEAD',
    headers: { accept: 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json' },
    signal: AbortSignal.timeout(15_000),
  });
  return response.status;
}

const COMMON = ['--encoders', 'r50k_base', '--provenance', 'false'];

beforeAll(async () => {
  await requireEngine();
  root = await mkdtemp(join(tmpdir(), 'oneapi-publish-'));
  mirror = await startMirrorServer();
  good = await busyboxContext(join(root, 'good'), 'busybox');
  broken = await busyboxContext(join(root, 'broken'), 'busybox');
  // v1.0.1's mistake: a step after the COPY deletes the encoder file (exec form: no shell needed).
  const dockerfile = await readFile(join(good, 'Dockerfile'), 'utf8');
  await writeFile(join(broken, 'Dockerfile'), dockerfile.replace(/^ENTRYPOINT/m, `RUN ["/bin/busybox", "rm", "-f", "/tiktoken_cache/${sha1Name('r50k_base')}"]\nENTRYPOINT`));
}, 120_000);

afterAll(async () => {
  await mirror?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe.each(BUILDERS)('verify before publish on $name ($driver)', (builder) => {
  const name = `publish-${builder.name.replace(/[^a-z0-9]+/g, '-')}-${run}`;
  const image = testImage(name);
  const repository = `oneapi-offline-test/${name}`;

  beforeAll(async () => {
    await requireBuilder(builder);
  }, 300_000);

  it('releases v1.0.0; a v1.0.1 that fails verification moves no tag and creates none', async () => {
    const args = (context: string, version: string) => ['build', '--builder', builder.name, '--context', context, '--images', image, '--image-version', version, '--push', '--mirror', mirror.origin, ...COMMON];
    const first = await cli(args(good, 'v1.0.0'));
    expect(first.code, first.stderr.slice(-3000)).toBe(ExitCode.ok);
    const released = first.json['digest'] as string;
    expect(released).toMatch(/^sha256:[0-9a-f]{64}$/);
    const moving = ['offline', 'offline-v1', 'offline-v1.0'];
    expect(first.json['published']).toEqual(['offline-v1.0.0', 'offline-v1.0', 'offline-v1', 'offline'].map((t) => ({ tag: `${image}:${t}`, where: 'registry', published: true })));
    expect(first.json['builder']).toEqual({ name: builder.name, driver: builder.driver });
    for (const tag of [...moving, 'offline-v1.0.0']) expect((await fetchManifest(repository, tag)).digest, tag).toBe(released);

    const second = await cli(args(broken, 'v1.0.1'));
    expect(second.code, second.stderr.slice(-3000)).toBe(ExitCode.verify);
    const rejected = second.json['digest'] as string;
    expect(rejected).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(rejected).not.toBe(released);
    expect(second.json['verified']).toBe(false);
    const states = second.json['published'] as PublishedTag[];
    expect(states.map((s) => [s.tag, s.published])).toEqual(['offline-v1.0.1', 'offline-v1.0', 'offline-v1', 'offline'].map((t) => [`${image}:${t}`, false]));
    expect(states.every((s) => s.reason === 'verification failed')).toBe(true);
    // The log names the unpublished digest, and it can be inspected by digest.
    expect(second.stderr).toContain(`nothing was tagged or loaded`);
    expect(second.stderr).toContain(`${image}@${rejected}`);
    expect(await manifestStatus(repository, rejected)).toBe(200);

    for (const tag of moving) expect((await fetchManifest(repository, tag)).digest, tag).toBe(released);
    expect(await manifestStatus(repository, 'offline-v1.0.1')).toBe(404);
    expect((await tagList(repository)).sort()).toEqual(['offline', 'offline-v1', 'offline-v1.0', 'offline-v1.0.0']);
  }, 900_000);

  it('push-by-digest leaves the repository without a single tag', async () => {
    const digestRepo = `${repository}-bydigest`;
    const result = await cli(['build', '--builder', builder.name, '--context', good, '--images', `${REGISTRY}/${digestRepo}`, '--image-version', 'v1.0.0', '--push-by-digest', '--platforms', 'linux/arm64', '--mirror', mirror.origin, ...COMMON]);
    expect(result.code, result.stderr.slice(-3000)).toBe(ExitCode.ok);
    const digest = result.json['digest'] as string;
    expect(result.json['digest-refs']).toEqual([`${REGISTRY}/${digestRepo}@${digest}`]);
    expect(result.json['published']).toEqual([]);
    expect(await manifestStatus(digestRepo, digest)).toBe(200);
    expect(await tagList(digestRepo)).toEqual([]);
  }, 600_000);

  it('a builder that lacks a requested platform fails before the build, naming its platforms', async () => {
    const inspect = await runDocker(['buildx', 'inspect', '--bootstrap', builder.name]);
    const offered = /^Platforms:\s*(.*)$/m.exec(inspect.stdout)?.[1] ?? '';
    const lacking = ['linux/s390x', 'linux/ppc64le', 'linux/riscv64', 'linux/mips64le', 'linux/386'].find((p) => !offered.includes(p));
    expect(lacking, `builder offers ${offered}`).toBeDefined();
    const result = await cli(['build', '--builder', builder.name, '--images', image, '--push', '--context', good, '--image-version', 'v9.9.9', '--platforms', `linux/amd64,${lacking}`, '--mirror', mirror.origin, ...COMMON]);
    expect(result.code).toBe(ExitCode.badInput);
    expect(result.stderr).toMatch(new RegExp(`builder "${builder.name}" \\(driver ${builder.driver}\\) cannot build ${lacking}`));
    expect(result.stderr).toContain('linux/amd64');
    expect(await manifestStatus(repository, 'offline-v9.9.9')).toBe(404);
  }, 300_000);
});

describe('a builder that does not exist', () => {
  it('is an input error naming `builder` and listing the builders there are, before any build', async () => {
    const missing = `no-such-builder-${run}`;
    const result = await cli(['build', '--builder', missing, '--context', join(root ?? tmpdir(), 'good'), '--images', testImage(`publish-missing-${run}`), '--image-version', 'v1.0.0', '--push', '--mirror', mirror.origin, ...COMMON]);
    expect(result.code).toBe(ExitCode.badInput);
    expect(result.stderr).toContain(`buildx builder "${missing}" does not exist`);
    expect(result.stderr).toMatch(/one of the builders there are: .*default/);
    expect(result.stderr).not.toMatch(/unexpected error/);
    expect(await tagList(`oneapi-offline-test/publish-missing-${run}`)).toEqual([]);
  }, 120_000);

  it('downloads nothing: the prepare that starts beside the engine check waits for it before any fetch', async () => {
    const missing = `no-such-builder-${run}-cold`;
    const before = mirror.requests.length;
    // An encoding no other test here fetched: a cold cache, so a prepare that did not wait would download it.
    const result = await cli(['build', '--builder', missing, '--base-image', `${REGISTRY}/oneapi-offline-test/none:1`, '--images', testImage(`publish-missing-${run}`), '--image-version', 'v1.0.0', '--push', '--mirror', mirror.origin, '--encoders', 'o200k_base', '--provenance', 'false', '--out', join(root, 'cold-out')]);
    expect(result.code).toBe(ExitCode.badInput);
    expect(result.stderr).toContain(`buildx builder "${missing}" does not exist`);
    expect(mirror.requests.slice(before)).toEqual([]);
  }, 120_000);
});
