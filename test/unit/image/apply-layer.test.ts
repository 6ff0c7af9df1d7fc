// Hand-written hostile layers unpacked as the runtime does (each layer into its own directory,
// the container seeing their overlay union): the bytes at a path must be the ones a container
// reads there (paths cleaned with `..` clamped, symlinks of the same layer followed while
// unpacking, pax headers as Go's archive/tar reads them, hard links, whiteouts, opaque dirs).
// The e2e suite (hostile-layers) checks the same cases against the real engine.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LayerTree, UnpackError } from '../../../src/image/layer-tree.js';
import { OverlayView } from '../../../src/image/overlay-view.js';
import { applyRecorded, readLayer, recordLayer } from '../../../src/image/read-layer.js';
import { tar, type TarItem } from './build-tar.js';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

async function* chunks(bytes: Buffer): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += 700) yield bytes.subarray(i, i + 700);
}

async function unpack(...layers: TarItem[][]): Promise<OverlayView> {
  const trees: LayerTree[] = [];
  for (const [i, items] of layers.entries()) {
    const tree = new LayerTree();
    await readLayer(chunks(tar(items)), i, tree, { hash: () => true, keep: () => false });
    trees.unshift(tree);
  }
  return new OverlayView(trees, true);
}

function read(tree: OverlayView, path: string): string {
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
    expect(tree.stat('tiktoken_cache/x')).toBeUndefined();
  });

  it('a parent symlinked in a lower layer is not followed: the upper layer makes a directory that hides it', async () => {
    const tree = await unpack(
      [{ type: 'dir', name: 'tiktoken_cache/' }, { type: 'file', name: 'tiktoken_cache/f', data: 'good' }, { type: 'symlink', name: 'innocent', target: '/tiktoken_cache' }],
      [{ type: 'file', name: 'innocent/f', data: 'evil' }],
    );
    expect(read(tree, 'tiktoken_cache/f')).toBe(sha('good'));
    expect(tree.stat('innocent')?.kind).toBe('dir');
  });

  it('a parent symlinked earlier in the same layer is followed', async () => {
    const tree = await unpack([
      { type: 'dir', name: 'tiktoken_cache/' },
      { type: 'file', name: 'tiktoken_cache/f', data: 'good' },
      { type: 'symlink', name: 'innocent', target: '/tiktoken_cache' },
      { type: 'file', name: 'innocent/f', data: 'evil' },
    ]);
    expect(read(tree, 'tiktoken_cache/f')).toBe(sha('evil'));
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
      [{ type: 'dir', name: 'tiktoken_cache/' }, { type: 'file', name: 'tiktoken_cache/f', data: 'lower' }, { type: 'file', name: 'tiktoken_cache/h', data: 'same layer' }, { type: 'pax', global: true, records: { path: 'tiktoken_cache/h' } }],
      [
        { type: 'pax', global: true, records: { path: 'tiktoken_cache/f' } },
        { type: 'file', name: 'tiktoken_cache/g', data: 'named by its own header' },
      ],
    );
    // Go names the global header entry after its path record; containerd removes what this
    // layer had there (a lower layer's file stays).
    expect(read(tree, 'tiktoken_cache/f')).toBe(sha('lower'));
    expect(read(tree, 'tiktoken_cache/h')).toBe('missing');
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

  it('follows hard links to earlier entries of the same layer; a link into a lower layer fails the unpack', async () => {
    const tree = await unpack([{ type: 'file', name: 'opt/data', data: 'shared' }, { type: 'hardlink', name: 'tiktoken_cache/f', target: '../opt/data' }]);
    expect(read(tree, 'tiktoken_cache/f')).toBe(sha('shared'));
    await expect(unpack([{ type: 'file', name: 'opt/data', data: 'shared' }], [{ type: 'hardlink', name: 'tiktoken_cache/f', target: 'opt/data' }])).rejects.toThrow(UnpackError);
  });

  it("resolves a hard link target's `..` after its symlinks (containerd), or lexically first (containers/storage)", async () => {
    const items: TarItem[] = [
      { type: 'file', name: 'opt/copy', data: 'lexical' },
      { type: 'dir', name: 'opt/dir/deeper/' },
      { type: 'file', name: 'opt/dir/copy', data: 'through the link' },
      { type: 'symlink', name: 'opt/sym', target: 'dir/deeper' },
      { type: 'hardlink', name: 'tiktoken_cache/f', target: 'opt/sym/../copy' },
    ];
    const containerd = new LayerTree();
    await applyRecorded(containerd, await recordLayer(chunks(tar(items)), 0, { hash: () => true, keep: () => false }));
    expect(read(new OverlayView([containerd], true), 'tiktoken_cache/f')).toBe(sha('through the link'));
    const storage = new LayerTree();
    await applyRecorded(storage, await recordLayer(chunks(tar(items)), 0, { hash: () => true, keep: () => false }), 'lexical');
    expect(read(new OverlayView([storage], true), 'tiktoken_cache/f')).toBe(sha('lexical'));
  });

  it('reports a symlink loop as unreadable', async () => {
    const tree = await unpack([
      { type: 'symlink', name: 'tiktoken_cache/a', target: 'b' },
      { type: 'symlink', name: 'tiktoken_cache/b', target: 'a' },
    ]);
    expect(read(tree, 'tiktoken_cache/a')).toMatch(/too many levels of symbolic links/);
  });

  it('whiteouts hide lower entries (not through a lower symlink); opaque keeps this layer’s own', async () => {
    const tree = await unpack(
      [
        { type: 'file', name: 'tiktoken_cache/a', data: 'a' },
        { type: 'file', name: 'tiktoken_cache/b', data: 'b' },
        { type: 'file', name: 'tiktoken_cache/c', data: 'c' },
        { type: 'file', name: 'other/c', data: 'c' },
        { type: 'symlink', name: 'alias', target: 'tiktoken_cache' },
      ],
      [{ type: 'file', name: 'alias/.wh.a', data: '' }, { type: 'file', name: 'tiktoken_cache/.wh.c', data: '' }],
      [{ type: 'file', name: 'other/new', data: 'n' }, { type: 'file', name: 'other/.wh..wh..opq', data: '' }],
    );
    expect(tree.list('tiktoken_cache')).toEqual(['a', 'b']);
    expect(tree.list('other')).toEqual(['new']);
    expect(read(tree, 'tiktoken_cache/c')).toBe('missing');
  });

  it('a non-directory hides a lower directory and everything under it', async () => {
    const tree = await unpack([{ type: 'file', name: 'tiktoken_cache/a', data: 'a' }], [{ type: 'file', name: 'tiktoken_cache', data: 'now a file' }]);
    expect(tree.stat('tiktoken_cache/a')).toBeUndefined();
    expect(read(tree, 'tiktoken_cache')).toBe(sha('now a file'));
  });

  it('says Undecided when only unread lower layers could answer', async () => {
    const top = new LayerTree();
    await readLayer(chunks(tar([{ type: 'dir', name: 'tiktoken_cache/' }, { type: 'file', name: 'tiktoken_cache/f', data: 'f' }])), 1, top, { hash: () => true, keep: () => false });
    const partial = new OverlayView([top], false);
    expect(read(partial, 'tiktoken_cache/f')).toBe(sha('f'));
    expect(() => partial.list('tiktoken_cache')).toThrow(/entries of \/tiktoken_cache/);
    expect(() => partial.stat('tiktoken_cache/g')).toThrow(/tiktoken_cache\/g/);
    top.markOpaque('tiktoken_cache');
    expect(partial.list('tiktoken_cache')).toEqual(['f']);
  });

  it('reads devices and FIFOs as header-only (Go skips no data for them, whatever the size field says)', async () => {
    const tree = await unpack([
      { type: 'raw', flag: '6', name: 'tiktoken_cache/fifo', size: 512 },
      { type: 'file', name: 'tiktoken_cache/f', data: 'next header right after' },
    ]);
    expect(tree.stat('tiktoken_cache/fifo')?.kind).toBe('special');
    expect(read(tree, 'tiktoken_cache/f')).toBe(sha('next header right after'));
  });

  it('an old-style regular entry whose name ends in / is a directory', async () => {
    const tree = await unpack([{ type: 'raw', flag: '\0', name: 'tiktoken_cache/', size: 512 }, { type: 'file', name: 'tiktoken_cache/f', data: 'f' }]);
    expect(tree.stat('tiktoken_cache')?.kind).toBe('dir');
    expect(read(tree, 'tiktoken_cache/f')).toBe(sha('f'));
  });

  it('refuses what the engine refuses: writing under a file, bad whiteout names, unknown types', async () => {
    await expect(unpack([{ type: 'file', name: 'f', data: 'x' }, { type: 'file', name: 'f/g', data: 'y' }])).rejects.toThrow(/not a directory/);
    await expect(unpack([{ type: 'file', name: 'd/.wh.', data: '' }])).rejects.toThrow(/invalid whiteout/);
    await expect(unpack([{ type: 'file', name: 'd/x', data: '' }, { type: 'file', name: 'd/.wh.x', data: '' }])).rejects.toThrow(/invalid whiteout/);
    await expect(unpack([{ type: 'raw', flag: 'Z', name: 'weird' }])).rejects.toThrow(/cannot unpack/);
  });
});
