// The merged view of the paths we care about (cache-path, what is under it, and its
// ancestors) after applying layers bottom to top with OCI whiteout rules. Pure data in, data out.
import { isAncestor, isWithin, resolveLink } from './layer-paths.js';

export type Node =
  | { readonly kind: 'file'; readonly sha256: string; readonly size: number }
  | { readonly kind: 'symlink'; readonly target: string }
  | { readonly kind: 'directory' }
  | { readonly kind: 'other'; readonly detail: string };

/** What one layer does to the tracked paths. Whiteouts apply to lower layers only. */
export interface LayerChanges {
  readonly deleted: readonly string[];
  readonly opaque: readonly string[];
  /** Entries in layer order (later entries of the same path win). */
  readonly entries: ReadonlyArray<readonly [string, Node]>;
}

export type Tree = ReadonlyMap<string, Node>;

function dropUnder(tree: Map<string, Node>, root: string, includeRoot: boolean): void {
  for (const key of [...tree.keys()]) {
    if ((includeRoot && key === root) || (key !== root && isWithin(key, root))) tree.delete(key);
  }
}

/** The tree after one more layer. */
export function applyLayer(lower: Tree, layer: LayerChanges): Tree {
  const tree = new Map(lower);
  for (const path of layer.deleted) dropUnder(tree, path, true);
  for (const dir of layer.opaque) dropUnder(tree, dir, false);
  for (const [path, node] of layer.entries) {
    // A non-directory hides whatever a lower layer had below that path.
    if (node.kind !== 'directory') dropUnder(tree, path, false);
    tree.set(path, node);
  }
  return tree;
}

/** Whether the tree tracks `path` (cache-path, under it, or one of its ancestors). */
export function tracks(cacheRoot: string, path: string): boolean {
  return isWithin(path, cacheRoot) || isAncestor(path, cacheRoot);
}

export type FinalFile =
  | { readonly kind: 'file'; readonly sha256: string; readonly size: number; readonly via?: string }
  | { readonly kind: 'unreadable'; readonly detail: string };

/** Relative name under cache-path → what a reader opening it gets (symlinks followed inside the tree). */
export function finalFiles(tree: Tree, cacheRoot: string): Map<string, FinalFile> {
  const out = new Map<string, FinalFile>();
  const prefix = `${cacheRoot}/`;
  for (const [path, node] of tree) {
    if (!path.startsWith(prefix) || node.kind === 'directory') continue;
    out.set(path.slice(prefix.length), follow(tree, path, node));
  }
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

function follow(tree: Tree, path: string, node: Node): FinalFile {
  let current: Node | undefined = node;
  let at = path;
  for (let hops = 0; hops < 16 && current; hops++) {
    if (current.kind === 'file') return at === path ? current : { ...current, via: `symlink to /${at}` };
    if (current.kind === 'directory') return { kind: 'unreadable', detail: `/${path} leads to a directory` };
    if (current.kind === 'other') return { kind: 'unreadable', detail: current.detail };
    const next = resolveLink(at, current.target);
    if (next === undefined) return { kind: 'unreadable', detail: `symlink to ${current.target} leaves the root` };
    at = next;
    current = tree.get(at);
  }
  return current
    ? { kind: 'unreadable', detail: `symlink loop at /${path}` }
    : { kind: 'unreadable', detail: `symlink to /${at}, outside cache-path or absent (not followed)` };
}

/** Problems with cache-path itself: absent, or replaced by a file/symlink. */
export function cacheRootProblem(tree: Tree, cacheRoot: string): string | undefined {
  const parts = cacheRoot.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const path = parts.slice(0, i).join('/');
    const node = tree.get(path);
    if (node && node.kind !== 'directory') return `/${path} is a ${node.kind} in the image, not a directory`;
  }
  return undefined;
}
