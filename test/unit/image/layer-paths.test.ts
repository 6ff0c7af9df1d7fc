import { describe, expect, it } from 'vitest';
import { goClean, normalizeLayerPath } from '../../../src/image/layer-paths.js';

describe('layer paths', () => {
  it.each([
    ['./tiktoken_cache/', 'tiktoken_cache'],
    ['/tiktoken_cache//x', 'tiktoken_cache/x'],
    ['a/./b', 'a/b'],
    // containerd clamps `..` at the root: these land inside the image, not outside it.
    ['../etc/passwd', 'etc/passwd'],
    ['a/../../b', 'b'],
    ['tiktoken_cache/x/../f', 'tiktoken_cache/f'],
    ['../../', ''],
  ])('normalizes %s', (input, want) => {
    expect(normalizeLayerPath(input)).toBe(want);
  });

  it.each([
    ['a/../../b', '../b'],
    ['/../b', '/b'],
    ['./', '.'],
    ['a//b/./c/', 'a/b/c'],
  ])('cleans %s as Go does', (input, want) => {
    expect(goClean(input)).toBe(want);
  });
});
