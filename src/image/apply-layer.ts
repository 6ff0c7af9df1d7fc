// One layer's entries applied to the tree the way containerd's tar applier writes them into
// the image's root: name cleaned (Go's filepath.Clean), its parent resolved through symlinks
// inside the root with `..` clamped there (fs.RootPath), missing parents created, whiteouts
// and opaque whiteouts removing what lies below, an existing path replaced unless both are
// directories, hard links sharing their target's bytes (lower layers included), pax global
// headers unpacking as nothing but still replacing what was at their name. Pure apart from
// hashing the bodies the caller asks for.
import { TarType, type TarHeader } from '../tar/tar-header.js';
import { LayerTree, UnpackError, type Content, type TreeNode } from './layer-tree.js';
import { OPAQUE_MARKER, WHITEOUT_META_PREFIX, WHITEOUT_PREFIX, cleanComponents, goClean, joinPath } from './layer-paths.js';

export interface LayerApplier {
  /**
   * Applies one entry. For a regular file `content` is called with the physical path it lands
   * at and returns its content record (hashed or not, as the caller decides).
   */
  apply(entry: TarHeader, content: (path: string) => Promise<Content>): Promise<void>;
}

export function layerApplier(tree: LayerTree): LayerApplier {
  // containerd keeps an opaque directory's entries that this same layer unpacked.
  const unpacked = new Set<string>();
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
          if (parent !== '' && !tree.get(parent)) throw new UnpackError(`opaque whiteout in /${parent}, which does not exist`);
          tree.clearExcept(parent, unpacked);
          return;
        }
        const original = base.slice(WHITEOUT_PREFIX.length);
        if (original === '' || original === '.' || original === '..') throw new UnpackError(`invalid whiteout name ${JSON.stringify(entry.name)}`);
        tree.removeAll(joinPath(parent, original));
        return;
      }
      // Reading top-down, what lower layers left here may be unknown: a directory entry keeps a
      // directory there either way (merged or replacing); anything else replaces it.
      const existing = tree.peek(path);
      const isDirEntry = entry.type === TarType.directory;
      if (existing === 'unknown' ? !isDirEntry : existing !== 'absent' && !(existing.kind === 'dir' && isDirEntry)) tree.removeAll(path);
      let node: TreeNode | undefined;
      switch (entry.type) {
        case TarType.directory:
          // On an unknown base `set` keeps the directory open to entries of lower layers.
          if (tree.peek(path) === 'unknown' || tree.get(path)?.kind !== 'dir') node = { kind: 'dir' };
          break;
        case TarType.file:
          node = { kind: 'file', content: await content(path) };
          break;
        case TarType.symlink:
          node = { kind: 'symlink', target: entry.linkname };
          break;
        case TarType.hardlink: {
          // The link's parent resolves inside the root; its last part is linked as it is.
          const linkParts = cleanComponents(entry.linkname);
          const linkBase = linkParts.pop();
          const target = linkBase === undefined ? '' : joinPath(tree.rootPath(linkParts), linkBase);
          const linked = tree.get(target);
          if (!linked) throw new UnpackError(`hard link ${JSON.stringify(entry.name)} to /${target}, which does not exist`);
          if (linked.kind === 'dir') throw new UnpackError(`hard link ${JSON.stringify(entry.name)} to the directory /${target}`);
          node = linked;
          break;
        }
        case TarType.special:
          node = { kind: 'special', detail: `/${path} is a device or FIFO` };
          break;
        case TarType.paxGlobal:
          break; // nothing is created, but what was at the name is gone (above)
        default:
          throw new UnpackError(`entry ${JSON.stringify(entry.name)} has a tar type the engine cannot unpack`);
      }
      if (node) tree.set(path, node);
      unpacked.add(path);
    },
  };
}

