// The filesystem a container of the image sees: the union of its layers as overlayfs merges
// them, read from the top down. A name is the topmost layer's entry for it; a whiteout, a
// non-directory, or an opaque directory in a layer hides what lower layers have there; a
// directory merges with the same directory in lower layers. With only the top layers read,
// any answer that lower layers could change throws Undecided. Pure.
import { joinPath, parentOf } from './layer-paths.js';
import { DEFAULT_DIR_META, Undecided, resolvePath, type EnterDir, type LayerTree, type Resolved, type TreeNode } from './layer-tree.js';

const ROOT: TreeNode = { kind: 'dir', meta: { ...DEFAULT_DIR_META }, implicit: true };

export class OverlayView {
  /** Layer trees from the top down; `complete` once the bottom layer is among them. */
  constructor(
    readonly layers: readonly LayerTree[],
    readonly complete: boolean,
  ) {}

  /** Whether `layer` hides lower layers at `path` through an ancestor (non-directory, whiteout, opaque). */
  #hidesBelow(layer: LayerTree, path: string): boolean {
    for (let at = parentOf(path), child = path; ; child = at, at = parentOf(at)) {
      const node = layer.get(at);
      if (node && node.kind !== 'dir') return true;
      if (node && layer.isOpaque(at) && child !== '') return true;
      if (at === '') return false;
    }
  }

  /** The merged node at a path with no symlink in its parents; undefined when absent. */
  stat(path: string): TreeNode | undefined {
    if (path === '') return ROOT;
    let found: TreeNode | undefined;
    for (const layer of this.layers) {
      const node = layer.get(path);
      if (node) {
        if (node.kind === 'whiteout') return found;
        if (node.kind !== 'dir') return found ?? node;
        found ??= node;
        if (layer.isOpaque(path)) return found;
      }
      if (this.#hidesBelow(layer, path)) return found;
      if (found) return found; // a directory: what lies below only adds entries
    }
    if (!this.complete) throw new Undecided(`/${path}`);
    return found;
  }

  /** Names in a merged directory (a path with no symlink in its parents), sorted. */
  list(dir: string): string[] {
    const names = new Map<string, boolean>();
    const result = (): string[] => [...names].filter(([, shown]) => shown).map(([n]) => n).sort();
    for (const layer of this.layers) {
      const node = layer.get(dir);
      // A non-directory (or whiteout) here ends the merge: lower layers add nothing.
      if (node && node.kind !== 'dir') return result();
      if (node) {
        for (const name of layer.list(dir)) {
          if (!names.has(name)) names.set(name, layer.get(joinPath(dir, name))?.kind !== 'whiteout');
        }
        if (layer.isOpaque(dir)) return result();
      }
      if (dir !== '' && this.#hidesBelow(layer, dir)) return result();
    }
    if (!this.complete) throw new Undecided(`the entries of /${dir}`);
    return result();
  }

  resolve(components: readonly string[], mode: 'open', followLast = true, enter?: EnterDir): Resolved {
    return resolvePath((p) => this.stat(p), components, mode, followLast, enter);
  }
}
