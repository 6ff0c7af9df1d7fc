// Paths inside image layers: normalised (no leading `/` or `./`, no trailing `/`), and the
// OCI whiteout markers that delete lower-layer content. Pure.

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

/** `./a/b/`, `/a/b`, `a//b` → `a/b`; undefined for names that climb out of the root. */
export function normalizeLayerPath(name: string): string | undefined {
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return undefined;
    parts.push(part);
  }
  return parts.join('/');
}

export type PathKind =
  | { readonly kind: 'plain'; readonly path: string }
  | { readonly kind: 'whiteout'; readonly path: string }
  | { readonly kind: 'opaque'; readonly dir: string };

/** What a normalised entry path means: a real entry, a deleted path, or an opaque directory. */
export function classifyLayerPath(path: string): PathKind {
  const slash = path.lastIndexOf('/');
  const dir = slash === -1 ? '' : path.slice(0, slash);
  const base = path.slice(slash + 1);
  if (base === OPAQUE) return { kind: 'opaque', dir };
  if (base.startsWith(WHITEOUT)) {
    const target = base.slice(WHITEOUT.length);
    return { kind: 'whiteout', path: dir ? `${dir}/${target}` : target };
  }
  return { kind: 'plain', path };
}

/** True when `path` is `root` or lies under it (`root` = '' is the image root). */
export function isWithin(path: string, root: string): boolean {
  return root === '' || path === root || path.startsWith(`${root}/`);
}

/** True when `path` is a strict ancestor of `of`. */
export function isAncestor(path: string, of: string): boolean {
  return path === '' ? of !== '' : of.startsWith(`${path}/`);
}

/** Resolves a symlink target against the link's directory; undefined if it leaves the root. */
export function resolveLink(linkPath: string, target: string): string | undefined {
  if (target.startsWith('/')) return normalizeLayerPath(target);
  const slash = linkPath.lastIndexOf('/');
  const dir = slash === -1 ? '' : linkPath.slice(0, slash);
  const parts: string[] = dir ? dir.split('/') : [];
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      // At the root `..` stays at the root, as the kernel does.
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  return parts.join('/');
}
