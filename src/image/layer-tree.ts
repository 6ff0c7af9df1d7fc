// The image's filesystem as the runtime leaves it after unpacking every layer, for the paths
// verification needs: a map of physical paths (no symlink in any parent) to nodes, changed by
// layer entries the way containerd's tar applier changes a real directory. Symlinks are
// resolved inside the tree (absolute targets from the image root, `..` clamped there); file
// contents are content records shared by hard links. Pure data; no I/O.
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

export type TreeNode =
  | { readonly kind: 'dir' }
  | { readonly kind: 'file'; readonly content: Content }
  | { readonly kind: 'symlink'; readonly target: string }
  | { readonly kind: 'special'; readonly detail: string };

/** A layer the engine would refuse to unpack (pull or run fails). */
export class UnpackError extends Error {}

/**
 * Reading top-down: the answer depends on layers below the ones read so far (the tree was
 * started on an unknown base). The reader reads one more layer and tries again.
 */
export class Undecided extends Error {}

/** What is at a path: a node, known to be absent, or (on an unknown base) not known yet. */
export type Peek = TreeNode | 'absent' | 'unknown';

/** containerd bounds symlink walks at 255 links; the kernel's open() at 40. */
const ROOT_PATH_LINKS = 255;
const KERNEL_LINKS = 40;

export type Resolved =
  | { readonly kind: 'found'; readonly path: string; readonly node: TreeNode }
  | { readonly kind: 'missing'; readonly path: string }
  | { readonly kind: 'error'; readonly detail: string };

export class LayerTree {
  readonly #nodes = new Map<string, TreeNode>([['', { kind: 'dir' }]]);
  readonly #children = new Map<string, Set<string>>([['', new Set()]]);
  /** On an unknown base: paths removed by the layers applied (nothing of the base left there). */
  readonly #gone = new Set<string>();
  /** On an unknown base: directories whose entries are all known (fresh or made opaque). */
  readonly #complete = new Set<string>();
  readonly #unknownBase: boolean;

  /** `base: 'unknown'` starts on top of layers not read (yet): see Undecided. */
  constructor(base: 'empty' | 'unknown' = 'empty') {
    this.#unknownBase = base === 'unknown';
  }

