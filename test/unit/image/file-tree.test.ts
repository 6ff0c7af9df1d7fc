import { describe, expect, it } from 'vitest';
import { applyLayer, cacheRootProblem, finalFiles, type LayerChanges, type Node, type Tree } from '../../../src/image/file-tree.js';

const file = (sha256: string): Node => ({ kind: 'file', sha256, size: 1 });
const layer = (changes: Partial<LayerChanges>): LayerChanges => ({ deleted: [], opaque: [], entries: [], ...changes });
const base: Tree = new Map<string, Node>([
  ['c', { kind: 'directory' }],
  ['c/a', file('A')],
  ['c/b', file('B')],
  ['c/sub/x', file('X')],
]);

describe('applyLayer', () => {
  it.each<[string, LayerChanges, string[]]>([
    ['a whiteout deletes one file', layer({ deleted: ['c/a'] }), ['b', 'sub/x']],
    ['a whiteout of a dir deletes what is under it', layer({ deleted: ['c/sub'] }), ['a', 'b']],
    ['an opaque dir hides lower content', layer({ opaque: ['c'] }), []],
    ['an opaque dir keeps entries of its own layer', layer({ opaque: ['c'], entries: [['c/new', file('N')]] }), ['new']],
    ['a whiteout of cache-path deletes all', layer({ deleted: ['c'] }), []],
    ['a file over a lower dir hides its children', layer({ entries: [['c/sub', file('S')]] }), ['a', 'b', 'sub']],
    ['a dir over a dir merges', layer({ entries: [['c', { kind: 'directory' }], ['c/z', file('Z')]] }), ['a', 'b', 'sub/x', 'z']],
  ])('%s', (_name, changes, want) => {
    expect([...finalFiles(applyLayer(base, changes), 'c').keys()]).toEqual(want);
  });

  it('replaces a file with a later version', () => {
    const tree = applyLayer(base, layer({ entries: [['c/a', file('A2')]] }));
    expect(finalFiles(tree, 'c').get('a')).toEqual(file('A2'));
  });
});

describe('finalFiles', () => {
  it('follows symlinks inside the tree and refuses ones that leave it', () => {
    const tree = applyLayer(base, layer({ entries: [['c/l', { kind: 'symlink', target: 'a' }], ['c/out', { kind: 'symlink', target: '/etc/x' }]] }));
    const files = finalFiles(tree, 'c');
    expect(files.get('l')).toEqual({ ...file('A'), via: 'symlink to /c/a' });
    expect(files.get('out')).toMatchObject({ kind: 'unreadable' });
  });

  it('notices a cache-path that is not a directory', () => {
    expect(cacheRootProblem(new Map([['c', file('F')]]), 'c')).toMatch(/file in the image/);
    expect(cacheRootProblem(base, 'c')).toBeUndefined();
  });
});
