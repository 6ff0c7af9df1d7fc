// Version → tags, the way release images are usually tagged: a release `v1.2.3` with prefix
// `offline-` gives offline-v1.2.3, offline-v1.2, offline-v1 and the moving `offline`. The
// version's own spelling is kept (`1.2.3` gives offline-1.2.3, offline-1.2, offline-1,
// offline). A 0.x release gets no major-only tag (0.x minors may break). A prerelease or a
// version with build metadata gives only its full tag; anything else one sanitized tag. Pure.
import { TAG_RE } from './reference.js';

const SEMVER = /^(v?)(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const TAG_MAX = 128;

/** Characters a tag can't hold become `-`; the result starts with a word character, ≤128 long. */
export function sanitizeTag(text: string): string {
  const cleaned = text.replace(/[^\w.-]/g, '-').replace(/^[.-]+/, '');
  return cleaned.slice(0, TAG_MAX);
}

/** The moving tag for a prefix: `offline-` → `offline`; no prefix → `latest`. */
export function movingTag(prefix: string): string {
  const trimmed = prefix.replace(/[-._]+$/, '');
  return trimmed === '' ? 'latest' : trimmed;
}

/** Tags (without image names) that `version` gives under `prefix`. */
export function versionTags(version: string, prefix: string): string[] {
  const match = SEMVER.exec(version);
  if (!match) return [sanitizeTag(`${prefix}${version}`)];
  const [, v = '', major = '', minor = '', , pre, build] = match;
  if (pre !== undefined || build !== undefined) return [sanitizeTag(`${prefix}${version}`)];
  const tags = [`${prefix}${version}`, `${prefix}${v}${major}.${minor}`];
  if (major !== '0') tags.push(`${prefix}${v}${major}`);
  tags.push(movingTag(prefix));
  return tags.filter((tag) => TAG_RE.test(tag));
}

/**
 * Every version tag on every image, then the explicit ones: a full `name:tag` is kept as is,
 * a bare tag goes on every image. Duplicates dropped, order kept.
 */
export function imageTags(images: readonly string[], tags: readonly string[], extra: readonly string[]): string[] {
  const out: string[] = [];
  for (const image of images) for (const tag of tags) out.push(`${image}:${tag}`);
  for (const item of extra) {
    if (item.includes(':') || item.includes('/')) out.push(item);
    else for (const image of images) out.push(`${image}:${item}`);
  }
  return [...new Set(out)];
}

/** The default version: the git tag of the run (`refs/tags/…`), else the short commit. */
export function defaultVersion(git: { readonly ref?: string | undefined; readonly sha?: string | undefined }): string | undefined {
  if (git.ref?.startsWith('refs/tags/')) return git.ref.slice('refs/tags/'.length);
  if (git.sha) return git.sha.slice(0, 7);
  return undefined;
}
