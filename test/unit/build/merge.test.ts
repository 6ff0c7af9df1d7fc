import { afterEach, describe, expect, it } from 'vitest';
import { mergeArgs } from '../../../src/build/merge-args.js';
import { readIndex } from '../../../src/build/merge-index.js';
import { mergeImages, type DockerRunner } from '../../../src/build/merge.js';
import { BuildError, InputError } from '../../../src/errors.js';
import { memoryLogger } from '../../../src/log/logger.js';
import { startFakeRegistry, type FakeRegistry } from '../../support/fake-registry.js';
import { A, B, index } from './merge-fixtures.js';

describe('mergeImages', () => {
  type Reply = { stdout: string; stderr: string } | Error;
  const fake = (replies: Reply[]) => {
    const calls: Array<{ argv: string[]; echo: boolean }> = [];
    const run: DockerRunner = async (argv, options) => {
      calls.push({ argv: [...argv], echo: options.echo });
      const next = replies.shift();
      if (!next) throw new Error('unexpected call');
      if (next instanceof Error) throw next;
      return next;
    };
    return { run, calls };
  };
  let registry: FakeRegistry | undefined;
  afterEach(async () => {
    await registry?.close();
    registry = undefined;
  });

  it('takes the index bytes from a dry run and pushes them by digest, with no tag', async () => {
    registry = await startFakeRegistry();
    const img = `${registry.host}/o/one-api`;
    const raw = index([
      { digest: A, arch: 'amd64' },
      { digest: B, arch: 'arm64' },
    ]);
    const { run, calls } = fake([{ stdout: `${raw}\n`, stderr: '' }]);
    const tags = [`${img}:offline-v1`, `${img}:offline`];
    const result = await mergeImages({ images: [img], digests: [A, B], tags }, { run, log: memoryLogger() });
    expect(calls).toEqual([{ argv: mergeArgs([img], tags, [A, B]), echo: false }]);
    expect(result.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(result.tags).toEqual(tags);
    expect(result.digest).toBe(readIndex(raw).digest);
    expect(registry.manifests.get('o/one-api')?.get(result.digest)?.bytes.toString()).toBe(raw);
    expect(registry.tags('o/one-api')).toEqual([]);
  });

  it("surfaces imagetools' own message", async () => {
    const img = '127.0.0.1:5000/o/one-api';
    const failure = new BuildError({ what: 'docker buildx imagetools create failed (exit 1)', got: 'ERROR: 127.0.0.1:5000/o/one-api@sha256:aaa: not found', fix: 'x' });
    const { run } = fake([failure]);
    const error = await mergeImages({ images: [img], digests: [A], tags: [`${img}:v1`] }, { run, log: memoryLogger() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).message).toMatch(/imagetools create failed while merging[\s\S]*not found/);
    expect((error as BuildError).cause).toBe(failure);
  });

  it('fails when two digests are the same platform, before pushing anything', async () => {
    const img = '127.0.0.1:5000/o/one-api';
    const raw = index([
      { digest: A, arch: 'amd64' },
      { digest: B, arch: 'amd64' },
    ]);
    const { run } = fake([{ stdout: raw, stderr: '' }]);
    await expect(mergeImages({ images: [img], digests: [A, B], tags: [`${img}:v1`] }, { run, log: memoryLogger() })).rejects.toThrow(/more than once[\s\S]*linux\/amd64/);
  });

  it('annotations a Docker manifest list cannot hold stop the merge before anything is written', async () => {
    registry = await startFakeRegistry();
    const img = `${registry.host}/o/one-api`;
    const raw = index(
      [
        { digest: A, arch: 'amd64' },
        { digest: B, arch: 'arm64' },
      ],
      { docker: true },
    );
    const { run, calls } = fake([{ stdout: raw, stderr: '' }]);
    const annotations = ['index:org.opencontainers.image.title=one-api'];
    const error = await mergeImages({ images: [img], digests: [A, B], tags: [`${img}:v1`], annotations }, { run, log: memoryLogger() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe('annotations');
    expect(calls.map((c) => c.argv)).toEqual([mergeArgs([img], [`${img}:v1`], [A, B], { annotations })]);
    expect(registry.manifests.get('o/one-api')?.size ?? 0).toBe(0);
    expect(registry.tags('o/one-api')).toEqual([]);
  });
});
