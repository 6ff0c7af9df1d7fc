// One layer as the runtime unpacks it: into a directory of its own (the overlay snapshotter's
// upper dir; Docker's overlay2 diff dir), so names resolve only against this layer's earlier
// entries. A map of paths (no symlink in any parent) to nodes; whiteouts become whiteout
// nodes and opaque markers flag their directory, as containerd's overlay conversion does.
// The image a container sees is the union of these trees (overlay-view.ts). Pure data.
import { baseOf, joinPath, parentOf } from './layer-paths.js';

/** A file's bytes: hashed when a reader needed them; where to find them again otherwise. */
export interface Content {
  sha256?: string;
  size: number;
  /** Small files kept whole (manifest.json in a consumer folder). */
  bytes?: Buffer;
  readonly layer: number;
  readonly ordinal: number;
}

/**
 * An inode's permission bits (setuid/setgid/sticky included) and numeric owner, as the tar
 * header set them. Mutable and shared: a hard link's own header re-owns and re-modes the inode
 * it links to (containerd and containers/storage chown and chmod after linking).
 */
export interface Meta {
  mode: number;
  uid: number;
  gid: number;
}

/** What a folder made by mkdir -p gets when nothing else says: 0755, root. */
export const DEFAULT_DIR_META: Readonly<Meta> = { mode: 0o755, uid: 0, gid: 0 };

export type TreeNode =
  /** `implicit`: made as a missing parent, not by an entry of its own (its attributes come from the applier's rule). */
  | { readonly kind: 'dir'; readonly meta: Meta; readonly implicit?: boolean }
  | { readonly kind: 'file'; readonly content: Content; readonly meta: Meta }
  | { readonly kind: 'symlink'; readonly target: string }
  | { readonly kind: 'special'; readonly detail: string }
  /** Overlay whiteout: the name is deleted from the layers below. */
  | { readonly kind: 'whiteout' };

/** A layer the engine would refuse to unpack (pull or run fails). */
export class UnpackError extends Error {}

/** Reading top-down: the answer depends on layers below the ones read so far. */
export class Undecided extends Error {}

/** containerd bounds symlink walks at 255 links; the kernel's open() at 40. */
const ROOT_PATH_LINKS = 255;
const KERNEL_LINKS = 40;

export type Resolved =
  | { readonly kind: 'found'; readonly path: string; readonly node: TreeNode }
  | { readonly kind: 'missing'; readonly path: string }
  /** `fix`, when the cause is known well enough to say what to change (a permission). */
  | { readonly kind: 'error'; readonly detail: string; readonly fix?: string };

/** Called before each lookup in a directory (the kernel needs search permission there); an error stops the walk. */
export type EnterDir = (dir: string) => Extract<Resolved, { kind: 'error' }> | undefined;

/**
 * Walks `components` from the root, following symlinks (absolute targets from the root, `..`
 * clamped there). `mode: 'root-path'` is containerd's fs.RootPath (a missing component ends
 * the walk; the rest is appended as written); `mode: 'open'` is the kernel opening a path (a
 * missing component is ENOENT). `followLast: false` stops at a final symlink (lstat). `enter`
 * checks each directory looked up in (open only).
 */
