// One layer's entries applied to that layer's own tree the way containerd's tar applier writes
// them into the snapshot's upper directory: name cleaned (Go's filepath.Clean), its parent
// resolved through symlinks of this layer with `..` clamped at the root (fs.RootPath), missing
// parents created, whiteouts turned into overlay whiteouts and opaque markers into opaque
// directories (OverlayConvertWhiteout), an existing path replaced unless both are directories,
// hard links to earlier entries of the same layer (a link to anything else fails the unpack),
// pax global headers unpacking as nothing but still replacing what was at their name. Each
// file and folder keeps its header's mode and numeric owner (a folder entry for a folder that
// exists re-modes it; a hard link re-modes the inode it shares); a character device 0/0 is an
// overlay whiteout once the layer is mounted. Pure apart from hashing the bodies the caller asks for.
import { TarType, type TarHeader } from '../tar/tar-header.js';
import { LayerTree, UnpackError, type Content, type Meta, type TreeNode } from './layer-tree.js';
import { OPAQUE_MARKER, WHITEOUT_META_PREFIX, WHITEOUT_PREFIX, cleanComponents, goClean, joinPath, parentOf } from './layer-paths.js';

export interface LayerApplier {
  /**
   * Applies one entry. For a regular file `content` is called with the physical path it lands
   * at and returns its content record (hashed or not, as the caller decides).
   */
  apply(entry: TarHeader, content: (path: string) => Promise<Content>): Promise<void>;
}

function metaOf(entry: TarHeader): Meta {
  return { mode: entry.mode, uid: entry.uid, gid: entry.gid };
}

/** overlayfs reads a character device 0/0 in a layer as a whiteout (what OverlayConvertWhiteout writes). */
function isWhiteoutDevice(entry: TarHeader): boolean {
  return entry.device === '3' && entry.devmajor === 0 && entry.devminor === 0;
}

/**
 * How a hard link's target is found. containerd (fs.RootPath on the link name's folder part as
 * written) follows this layer's symlinks before it applies a `..`; containers/storage cleans the
 * name lexically first (`dir/sym/../f` is `dir/f` there), then follows the symlinks left.
 */
export type LinkTargets = 'root-path' | 'lexical';

function linkTarget(tree: LayerTree, linkname: string, rule: LinkTargets): string {
  if (rule === 'lexical') {
    const parts = cleanComponents(linkname);
    const base = parts.pop();
    return base === undefined ? '' : joinPath(tree.rootPath(parts), base);
  }
  // filepath.Split, then fs.RootPath of the folder part: `..` after the symlinks before it.
  const slash = linkname.lastIndexOf('/');
  const base = linkname.slice(slash + 1);
  const folder = tree.rootPath(linkname.slice(0, slash + 1).split('/'));
  if (base === '' || base === '.') return folder;
  return base === '..' ? parentOf(folder) : joinPath(folder, base);
}

export function layerApplier(tree: LayerTree, linkTargets: LinkTargets = 'root-path'): LayerApplier {
  return {
    async apply(entry, content) {
      const cleaned = goClean(entry.name);
      const parts = cleanComponents(cleaned);
      const base = parts.pop();
      if (base === undefined) return; // resolves to the root: ignored
      const parent = tree.rootPath(parts);
      const path = joinPath(parent, base);
      const above = parent === '' ? undefined : tree.get(parent);
      if (parent !== '' && !above) tree.mkdirAll(parent);
      else if (above && above.kind !== 'dir') throw new UnpackError(`/${parent} is not a directory (entry ${JSON.stringify(entry.name)})`);
      if (cleaned.startsWith(WHITEOUT_META_PREFIX) && cleaned !== OPAQUE_MARKER) return; // AUFS metadata
      if (base.startsWith(WHITEOUT_PREFIX)) {
        if (base === OPAQUE_MARKER) {
          tree.markOpaque(parent);
          return;
        }
        // mknod of a whiteout device: fails where the name already exists in this layer.
        const original = base.slice(WHITEOUT_PREFIX.length);
        const target = original === '' || original === '.' ? parent : original === '..' ? parentOf(parent) : joinPath(parent, original);
        if (tree.get(target) || target === parent || original === '..') throw new UnpackError(`whiteout ${JSON.stringify(entry.name)}: /${target} exists in the same layer (invalid whiteout)`);
        tree.set(target, { kind: 'whiteout' });
        return;
      }
      const existing = tree.get(path);
      if (existing && !(existing.kind === 'dir' && entry.type === TarType.directory)) tree.removeAll(path);
      let node: TreeNode | undefined;
      switch (entry.type) {
        case TarType.directory:
          node = { kind: 'dir', meta: metaOf(entry) }; // merged with an existing folder: its entries stay
          break;
        case TarType.file:
          node = { kind: 'file', content: await content(path), meta: metaOf(entry) };
          break;
        case TarType.symlink:
          node = { kind: 'symlink', target: entry.linkname };
          break;
        case TarType.hardlink: {
          // The link's folder part resolves inside the root; its last part is linked as it is.
          const target = linkTarget(tree, entry.linkname, linkTargets);
          const linked = tree.get(target);
          if (!linked || linked.kind === 'whiteout') throw new UnpackError(`hard link ${JSON.stringify(entry.name)} to /${target}, which is not in the same layer`);
          if (linked.kind === 'dir') throw new UnpackError(`hard link ${JSON.stringify(entry.name)} to the directory /${target}`);
          if (linked.kind === 'file') Object.assign(linked.meta, metaOf(entry));
          node = linked;
          break;
        }
        case TarType.special:
          node = isWhiteoutDevice(entry) ? { kind: 'whiteout' } : { kind: 'special', detail: `/${path} is a ${entry.device === '6' ? 'FIFO' : 'device'}` };
          break;
        case TarType.paxGlobal:
          break; // nothing is created, but what was at the name is gone (above)
        default:
          throw new UnpackError(`entry ${JSON.stringify(entry.name)} has a tar type the engine cannot unpack`);
      }
      if (node) tree.set(path, node);
    },
  };
}

