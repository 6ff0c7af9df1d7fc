// Opening files as the image's USER: the kernel's owner/group/other rule, search permission
// on every folder walked (symlink targets included), root reading everything, and the two
// appliers' rules for folders a layer only makes as missing parents.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ROOT, type Identity } from '../../../src/image/image-user.js';
import { LayerTree, Undecided } from '../../../src/image/layer-tree.js';
import { OverlayView } from '../../../src/image/overlay-view.js';
import { readLayer } from '../../../src/image/read-layer.js';
import { IdentityNeeded, UserView, folderMeta, type ApplierName, type Reader } from '../../../src/image/user-access.js';
import { storageRefusal } from '../../../src/image/storage-applier.js';
import { recordLayer } from '../../../src/image/read-layer.js';
import { tar, type TarItem } from './build-tar.js';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
const APP: Identity = { spec: 'app', uid: 1000, gid: 1000, groups: [2000] };

async function* once(bytes: Buffer): AsyncGenerator<Buffer> {
  yield bytes;
}

async function trees(...layers: TarItem[][]): Promise<LayerTree[]> {
  const out: LayerTree[] = [];
  for (const [i, items] of layers.entries()) {
    const tree = new LayerTree();
    await readLayer(once(tar(items)), i, tree, { hash: () => true, keep: () => false });
    out.unshift(tree);
  }
  return out;
}

async function view(...layers: TarItem[][]): Promise<OverlayView> {
  return new OverlayView(await trees(...layers), true);
}

function read(v: OverlayView, path: string, reader: Reader, applier: ApplierName = 'containerd'): string {
  const r = new UserView(v, applier, reader).resolve(path.split('/'), 'open');
  if (r.kind === 'error') return r.detail;
  if (r.kind === 'missing') return 'missing';
  return r.node.kind === 'file' ? (r.node.content.sha256 ?? 'unhashed') : r.node.kind;
}

describe('UserView: files as the image user opens them', () => {
  it('uses the owner bits when the uid owns the file, else the group bits for its gid or groups, else the others', async () => {
    const v = await view([
      { type: 'file', name: 'c/owner-0044', data: 'a', mode: 0o044, uid: 1000 },
      { type: 'file', name: 'c/owner-0400', data: 'b', mode: 0o400, uid: 1000, gid: 5 },
      { type: 'file', name: 'c/group-0040', data: 'c', mode: 0o040, gid: 2000 },
      { type: 'file', name: 'c/other-0604', data: 'd', mode: 0o604 },
      { type: 'file', name: 'c/root-0600', data: 'e', mode: 0o600 },
    ]);
    expect(read(v, 'c/owner-0044', APP)).toMatch(/permission denied: the file \/c\/owner-0044 is mode 0044 owned by 1000:0, and the image's USER app \(uid 1000, gid 1000, groups 2000\) cannot read it/);
    expect(read(v, 'c/owner-0400', APP)).toBe(sha('b'));
    expect(read(v, 'c/group-0040', APP)).toBe(sha('c'));
    expect(read(v, 'c/other-0604', APP)).toBe(sha('d'));
    expect(read(v, 'c/root-0600', APP)).toMatch(/permission denied/);
    expect(read(v, 'c/root-0600', ROOT)).toBe(sha('e'));
    const r = new UserView(v, 'containerd', APP).resolve(['c', 'root-0600'], 'open');
    expect(r.kind === 'error' && r.fix).toMatch(/chmod 0644 \/c\/root-0600, e\.g\. COPY --chmod=0444\), or chown it to 1000/);
  });

  it('needs search permission on every folder walked, symlink targets included; reading needs no listing', async () => {
    const v = await view([
      { type: 'dir', name: 'locked/', mode: 0o700 },
      { type: 'file', name: 'locked/f', data: 'x' },
      { type: 'dir', name: 'search-only/', mode: 0o711 },
      { type: 'file', name: 'search-only/f', data: 'y' },
      { type: 'symlink', name: 'c/through', target: '/locked/f' },
    ]);
    expect(read(v, 'locked/f', APP)).toMatch(/the folder \/locked is mode 0700 owned by 0:0.* cannot search \(x\) it/);
    expect(read(v, 'c/through', APP)).toMatch(/the folder \/locked is mode 0700/);
    expect(read(v, 'search-only/f', APP)).toBe(sha('y'));
    const r = new UserView(v, 'containerd', APP).resolve(['locked', 'f'], 'open');
    expect(r.kind === 'error' && r.fix).toMatch(/chmod 0755 \/locked/);
  });

  it('asks for the identity only when a mode could refuse someone', async () => {
    const open = await view([{ type: 'dir', name: 'c/', mode: 0o555 }, { type: 'file', name: 'c/f', data: 'x', mode: 0o444 }]);
    expect(read(open, 'c/f', 'pending')).toBe(sha('x'));
    const closed = await view([{ type: 'file', name: 'c/f', data: 'x', mode: 0o640 }]);
    expect(() => read(closed, 'c/f', 'pending')).toThrow(IdentityNeeded);
  });

  it('a hard link re-modes the inode it shares, for both names', async () => {
    const v = await view([
      { type: 'file', name: 'c/f', data: 'x', mode: 0o644 },
      { type: 'hardlink', name: 'opt/alias', target: 'c/f', mode: 0o600 },
    ]);
    expect(read(v, 'c/f', APP)).toMatch(/mode 0600/);
  });

  it('a folder entry for an existing folder re-modes it; the topmost layer holding a folder gives its mode', async () => {
    const v = await view([{ type: 'dir', name: 'c/', mode: 0o755 }, { type: 'file', name: 'c/f', data: 'x' }, { type: 'dir', name: 'c/', mode: 0o700 }]);
    expect(read(v, 'c/f', APP)).toMatch(/the folder \/c is mode 0700/);
    const above = await view([{ type: 'dir', name: 'c/', mode: 0o700 }, { type: 'file', name: 'c/f', data: 'x' }], [{ type: 'dir', name: 'c/', mode: 0o755 }]);
    expect(read(above, 'c/f', APP)).toBe(sha('x'));
  });
});