export function resolvePath(stat: (path: string) => TreeNode | undefined, components: readonly string[], mode: 'root-path' | 'open', followLast = true, enter?: EnterDir): Resolved {
  const limit = mode === 'root-path' ? ROOT_PATH_LINKS : KERNEL_LINKS;
  let links = 0;
  const todo = [...components].reverse();
  let at = '';
  let lexical = false;
  while (todo.length > 0) {
    const part = todo.pop() as string;
    if (part === '' || part === '.') continue;
    const denied = lexical ? undefined : enter?.(at);
    if (denied) return denied;
    if (part === '..') {
      at = parentOf(at);
      continue;
    }
    const next = joinPath(at, part);
    if (lexical) {
      at = next;
      continue;
    }
    const node = stat(next);
    if (!node) {
      if (mode === 'open') return { kind: 'missing', path: [next, ...[...todo].reverse()].join('/') };
      // fs.RootPath treats a path that does not exist yet as a plain name, and so the rest.
      lexical = true;
      at = next;
      continue;
    }
    const last = todo.length === 0;
    if (node.kind === 'symlink' && (!last || followLast)) {
      if (++links > limit) return { kind: 'error', detail: `too many levels of symbolic links at /${next}` };
      const target = node.target.split('/');
      if (node.target.startsWith('/')) at = '';
      for (let i = target.length - 1; i >= 0; i--) todo.push(target[i] as string);
      continue;
    }
    if (!last && node.kind !== 'dir') return { kind: 'error', detail: `/${next} is a ${node.kind === 'file' ? 'file' : node.kind}, not a directory` };
    at = next;
  }
  const node = stat(at);
  if (!node) return { kind: 'missing', path: at };
  return { kind: 'found', path: at, node };
}

export class LayerTree {
  readonly #nodes = new Map<string, TreeNode>([['', { kind: 'dir', meta: { ...DEFAULT_DIR_META }, implicit: true }]]);
  readonly #children = new Map<string, Set<string>>([['', new Set()]]);
  readonly #opaque = new Set<string>();

  get(path: string): TreeNode | undefined {
    return this.#nodes.get(path);
  }

  /** Whether the layer marks this directory opaque (lower layers' entries hidden). */
  isOpaque(dir: string): boolean {
    return this.#opaque.has(dir);
  }

  markOpaque(dir: string): void {
    this.#opaque.add(dir);
  }

  get size(): number {
    return this.#nodes.size;
  }

  /** Names directly inside a directory of this layer (whiteouts included), sorted. */
  list(dir: string): string[] {
    return [...(this.#children.get(dir) ?? [])].map(baseOf).sort();
  }

  set(path: string, node: TreeNode): void {
    if (path === '') return;
    const parent = parentOf(path);
    if (this.#nodes.get(parent)?.kind !== 'dir') throw new Error(`internal: parent of ${path} is not a directory`);
    if (this.#nodes.has(path) && node.kind !== 'dir') this.removeAll(path);
    this.#nodes.set(path, node);
    this.#children.get(parent)?.add(path);
    if (node.kind === 'dir' && !this.#children.has(path)) this.#children.set(path, new Set());
  }

  /** os.RemoveAll: the path and everything under it. */
  removeAll(path: string): void {
    if (path === '' || !this.#nodes.has(path)) return;
    const stack = [path];
    while (stack.length > 0) {
      const p = stack.pop() as string;
      for (const child of this.#children.get(p) ?? []) stack.push(child);
      this.#children.delete(p);
      this.#nodes.delete(p);
      this.#opaque.delete(p);
    }
    this.#children.get(parentOf(path))?.delete(path);
  }

  resolve(components: readonly string[], mode: 'root-path' | 'open', followLast = true): Resolved {
    return resolvePath((p) => this.#nodes.get(p), components, mode, followLast);
  }

  /** The path containerd writes a parent path to (fs.RootPath in this layer's dir). */
  rootPath(components: readonly string[]): string {
    const r = this.resolve(components, 'root-path');
    if (r.kind === 'error') throw new UnpackError(r.detail);
    return r.path;
  }

  /** mkdir -p of an already resolved path (the folders it makes are implicit); a non-directory on the way fails the unpack. */
  mkdirAll(path: string): void {
    if (path === '') return;
    let at = '';
    for (const part of path.split('/')) {
      at = joinPath(at, part);
      const node = this.#nodes.get(at);
      if (!node) this.set(at, { kind: 'dir', meta: { ...DEFAULT_DIR_META }, implicit: true });
      else if (node.kind !== 'dir') throw new UnpackError(`/${at} is not a directory`);
    }
  }
}
