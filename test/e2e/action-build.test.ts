// The whole action as a release workflow runs it, on every builder of the matrix (the `builder`
// input): dist/action.mjs on Node 24, INPUT_* variables, a loopback mirror, overlay mode on a
// multi-arch base in the local registry, push, version tags, and verification per platform; then
// every platform runs with no network and finds its files.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PINNED_FILES } from '../../src/pins.js';
import { BUILDERS, requireBuilder } from '../support/builders.js';
import { busyboxContext, sha1Name, tempDir } from './build-support.js';
import { fetchManifest, requireEngine, requireRegistry, runDocker, splitRef, testImage, uniqueTag } from '../support/docker.js';
import { buildAndPush } from '../support/engine-push.js';
import { startMirrorServer, type MirrorServer } from '../support/mirror-server.js';
import { freshRunner, runAction } from '../support/run-action.js';

let root: string;
let mirror: MirrorServer;
let base: string;
const tag = uniqueTag();

beforeAll(async () => {
  await requireEngine();
  await requireRegistry();
  root = await mkdtemp(join(tmpdir(), 'oneapi-action-build-'));
  mirror = await startMirrorServer();
  base = `${testImage('action-base')}:${tag}`;
  const context = await busyboxContext(await tempDir('action-base'), 'busybox-base');
  await buildAndPush(base, context, { args: ['--platform', 'linux/amd64,linux/arm64'] });
});
afterAll(async () => {
  await mirror?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe.each(BUILDERS)('action on $name ($driver): prepare → overlay build → push → verify', (builder) => {
  it('pushes a verified multi-arch image with version tags that works with no network', async () => {
    await requireBuilder(builder);
    const image = testImage(`action-${tag}-${builder.name}`);
    const runner = await freshRunner(join(root, `runner-${builder.name}`));
    const run = await runAction(
      runner,
      { mirror: mirror.origin, 'base-image': base, images: image, version: 'v2.3.4', push: 'true', encoders: 'cl100k_base,o200k_base', builder: builder.name },
      { timeoutMs: 600_000 },
    );
    expect(run.code, run.stdout.slice(-4000)).toBe(0);
    expect(run.outputs['tags']?.split('\n')).toEqual(['offline-v2.3.4', 'offline-v2.3', 'offline-v2', 'offline'].map((t) => `${image}:${t}`));
    const digest = run.outputs['digest'] as string;
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);

    const verification = JSON.parse(run.outputs['verification'] as string) as { ok: boolean; platforms: Array<{ platform: string; ok: boolean }> };
    expect(verification.ok).toBe(true);
    expect(verification.platforms.map((p) => p.platform).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    expect(run.summary).toContain('linux/arm64');
    expect(run.summary).toContain(digest.slice(7, 19));

    // Every tag points at the digest that was verified.
    for (const ref of run.outputs['tags']?.split('\n') ?? []) {
      const { repository, reference } = splitRef(ref);
      expect((await fetchManifest(repository, reference)).digest).toBe(digest);
    }

    for (const platform of ['linux/amd64', 'linux/arm64']) {
      const result = await runDocker(['run', '--rm', '--network', 'none', '--platform', platform, `${image}@${digest}`, 'sh', '-c', 'cd "$TIKTOKEN_CACHE_DIR" && [ "$DATA_GYM_CACHE_DIR" = "$TIKTOKEN_CACHE_DIR" ] && sha256sum *']);
      for (const id of ['cl100k_base', 'o200k_base'] as const) {
        expect(result.stdout, platform).toContain(`${PINNED_FILES[id].sha256}  ${sha1Name(id)}`);
      }
    }
  });
});
