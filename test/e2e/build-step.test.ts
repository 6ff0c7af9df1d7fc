// What the build step does to cost no more than the buildx call it wraps (issue 7), through the
// bundled CLI on every builder of the matrix: an overlay build with a named builder asks buildx
// nothing before the build (the driver comes from buildx's store; Dockerfile mode still asks,
// to check platforms); the buildx plugin runs directly when PATH's docker is the Docker CLI;
// on Engine's builder the image goes to a layout folder seeded with the blobs an earlier run
// kept, and a second run gives the same digests. The context is staged from the bytes prepare
// acquired, beside cache-dir's write; a damaged tool-cache entry falls back to staging from
// cache-dir and still gives the same image. Real engine, builders and registry.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILDERS, requireBuilder } from '../support/builders.js';
import { requireEngine, testImage, uniqueTag } from '../support/docker.js';
import { buildAndPush } from '../support/engine-push.js';
import { startMirrorServer, type MirrorServer } from '../support/mirror-server.js';
import { busyboxContext } from './build-support.js';
import { runCli } from './registry-engine-support.js';

let root: string;
let mirror: MirrorServer;
let base: string;
let good: string;
const tag = uniqueTag();

/** The bundled CLI on Node 24 with its own caches; the real Docker config, so buildx finds every builder. */
function cli(args: readonly string[]): ReturnType<typeof runCli> {
  return runCli(args, {
    PATH: process.env['PATH'] ?? '',
    HOME: root,
    XDG_CACHE_HOME: join(root, '.cache'),
    DOCKER_CONFIG: process.env['DOCKER_CONFIG'] ?? join(homedir(), '.docker'),
    ONEAPI_OFFLINE_DEBUG: '1',
  });
}

const COMMON = ['--encoders', 'r50k_base', '--provenance', 'false', '--platforms', 'linux/amd64,linux/arm64', '--source-date-epoch', '1700000000'];

beforeAll(async () => {
  await requireEngine();
  root = await mkdtemp(join(tmpdir(), 'oneapi-build-step-'));
  mirror = await startMirrorServer();
  base = `${testImage('build-step-base')}:${tag}`;
  await buildAndPush(base, await busyboxContext(join(root, 'base'), 'busybox-base'), { args: ['--platform', 'linux/amd64,linux/arm64', '--provenance', 'false'] });
  good = await busyboxContext(join(root, 'good'), 'busybox');
}, 300_000);

