// Version → tags, the way release images are usually tagged: a release `v1.2.3` with prefix
// `offline-` gives offline-v1.2.3, offline-v1.2, offline-v1 and the moving `offline`. The
// version's own spelling is kept (`1.2.3` gives offline-1.2.3, offline-1.2, offline-1,
// offline). A 0.x release gets no major-only tag (0.x minors may break). A prerelease or a
// version with build metadata gives only its full tag; anything else one sanitized tag.
// metadata-action's flavor (flavor.ts) adds a suffix and decides the moving tag. Pure.
import { prefixFlavor, type Flavor } from './flavor.js';
import { TAG_RE } from '../oci/reference.js';

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

/**
 * The moving tag of a flavor, as metadata-action makes it: `latest`, `${prefix}latest` with the
 * prefix's onlatest, plus the suffix with its onlatest. A prefix from `tag-prefix` (this
 * action's default, `offline-`) names it instead: `offline`.
 */
export function flavorMovingTag(flavor: Flavor): string {
  const base = flavor.prefixOnLatest ? `${flavor.prefix}latest` : flavor.prefixNamesMoving ? movingTag(flavor.prefix) : 'latest';
  return flavor.suffixOnLatest ? `${base}${flavor.suffix}` : base;
}

/**
 * Tags (without image names) that `version` gives under a flavor (or a bare prefix). The
 * moving tag follows `latest`: auto gives it to a plain release only, true always, false never.
 */
export function versionTags(version: string, flavorOrPrefix: Flavor | string): string[] {
  const flavor = typeof flavorOrPrefix === 'string' ? prefixFlavor(flavorOrPrefix) : flavorOrPrefix;
  const { prefix, suffix } = flavor;
  const match = SEMVER.exec(version);
  const [, v = '', major = '', minor = '', , pre, build] = match ?? [];
  const release = match !== null && pre === undefined && build === undefined;
  const tags = release ? [`${prefix}${version}${suffix}`, `${prefix}${v}${major}.${minor}${suffix}`] : [sanitizeTag(`${prefix}${version}${suffix}`)];
  if (release && major !== '0') tags.push(`${prefix}${v}${major}${suffix}`);
  if (flavor.latest === 'true' || (flavor.latest === 'auto' && release)) tags.push(flavorMovingTag(flavor));
  return [...new Set(tags.filter((tag) => TAG_RE.test(tag)))];
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
