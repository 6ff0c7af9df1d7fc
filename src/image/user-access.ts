// The image as its USER opens files in it: every folder a path walks through (symlink targets
// included) must be searchable (x) and the file readable (r) by that identity, with the
// kernel's rule: the owner's bits when the uid owns it, else the group's when the gid or a
// supplementary group owns it, else the others'. Root (uid 0) passes every check.
//
// A folder's mode is that of the topmost layer holding it. A folder a layer only made as a
// missing parent (no entry of its own) gets its mode where the runtime unpacks the layer:
// - containerd (Docker Engine's containerd store, ctr, CRI) copies the mode and owner of the same
//   folder in the layers below (archive.WithParents), or 0755 root when none has it or a
//   non-folder is there first;
// - containers/storage (Podman) makes it 0755 root.
// Pure; throws Undecided when the answer lies in layers not read yet, and IdentityNeeded when a
// mode leaves the answer to an identity not resolved yet (so that /etc/passwd is read only then).
import { describeIdentity, type Identity } from './image-user.js';
import { DEFAULT_DIR_META, Undecided, type Meta, type Resolved } from './layer-tree.js';
import type { OverlayView } from './overlay-view.js';

/** The layer appliers whose results differ: containerd's and containers/storage's. */
export type ApplierName = 'containerd' | 'containers-storage';

/** Who reads: a resolved identity, or 'pending' (modes that let everyone through need no identity). */
export type Reader = Identity | 'pending';

export class IdentityNeeded extends Error {}

const READ = 4;
const SEARCH = 1;

function permits(meta: Meta, who: Identity, want: number): boolean {
  if (who.uid === 0) return true;
  const bits = who.uid === meta.uid ? meta.mode >> 6 : who.gid === meta.gid || who.groups.includes(meta.gid) ? meta.mode >> 3 : meta.mode;
  return (bits & want) === want;
}

/** Whether every class has the permission (then no identity can be refused). */
function everyone(meta: Meta, want: number): boolean {
  const all = want * 0o111;
  return (meta.mode & all) === all;
}

const octal = (mode: number): string => `0${(mode & 0o7777).toString(8).padStart(3, '0')}`;

/** The mode and owner of a merged folder, by the applier's rule for folders made as missing parents. */
export function folderMeta(view: OverlayView, path: string, applier: ApplierName): Meta {
  if (path === '') return DEFAULT_DIR_META;
  const parts = path.split('/');
  let i = view.layers.findIndex((layer) => layer.get(path) !== undefined);
  if (i === -1) return DEFAULT_DIR_META; // not a folder of any layer: nothing to go by
  for (;;) {
    const node = view.layers[i]?.get(path);
    if (node?.kind === 'dir' && !node.implicit) return node.meta;
    if (node && node.kind !== 'dir') return DEFAULT_DIR_META;
    if (applier === 'containers-storage' && node) return DEFAULT_DIR_META;
    // containerd: the first lower layer with anything at that path (its own symlinks followed) decides.
    let next = i + 1;
    for (; next < view.layers.length; next++) {
      const r = view.layers[next]?.resolve(parts, 'root-path');
      if (r?.kind === 'found') break;
    }
    if (next >= view.layers.length) {
      if (!view.complete) throw new Undecided(`the mode of /${path}`);
      return DEFAULT_DIR_META;
    }
    const r = view.layers[next]?.resolve(parts, 'root-path');
    if (r?.kind !== 'found' || r.node.kind !== 'dir') return DEFAULT_DIR_META;
    if (!r.node.implicit) return r.node.meta;
    if (r.path !== path) return r.node.meta; // reached through a symlink of that layer: its own folder
    i = next;
  }
}

function denied(what: string, path: string, meta: Meta, who: Identity, want: number): Extract<Resolved, { kind: 'error' }> {
  const needs = want === READ ? 'read' : 'search (x)';
  const wanted = want === READ ? meta.mode | 0o444 : meta.mode | 0o555;
  return {
    kind: 'error',
    detail: `permission denied: ${what} /${path} is mode ${octal(meta.mode)} owned by ${meta.uid}:${meta.gid}, and the image's ${describeIdentity(who)} cannot ${needs} it`,
    fix: `make /${path} ${want === READ ? 'readable' : 'searchable'} by every user where it is written (chmod ${octal(wanted)} /${path}, e.g. COPY --chmod=${want === READ ? '0444' : '0755'}), or chown it to ${who.uid}`,
  };
}

/** The image view a consumer of the image's USER has (check-platform's ImageView). */
export class UserView {
  constructor(
    readonly view: OverlayView,
    readonly applier: ApplierName,
    readonly reader: Reader,
  ) {}

  #check(what: string, path: string, meta: Meta, want: number): Extract<Resolved, { kind: 'error' }> | undefined {
    if (everyone(meta, want)) return undefined;
    if (this.reader === 'pending') throw new IdentityNeeded(`/${path}`);
    return permits(meta, this.reader, want) ? undefined : denied(what, path, meta, this.reader, want);
  }

  resolve(components: readonly string[], mode: 'open'): Resolved {
    if (this.reader !== 'pending' && this.reader.uid === 0) return this.view.resolve(components, mode);
    const r = this.view.resolve(components, mode, true, (dir) => this.#check('the folder', dir, folderMeta(this.view, dir, this.applier), SEARCH));
    if (r.kind === 'found' && r.node.kind === 'file') return this.#check('the file', r.path, r.node.meta, READ) ?? r;
    return r;
  }

  /** Listing is the verifier's own check of what the folder holds, not the consumer's: as root. */
  list(dir: string): string[] {
    return this.view.list(dir);
  }
}
