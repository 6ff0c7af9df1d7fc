// Hand-written hostile layers applied to the image tree: the bytes at a path must be the ones
// containerd leaves there (paths cleaned with `..` clamped, symlinked parents resolved in the
// tree, pax headers as Go's archive/tar reads them, hard links, whiteouts).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LayerTree, UnpackError } from '../../../src/image/layer-tree.js';
import { readLayer } from '../../../src/image/read-layer.js';
import { tar, type TarItem } from './build-tar.js';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

async function* chunks(bytes: Buffer): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += 700) yield bytes.subarray(i, i + 700);
}

async function unpack(...layers: TarItem[][]): Promise<LayerTree> {
  const tree = new LayerTree();
  for (const [i, items] of layers.entries()) {
    await readLayer(chunks(tar(items)), i, tree, { hash: () => true, keep: () => false });
  }
  return tree;
}

function read(tree: LayerTree, path: string): string {
  const r = tree.resolve(path.split('/'), 'open');
  if (r.kind !== 'found') return r.kind === 'missing' ? 'missing' : `error: ${r.detail}`;
  return r.node.kind === 'file' ? (r.node.content.sha256 ?? 'unhashed') : r.node.kind;
}

describe('layers unpacked as the runtime does', () => {
  it('cleans `..` inside and at the start of names, clamped at the root', async () => {
    const tree = await unpack([
      { type: 'dir', name: 'tiktoken_cache/' },
      { type: 'file', name: 'tiktoken_cache/x/../f1', data: 'one' },
      { type: 'file', name: '../tiktoken_cache/f2', data: 'two' },
      { type: 'file', name: '../../../../tiktoken_cache/./f3', data: 'three' },
      { type: 'file', name: '/tiktoken_cache//f4', data: 'four' },
    ]);
    expect(tree.list('tiktoken_cache')).toEqual(['f1', 'f2', 'f3', 'f4']);
    expect(read(tree, 'tiktoken_cache/f1')).toBe(sha('one'));
    expect(read(tree, 'tiktoken_cache/f2')).toBe(sha('two'));
    expect(tree.get('tiktoken_cache/x')).toBeUndefined();
  });

  it('writes through a symlinked parent into the folder it points at (lower layer)', async () => {
    const tree = await unpack(
      [{ type: 'dir', name: 'tiktoken_cache/' }, { type: 'file', name: 'tiktoken_cache/f', data: 'good' }, { type: 'symlink', name: 'innocent', target: '/tiktoken_cache' }],
      [{ type: 'file', name: 'innocent/f', data: 'evil' }],
    );
    expect(read(tree, 'tiktoken_cache/f')).toBe(sha('evil'));
    expect(tree.get('innocent')?.kind).toBe('symlink');
  });

  it('resolves a relative symlink with `..` past the root inside the image', async () => {
    const tree = await unpack([
      { type: 'dir', name: 'tiktoken_cache/' },
      { type: 'symlink', name: 'a/b/up', target: '../../../../../tiktoken_cache' },
      { type: 'file', name: 'a/b/up/f', data: 'through' },
    ]);
    expect(read(tree, 'tiktoken_cache/f')).toBe(sha('through'));
  });

  it('treats a pax global header as an entry of its own that is never applied to the next one', async () => {
    const tree = await unpack(
      [{ type: 'dir', name: 'tiktoken_cache/' }, { type: 'file', name: 'tiktoken_cache/f', data: 'lower' }],
      [
        { type: 'pax', global: true, records: { path: 'tiktoken_cache/f' } },
        { type: 'file', name: 'tiktoken_cache/g', data: 'named by its own header' },
      ],
    );
    // Go names the global header entry after its path record; containerd removes what was there.
    expect(read(tree, 'tiktoken_cache/f')).toBe('missing');
    expect(read(tree, 'tiktoken_cache/g')).toBe(sha('named by its own header'));
  });

  it('applies local pax path and size to the next entry only', async () => {
    const tree = await unpack([
      { type: 'pax', records: { path: 'tiktoken_cache/renamed', size: '3' } },
      { type: 'raw', flag: '0', name: 'tiktoken_cache/header-name', data: 'abc' },
      { type: 'file', name: 'tiktoken_cache/after', data: 'x' },
    ]);
    expect(tree.list('tiktoken_cache')).toEqual(['after', 'renamed']);
    expect(read(tree, 'tiktoken_cache/renamed')).toBe(sha('abc'));
  });

  it('follows hard links to files in lower layers, and fails on a link to nothing', async () => {
    const tree = await unpack([{ type: 'file', name: 'opt/data', data: 'shared' }], [{ type: 'hardlink', name: 'tiktoken_cache/f', target: '../opt/data' }]);
    expect(read(tree, 'tiktoken_cache/f')).toBe(sha('shared'));
    await expect(unpack([{ type: 'hardlink', name: 'tiktoken_cache/f', target: 'nowhere' }])).rejects.toThrow(UnpackError);
  });

  it('reports a symlink loop as unreadable', async () => {
    const tree = await unpack([
      { type: 'symlink', name: 'tiktoken_cache/a', target: 'b' },
      { type: 'symlink', name: 'tiktoken_cache/b', target: 'a' },
    ]);
    expect(read(tree, 'tiktoken_cache/a')).toMatch(/too many levels of symbolic links/);
  });

  it('whiteouts remove lower entries, also through a symlinked parent; opaque keeps this layer’s own', async () => {
    const tree = await unpack(
      [
        { type: 'file', name: 'tiktoken_cache/a', data: 'a' },
        { type: 'file', name: 'tiktoken_cache/b', data: 'b' },
        { type: 'file', name: 'other/c', data: 'c' },
        { type: 'symlink', name: 'alias', target: 'tiktoken_cache' },
      ],
      [{ type: 'file', name: 'alias/.wh.a', data: '' }],
      [{ type: 'file', name: 'other/new', data: 'n' }, { type: 'file', name: 'other/.wh..wh..opq', data: '' }],
    );
    expect(tree.list('tiktoken_cache')).toEqual(['b']);
    expect(tree.list('other')).toEqual(['new']);
  });

  it('a non-directory replaces a directory and everything under it', async () => {
    const tree = await unpack([{ type: 'file', name: 'tiktoken_cache/a', data: 'a' }], [{ type: 'file', name: 'tiktoken_cache', data: 'now a file' }]);
    expect(tree.get('tiktoken_cache/a')).toBeUndefined();
    expect(read(tree, 'tiktoken_cache')).toBe(sha('now a file'));
  });

  it('reads devices and FIFOs as header-only (Go skips no data for them, whatever the size field says)', async () => {
    const tree = await unpack([
      { type: 'raw', flag: '6', name: 'tiktoken_cache/fifo', size: 512 },
      { type: 'file', name: 'tiktoken_cache/f', data: 'next header right after' },
    ]);
    expect(tree.get('tiktoken_cache/fifo')?.kind).toBe('special');
    expect(read(tree, 'tiktoken_cache/f')).toBe(sha('next header right after'));
  });

  it('an old-style regular entry whose name ends in / is a directory', async () => {
    const tree = await unpack([{ type: 'raw', flag: '\0', name: 'tiktoken_cache/', size: 512 }, { type: 'file', name: 'tiktoken_cache/f', data: 'f' }]);
    expect(tree.get('tiktoken_cache')?.kind).toBe('dir');
    expect(read(tree, 'tiktoken_cache/f')).toBe(sha('f'));
  });

  it('refuses what the engine refuses: writing under a file, bad whiteout names, unknown types', async () => {
    await expect(unpack([{ type: 'file', name: 'f', data: 'x' }, { type: 'file', name: 'f/g', data: 'y' }])).rejects.toThrow(/not a directory/);
    await expect(unpack([{ type: 'file', name: 'd/.wh.', data: '' }])).rejects.toThrow(/invalid whiteout/);
    await expect(unpack([{ type: 'raw', flag: 'Z', name: 'weird' }])).rejects.toThrow(/cannot unpack/);
  });
});
