// Paths inside image layers, cleaned the way the runtime cleans them before unpacking:
// Go's filepath.Clean (lexical: `a/x/../b` → `a/b`), then joined under the root with `..`
// clamped there (containerd's fs.RootPath). Paths are kept relative, without a leading `/`
// (`''` is the root). Pure.

export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_MARKER = '.wh..wh..opq';
/** AUFS metadata (`.wh..wh.plnk` and the like): containerd skips names that start with it. */
export const WHITEOUT_META_PREFIX = '.wh..wh.';

/** Components of `name` after a lexical clean with `..` clamped at the root. */
export function cleanComponents(name: string): string[] {
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  return parts;
}

/** `./a/b/`, `/a/b`, `a//b`, `../a/x/../b` → `a/b` (`..` clamped at the root, as containerd does). */
export function normalizeLayerPath(name: string): string {
  return cleanComponents(name).join('/');
}

/** Go's filepath.Clean of a tar entry name, as text (leading `..` of a relative name kept). */
export function goClean(name: string): string {
  const absolute = name.startsWith('/');
  const out: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (absolute) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/** `a/b` + `c` → `a/b/c`; the root is `''`. */
export function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

export function baseOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** True when `path` is `root` or lies under it (`root` = '' is the image root). */
export function isWithin(path: string, root: string): boolean {
  return root === '' || path === root || path.startsWith(`${root}/`);
}
