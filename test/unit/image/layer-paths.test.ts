import { describe, expect, it } from 'vitest';
import { classifyLayerPath, normalizeLayerPath, resolveLink } from '../../../src/image/layer-paths.js';

describe('layer paths', () => {
  it.each([
    ['./tiktoken_cache/', 'tiktoken_cache'],
    ['/tiktoken_cache//x', 'tiktoken_cache/x'],
    ['a/./b', 'a/b'],
    ['../etc/passwd', undefined],
    ['a/../../b', undefined],
  ])('normalizes %s', (input, want) => {
    expect(normalizeLayerPath(input)).toBe(want);
  });

  it.each([
    ['tiktoken_cache/.wh.abc', { kind: 'whiteout', path: 'tiktoken_cache/abc' }],
    ['.wh.tiktoken_cache', { kind: 'whiteout', path: 'tiktoken_cache' }],
    ['tiktoken_cache/.wh..wh..opq', { kind: 'opaque', dir: 'tiktoken_cache' }],
    ['tiktoken_cache/abc', { kind: 'plain', path: 'tiktoken_cache/abc' }],
  ])('classifies %s', (input, want) => {
    expect(classifyLayerPath(input)).toEqual(want);
  });

  it.each([
    ['c/link', 'target', 'c/target'],
    ['c/link', '/data/x', 'data/x'],
    ['c/d/link', '../x', 'c/x'],
    ['link', '../../x', 'x'],
  ])('resolves %s -> %s', (link, target, want) => {
    expect(resolveLink(link, target)).toBe(want);
  });
});
