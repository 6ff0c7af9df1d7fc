import { describe, expect, it } from 'vitest';
import { defaultVersion, imageTags, movingTag, sanitizeTag, versionTags } from '../../../src/build/tags.js';
import { mergePairs, ociLabels, rfc3339 } from '../../../src/build/labels.js';

describe('versionTags', () => {
  it.each([
    ['v1.2.3', 'offline-', ['offline-v1.2.3', 'offline-v1.2', 'offline-v1', 'offline']],
    ['1.2.3', 'offline-', ['offline-1.2.3', 'offline-1.2', 'offline-1', 'offline']],
    ['v10.20.30', '', ['v10.20.30', 'v10.20', 'v10', 'latest']],
    ['v0.6.10', 'offline-', ['offline-v0.6.10', 'offline-v0.6', 'offline']],
    ['v1.2.3-rc.1', 'offline-', ['offline-v1.2.3-rc.1']],
    ['v1.2.3+build.7', 'offline-', ['offline-v1.2.3-build.7']],
    ['nightly', 'offline-', ['offline-nightly']],
    ['abc1234', 'offline.', ['offline.abc1234']],
    ['release/2024 spring', 'x_', ['x_release-2024-spring']],
    ['v1.2', 'offline-', ['offline-v1.2']],
    ['v01.2.3', 'offline-', ['offline-v01.2.3']],
  ])('%s with prefix %j', (version, prefix, expected) => {
    expect(versionTags(version, prefix)).toEqual(expected);
  });

  it.each([
    ['offline-', 'offline'],
    ['offline_', 'offline'],
    ['', 'latest'],
    ['-', 'latest'],
  ])('moving tag of %j is %s', (prefix, expected) => {
    expect(movingTag(prefix)).toBe(expected);
  });

  it.each([
    ['.hidden', 'hidden'],
    ['feature/x', 'feature-x'],
    ['a'.repeat(200), 'a'.repeat(128)],
  ])('sanitizeTag(%j)', (text, expected) => {
    expect(sanitizeTag(text)).toBe(expected);
  });
});

describe('imageTags', () => {
  it('puts every tag on every image, then explicit full and bare tags, without duplicates', () => {
    expect(imageTags(['r.io/a', 'r.io/b'], ['t1', 't2'], ['r.io/c:x', 'stable', 'r.io/a:t1'])).toEqual([
      'r.io/a:t1',
      'r.io/a:t2',
      'r.io/b:t1',
      'r.io/b:t2',
      'r.io/c:x',
      'r.io/a:stable',
      'r.io/b:stable',
    ]);
  });
});

describe('defaultVersion', () => {
  it.each([
    [{ ref: 'refs/tags/v1.2.3', sha: 'abcdef0123' }, 'v1.2.3'],
    [{ ref: 'refs/heads/main', sha: 'abcdef0123' }, 'abcdef0'],
    [{ sha: '0123456789abcdef' }, '0123456'],
    [{}, undefined],
  ])('%j → %s', (git, expected) => {
    expect(defaultVersion(git)).toBe(expected);
  });
});

describe('OCI labels', () => {
  it('come from the facts, created from SOURCE_DATE_EPOCH in RFC 3339', () => {
    expect(ociLabels({ version: 'v1.2.3', revision: 'f'.repeat(40), source: 'https://github.com/o/r', sourceDateEpoch: 1_700_000_000 })).toEqual([
      ['org.opencontainers.image.version', 'v1.2.3'],
      ['org.opencontainers.image.revision', 'f'.repeat(40)],
      ['org.opencontainers.image.source', 'https://github.com/o/r'],
      ['org.opencontainers.image.created', '2023-11-14T22:13:20Z'],
    ]);
    expect(ociLabels({})).toEqual([]);
    expect(rfc3339(0)).toBe('1970-01-01T00:00:00Z');
  });

  it('user labels win on a clash and keep the order', () => {
    expect(mergePairs([['a', '1'], ['b', '2']], [['b', 'x'], ['c', '3']])).toEqual([['a', '1'], ['b', 'x'], ['c', '3']]);
  });
});
