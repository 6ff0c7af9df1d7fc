import { describe, expect, it } from 'vitest';
import { parseMergeDigests, parseMergeInputs, type MergeFacts } from '../../../src/build/merge-inputs.js';
import { InputError } from '../../../src/errors.js';
import { rawInputsFrom, type InputName } from '../../../src/inputs/names.js';

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
    [{ version: 'v1.2.3', 'tag-prefix': 'offline-', flavor: 'prefix=air-' }, {}, ['air-v1.2.3', 'air-v1.2', 'air-v1', 'latest']],
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
