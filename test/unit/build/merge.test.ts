import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeArgs, mergeImages, parseMergeDigests, parseMergeInputs, readIndex, type DockerRunner, type MergeFacts } from '../../../src/build/merge.js';
import { BuildError, InputError } from '../../../src/errors.js';
import { rawInputsFrom, type InputName } from '../../../src/inputs/names.js';
import { memoryLogger } from '../../../src/log/logger.js';
import { startFakeRegistry, type FakeRegistry } from '../../support/fake-registry.js';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;

describe('parseMergeDigests', () => {
  it.each([
    [`${A}\n${B}`, [A, B]],
    [`${A},${B}`, [A, B]],
    [`  ${A}  ,\n\n${B}\n`, [A, B]],
    ['a'.repeat(64), [A]],
    [`${A}\n${A}`, [A]],
    [`# from the amd64 job\n${B}`, [B]],
  ])('%j → %j', (raw, expected) => {
    expect(parseMergeDigests(raw)).toEqual(expected);
  });

  it.each([['sha256:abc'], [`sha512:${'a'.repeat(128)}`], [`sha256:${'A'.repeat(64)}`], ['latest'], [`${A} ${B}`]])('rejects %j naming the input', (raw) => {
    const error = (() => {
      try {
        parseMergeDigests(raw);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe('merge-digests');
    expect((error as InputError).message).toContain('sha256:<64');
  });
});

describe('parseMergeInputs', () => {
  const raw = (values: Partial<Record<InputName, string>>) => rawInputsFrom(values);

  it('is undefined without merge-digests (a normal build)', () => {
    expect(parseMergeInputs(raw({ images: 'ghcr.io/o/one-api' }))).toBeUndefined();
  });

  it('reads images, digests and the tags a build would get', () => {
    const parsed = parseMergeInputs(
      raw({ images: 'ghcr.io/o/one-api\ndocker.io/o/one-api', 'merge-digests': `${A}\n${B}`, version: 'v1.2.3', 'tag-prefix': 'offline-', tags: 'stable' }),
    );
    expect(parsed?.images).toEqual(['ghcr.io/o/one-api', 'docker.io/o/one-api']);
    expect(parsed?.digests).toEqual([A, B]);
    // Written out from the spec, not computed with the tag rules under test.
    expect([...(parsed?.tags ?? [])].sort()).toEqual(
      ['offline-v1.2.3', 'offline-v1.2', 'offline-v1', 'offline', 'stable'].flatMap((t) => [`ghcr.io/o/one-api:${t}`, `docker.io/o/one-api:${t}`]).sort(),
    );
  });

  it.each<[Partial<Record<InputName, string>>, MergeFacts, string[]]>([
    [{ 'tag-prefix': 'offline-' }, { gitRef: 'refs/tags/v2.0.1' }, ['offline-v2.0.1', 'offline-v2.0', 'offline-v2', 'offline']],
    [{ 'tag-prefix': 'offline-' }, { gitRef: 'refs/heads/main', sha: 'abcdef0123456789' }, ['offline-abcdef0']],
    [{ version: 'v1.2.3-rc.1', flavor: 'prefix=' }, {}, ['v1.2.3-rc.1']],
    [{ version: 'v1.2.3', tags: 'ghcr.io/o/other:x', flavor: 'prefix=' }, {}, ['v1.2.3', 'v1.2', 'v1', 'latest']],
    [{ version: 'v1.2.3', 'tag-prefix': 'offline-' }, {}, ['offline-v1.2.3', 'offline-v1.2', 'offline-v1', 'offline']],
    [{ version: 'v1.2.3', 'tag-prefix': 'offline-', flavor: 'latest=false\nsuffix=-slim' }, {}, ['offline-v1.2.3-slim', 'offline-v1.2-slim', 'offline-v1-slim']],
    [{ version: 'v1.2.3', 'tag-prefix': 'offline-', flavor: 'prefix=air-' }, {}, ['air-v1.2.3', 'air-v1.2', 'air-v1', 'air']],
  ])('tags from %j and %j', (values, facts, tags) => {
    const parsed = parseMergeInputs(raw({ images: 'r.io/o/a', 'merge-digests': A, ...values }), facts);
    const expected = tags.map((t) => `r.io/o/a:${t}`);
    if (values.tags) expected.push(values.tags);
    expect(parsed?.tags).toEqual(expected);
  });

  it.each<[Partial<Record<InputName, string>>, InputName]>([
    [{ 'merge-digests': A }, 'images'],
    [{ 'merge-digests': A, images: 'ghcr.io/o/one-api:v1' }, 'images'],
    [{ 'merge-digests': A, images: 'ghcr.io/o/one api' }, 'images'],
    [{ 'merge-digests': A, images: 'ghcr.io/o/one-api', version: 'v1', 'push-by-digest': 'true' }, 'push-by-digest'],
    [{ 'merge-digests': A, images: 'ghcr.io/o/one-api', archive: 'out.tar' }, 'archive'],
    [{ 'merge-digests': A, images: 'ghcr.io/o/one-api', 'base-image': 'x/y' }, 'base-image'],
    [{ 'merge-digests': 'nope', images: 'ghcr.io/o/one-api' }, 'merge-digests'],
    [{ 'merge-digests': A, images: 'ghcr.io/o/one-api' }, 'version'],
    [{ 'merge-digests': A, images: 'ghcr.io/o/one-api', version: 'v1+build' }, 'version'],
    [{ 'merge-digests': A, images: 'ghcr.io/o/one-api', version: 'v1', 'tag-prefix': 'a b' }, 'tag-prefix'],
    [{ 'merge-digests': A, images: 'ghcr.io/o/one-api', version: 'v1', tags: 'r/x:bad tag' }, 'tags'],
  ])('%j is rejected naming %s', (values, input) => {
    expect(() => parseMergeInputs(raw(values))).toThrow(expect.objectContaining({ input }));
  });
});

describe('mergeArgs', () => {
  const img = '127.0.0.1:5000/o/one-api';
  it.each<[string[], string[], string[], { builder?: string }, string[]]>([
    [[img], [`${img}:offline-v1.2.3`], [A, B], {}, ['buildx', 'imagetools', 'create', '--dry-run', `${img}@${A}`, `${img}@${B}`]],
    [
      [img, 'ghcr.io/o/one-api'],
      [`${img}:offline-v1`, 'ghcr.io/o/one-api:offline-v1', `${img}:offline-v1`],
      [A],
      { builder: 'b1' },
      ['buildx', 'imagetools', 'create', '--builder', 'b1', '--dry-run', `${img}@${A}`],
    ],
    [['one-api'], ['one-api:x_y.z-1'], [B], {}, ['buildx', 'imagetools', 'create', '--dry-run', `one-api@${B}`]],
  ])('images %j tags %j digests %j', (images, tags, digests, options, expected) => {
    expect(mergeArgs(images, tags, digests, options)).toEqual(expected);
  });

  it.each<[string[], string[], string[], string]>([
    [[], ['a:b'], [A], 'images'],
    [['one-api'], [], [A], 'tags'],
    [['one-api'], ['one-api'], [A], 'tags'],
    [['one-api'], ['one-api:bad tag'], [A], 'tags'],
    [['one-api'], ['127.0.0.1:5000/one-api'], [A], 'tags'],
    [['one-api'], ['one-api:v1'], [], 'merge-digests'],
    [['one-api'], ['one-api:v1'], ['sha256:1'], 'merge-digests'],
  ])('rejects images %j tags %j digests %j (%s)', (images, tags, digests, input) => {
    expect(() => mergeArgs(images, tags, digests)).toThrow(expect.objectContaining({ input }));
  });
});

const index = (entries: Array<{ digest: string; arch: string; attestation?: boolean }>) =>
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: entries.map((e) => ({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: e.digest,
      size: 1,
      platform: e.attestation ? { os: 'unknown', architecture: 'unknown' } : { os: 'linux', architecture: e.arch },
      ...(e.attestation ? { annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': A } } : {}),
    })),
  });

describe('readIndex', () => {
  it('hashes the exact bytes and leaves attestations out', () => {
    const raw = index([
      { digest: A, arch: 'amd64' },
      { digest: `sha256:${'c'.repeat(64)}`, arch: '', attestation: true },
      { digest: B, arch: 'arm64' },
    ]);
    const read = readIndex(raw);
    expect(read.digest).toBe(`sha256:${createHash('sha256').update(raw).digest('hex')}`);
    expect(read.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(read.manifests).toEqual([
      { platform: 'linux/amd64', digest: A },
      { platform: 'linux/arm64', digest: B },
    ]);
  });

  it('a byte more is another digest', () => {
    const raw = index([{ digest: A, arch: 'amd64' }]);
    expect(readIndex(`${raw}\n`).digest).not.toBe(readIndex(raw).digest);
  });

  it('rejects what is not JSON with a BuildError', () => {
    expect(() => readIndex('<html>')).toThrow(BuildError);
  });
});

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
});