describe('folders a layer makes as missing parents', () => {
  it('containerd copies the mode and owner from the layers below; containers/storage makes them 0755 root', async () => {
    const v = await view([{ type: 'dir', name: 'c/', mode: 0o700, uid: 7 }], [{ type: 'dir', name: 'x/' }], [{ type: 'file', name: 'c/f', data: 'x' }]);
    expect(folderMeta(v, 'c', 'containerd')).toEqual({ mode: 0o700, uid: 7, gid: 0 });
    expect(folderMeta(v, 'c', 'containers-storage')).toEqual({ mode: 0o755, uid: 0, gid: 0 });
    expect(read(v, 'c/f', APP, 'containerd')).toMatch(/permission denied/);
    expect(read(v, 'c/f', APP, 'containers-storage')).toBe(sha('x'));
  });

  it('containerd looks through lower layers that also only made it, and falls back to 0755 root at a non-folder or at the bottom', async () => {
    const chain = await view([{ type: 'dir', name: 'c/', mode: 0o750, gid: 3 }], [{ type: 'file', name: 'c/a', data: 'a' }], [{ type: 'file', name: 'c/b', data: 'b' }]);
    expect(folderMeta(chain, 'c', 'containerd')).toEqual({ mode: 0o750, uid: 0, gid: 3 });
    const replaced = await view([{ type: 'dir', name: 'c/', mode: 0o700 }], [{ type: 'file', name: 'c', data: 'a file' }], [{ type: 'file', name: 'c/b', data: 'b' }]);
    expect(folderMeta(replaced, 'c', 'containerd')).toEqual({ mode: 0o755, uid: 0, gid: 0 });
    const nothing = await view([{ type: 'file', name: 'c/b', data: 'b' }]);
    expect(folderMeta(nothing, 'c', 'containerd')).toEqual({ mode: 0o755, uid: 0, gid: 0 });
  });

  it('with only the top layers read, the answer waits for the layers below', async () => {
    const [top] = await trees([{ type: 'file', name: 'c/f', data: 'x' }]);
    const partial = new OverlayView([top as LayerTree], false);
    expect(() => folderMeta(partial, 'c', 'containerd')).toThrow(Undecided);
    expect(folderMeta(partial, 'c', 'containers-storage')).toEqual({ mode: 0o755, uid: 0, gid: 0 });
    // Root reads without asking.
    expect(read(partial, 'c/f', ROOT)).toBe(sha('x'));
  });
});

describe('storageRefusal: containers/storage refuses a path twice in one layer', () => {
  const refusal = async (items: TarItem[]) => storageRefusal(await recordLayer(once(tar(items)), 0, { hash: () => false, keep: () => false }));

  it('counts every entry type, after a lexical clean', async () => {
    expect(await refusal([{ type: 'file', name: 'c/f', data: 'a' }, { type: 'file', name: 'c/f', data: 'b' }])).toMatch(/two entries named "c\/f"/);
    expect(await refusal([{ type: 'file', name: 'c/f', data: 'a' }, { type: 'file', name: './c/x/../f', data: 'b' }])).toMatch(/entries "c\/f" and ".\/c\/x\/..\/f" both name "c\/f"/);
    expect(await refusal([{ type: 'dir', name: 'c/' }, { type: 'dir', name: 'c' }])).toMatch(/"c"/);
    expect(await refusal([{ type: 'file', name: 'c/f', data: 'a' }, { type: 'hardlink', name: 'c/f', target: 'c/g' }])).toMatch(/"c\/f"/);
    expect(await refusal([{ type: 'pax', global: true, records: { path: 'c/f' } }, { type: 'file', name: 'c/f', data: 'a' }])).toMatch(/"c\/f"/);
    expect(await refusal([{ type: 'pax', global: true, records: { comment: '1' } }, { type: 'pax', global: true, records: { comment: '2' } }])).toMatch(/pax_global_header/);
  });

  it('takes /x and x as two paths, and long names by what they name', async () => {
    expect(await refusal([{ type: 'file', name: '/c/f', data: 'a' }, { type: 'file', name: 'c/f', data: 'b' }])).toBeUndefined();
    expect(await refusal([{ type: 'file', name: 'c/f', data: 'a', longName: 'pax' }, { type: 'file', name: 'c/g', data: 'b', longName: 'pax' }])).toBeUndefined();
    expect(await refusal([{ type: 'file', name: 'c/f', data: 'a', longName: 'gnu' }, { type: 'file', name: 'c/f', data: 'b' }])).toMatch(/"c\/f"/);
  });
});
