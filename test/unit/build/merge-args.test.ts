import { describe, expect, it } from 'vitest';
import { mergeArgs } from '../../../src/build/merge-args.js';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;

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