  /** What is at `path`, saying 'unknown' when only lower, unread layers could tell. */
  peek(path: string): Peek {
    const node = this.#nodes.get(path);
    if (node) return node;
    if (!this.#unknownBase) return 'absent';
    // Physical paths have no symlinks in their parents: under a known non-directory, a removed
    // path or a complete directory, nothing of the base can show through.
    let at = path;
    for (;;) {
      if (this.#gone.has(at)) return 'absent';
      if (at === '') return 'unknown';
      const up = parentOf(at);
      const parent = this.#nodes.get(up);
      if (parent && parent.kind !== 'dir') return 'absent';
      if (parent && this.#complete.has(up)) return 'absent';
      at = up;
    }
  }

  /** The node at `path`, undefined when absent; throws Undecided when only lower layers know. */
  get(path: string): TreeNode | undefined {
    const p = this.peek(path);
    if (p === 'unknown') throw new Undecided(`/${path}`);
    return p === 'absent' ? undefined : p;
  }

  get size(): number {
    return this.#nodes.size;
  }

  /** Names directly inside a directory, sorted; Undecided when lower layers may add some. */
  list(dir: string): string[] {
    if (this.#unknownBase && !this.#isComplete(dir)) throw new Undecided(`the entries of /${dir}`);
    return [...(this.#children.get(dir) ?? [])].map(baseOf).sort();
  }

  #isComplete(dir: string): boolean {
    if (this.#complete.has(dir)) return true;
    // A directory under a complete one was created by the layers read, so it is complete too.
    for (let at = dir; at !== ''; ) {
      at = parentOf(at);
      if (this.#complete.has(at)) return true;
      if (this.#gone.has(at)) return true;
    }
    return this.#gone.has(dir);
  }

  set(path: string, node: TreeNode): void {
    if (path === '') return;
    const parent = parentOf(path);
    if (this.#nodes.get(parent)?.kind !== 'dir') throw new Error(`internal: parent of ${path} is not a directory`);
    if (this.#nodes.has(path) && node.kind !== 'dir') this.removeAll(path);
    // A directory made where nothing of the base can be has no hidden entries.
    if (node.kind === 'dir' && this.#unknownBase && !this.#nodes.has(path) && this.peek(path) === 'absent') this.#complete.add(path);
    this.#nodes.set(path, node);
    this.#children.get(parent)?.add(path);
    if (node.kind === 'dir' && !this.#children.has(path)) this.#children.set(path, new Set());
  }

  /** os.RemoveAll: the path and everything under it. */
  removeAll(path: string): void {
    if (path === '') return;
    if (this.#unknownBase) this.#gone.add(path);
    if (!this.#nodes.has(path)) return;
    const stack = [path];
    while (stack.length > 0) {
      const p = stack.pop() as string;
      for (const child of this.#children.get(p) ?? []) stack.push(child);
      this.#children.delete(p);
      this.#nodes.delete(p);
    }
    this.#children.get(parentOf(path))?.delete(path);
  }

  /** Every path under `dir` (not `dir` itself). */
  descendants(dir: string): string[] {
    const out: string[] = [];
    const stack = [...(this.#children.get(dir) ?? [])];
    while (stack.length > 0) {
      const p = stack.pop() as string;
      out.push(p);
      for (const child of this.#children.get(p) ?? []) stack.push(child);
    }
    return out;
  }

  /**
   * Walks `components` from `start`, following symlinks inside the tree. `mode: 'root-path'`
   * is containerd's fs.RootPath (a missing component ends the walk; the rest is appended as
   * written); `mode: 'open'` is the kernel opening a path (a missing component is ENOENT).
   * `followLast: false` stops at a final symlink (lstat).
   */
  resolve(components: readonly string[], mode: 'root-path' | 'open', followLast = true): Resolved {
    const limit = mode === 'root-path' ? ROOT_PATH_LINKS : KERNEL_LINKS;
    let links = 0;
    const todo = [...components].reverse();
    let at = '';
    let lexical = false;
    while (todo.length > 0) {
      const part = todo.pop() as string;
      if (part === '' || part === '.') continue;
      if (part === '..') {
        at = parentOf(at);
        continue;
      }
      const next = joinPath(at, part);
      if (lexical) {
        at = next;
        continue;
      }
      const node = this.get(next);
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
    const node = this.get(at);
    if (!node) return { kind: 'missing', path: at };
    return { kind: 'found', path: at, node };
  }

  /** The physical path containerd writes a parent path to (fs.RootPath); throws when it cannot. */
  rootPath(components: readonly string[]): string {
    const r = this.resolve(components, 'root-path');
    if (r.kind === 'error') throw new UnpackError(r.detail);
    return r.path;
  }

  /** mkdir -p of an already resolved path; a non-directory on the way fails the unpack. */
  mkdirAll(path: string): void {
    if (path === '') return;
    let at = '';
    for (const part of path.split('/')) {
      at = joinPath(at, part);
      const node = this.get(at);
      if (!node) this.set(at, { kind: 'dir' });
      else if (node.kind !== 'dir') throw new UnpackError(`/${at} is not a directory`);
    }
  }

  /** Opaque whiteout: everything under `dir` that this layer did not unpack goes. */
  clearExcept(dir: string, keep: ReadonlySet<string>): void {
    const walk = (d: string): void => {
      if (this.#unknownBase) this.#complete.add(d);
      for (const child of [...(this.#children.get(d) ?? [])]) {
        if (!keep.has(child)) this.removeAll(child);
        else if (this.#nodes.get(child)?.kind === 'dir') walk(child);
      }
    };
    walk(dir);
  }
}