afterAll(async () => {
  await mirror?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe.each(BUILDERS)('the build step on $name ($driver)', (builder) => {
  const image = testImage(`build-step-${builder.name.replace(/[^a-z0-9]+/g, '-')}`);

  beforeAll(async () => {
    await requireBuilder(builder);
  }, 300_000);

  it('overlay: no buildx inspect before the build, the plugin run directly, the same digest twice', async () => {
    // A cache-dir of its own, so prepare has a file to write while buildx runs.
    const first = await cli(['build', '--builder', builder.name, '--base-image', base, '--images', image, '--image-version', `${tag}-a`, '--push', '--mirror', mirror.origin, '--out', join(root, `out-${builder.name}`), ...COMMON]);
    expect(first.code, first.stderr.slice(-3000)).toBe(0);
    expect(first.stderr).not.toContain('buildx inspect');
    expect(first.stderr).toMatch(/\$ \S*\/docker-buildx build --builder /);
    expect(first.stderr).toContain(`building with "${builder.name}" instance using ${builder.driver} driver`);
    // The context was staged from the downloaded bytes, not from cache-dir after prepare.
    expect(first.stderr).not.toContain('staged from cache-dir after prepare');
    // Where buildx started while prepare was still writing cache-dir, prepare's last lines come
    // after the build's section, in a section of their own; where prepare had finished first
    // (the plan reads what the base serves before the build starts, which on an idle machine
    // can outlast a warm prepare), they stand in prepare's own section, before the build's.
    const buildAt = first.stderr.indexOf('== docker buildx build');
    const restAt = first.stderr.indexOf('== Prepare: the rest, finished beside the build');
    const wroteAt = first.stderr.indexOf(': wrote 1 file(s)');
    expect(buildAt, first.stderr.slice(-3000)).toBeGreaterThan(0);
    if (restAt === -1) expect([wroteAt > 0, wroteAt < buildAt]).toEqual([true, true]);
    else expect([restAt > buildAt, first.stderr.indexOf(': wrote 1 file(s)', restAt) > restAt]).toEqual([true, true]);
    expect(first.stderr.split(': wrote 1 file(s)').length - 1).toBe(1);
    // prepare's own lines start inside its section.
    const prepareAt = first.stderr.indexOf('== Prepare the verified encoder cache');
    expect([prepareAt >= 0, prepareAt < first.stderr.search(/^r50k_base: /m)]).toEqual([true, true]);
    // The same inputs again (same version and epoch): the same image.
    const second = await cli(['build', '--builder', builder.name, '--base-image', base, '--images', image, '--image-version', `${tag}-a`, '--push', '--mirror', mirror.origin, ...COMMON]);
    expect(second.code, second.stderr.slice(-3000)).toBe(0);
    expect(second.json['digest']).toBe(first.json['digest']);
    if (builder.driver === 'docker') {
      // Engine's builder wrote a layout folder, seeded the second time with what the first kept.
      expect(first.stderr).toContain('one OCI layout, no tags yet');
      // buildx's benign lock messages (both platforms writing the shared layer), when it prints
      // any (not every run), are debug lines only (the exact pattern: layout-pool unit test).
      const lockLines = [first.stderr, second.stderr].flatMap((text) => text.split('\n')).filter((line) => line.includes('(*service).Write failed'));
      expect(lockLines.filter((line) => !line.startsWith('debug: '))).toEqual([]);
      const pool = join(root, '.cache', 'oneapi-offline', 'oneapi-offline-engine-blobs');
      expect((await readdir(join(pool, 'blobs', 'sha256'))).length).toBeGreaterThan(4);
      expect(await readdir(join(pool, 'runs'))).toEqual([]);
      expect(second.stderr).not.toMatch(/kept image blobs .* not used/);
    }
  }, 600_000);

  it('Dockerfile mode still asks buildx first (its platforms are checked before the build)', async () => {
    const run = await cli(['build', '--builder', builder.name, '--context', good, '--images', image, '--image-version', `${tag}-c`, '--push', '--mirror', mirror.origin, ...COMMON]);
    expect(run.code, run.stderr.slice(-3000)).toBe(0);
    expect(run.stderr).toContain(`buildx inspect --bootstrap ${builder.name}`);
  }, 600_000);
});

describe('a damaged tool-cache entry while the context is staged beside prepare', () => {
  const builder = BUILDERS[2]!;
  const image = testImage('build-step-damaged');

  beforeAll(async () => {
    await requireBuilder(builder);
  }, 300_000);

  it('is refused by the staging and by prepare (evicted, fetched again); the context comes from cache-dir, the image is the same', async () => {
    const args = ['build', '--builder', builder.name, '--base-image', base, '--images', image, '--image-version', `${tag}-d`, '--push', '--mirror', mirror.origin, ...COMMON];
    const good = await cli([...args, '--out', join(root, 'out-good')]);
    expect(good.code, good.stderr.slice(-3000)).toBe(0);
    const entryDir = join(root, '.cache', 'oneapi-offline', 'tool-cache', 'tiktoken-r50k_base');
    const [version] = await readdir(entryDir);
    await writeFile(join(entryDir, version!, 'any', 'r50k_base'), 'an HTTP error page cached as the file\n');
    const damaged = await cli([...args, '--out', join(root, 'out-damaged')]);
    expect(damaged.code, damaged.stderr.slice(-3000)).toBe(0);
    expect(damaged.stderr).toMatch(/^debug: the build context is staged from cache-dir after prepare: .*do not match the pin/m);
    expect(damaged.stderr).toMatch(/tool cache: the entry for r50k_base is damaged/);
    expect(damaged.stderr).not.toContain('finished beside the build');
    expect(damaged.json['digest']).toBe(good.json['digest']);
  }, 600_000);
});
