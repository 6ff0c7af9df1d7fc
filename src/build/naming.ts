// What an image is called, for builds and merges alike: `images`, `version`, `flavor` (or the
// deprecated `tag-prefix`) and `tags`. docker/metadata-action's outputs pass straight in: its
// `tags` output is full references one per line, and without `images` the names come from
// those tags. Names are lowercased, as metadata-action does (`ghcr.io/${{ github.repository_owner }}`
// may hold capitals); tags keep their case. Reading is pure and needs no git; the version's
// default (the git tag or short commit) is applied by `nameTags` once git has been asked.
import { InputError } from '../errors.js';
import type { RawInputs } from '../inputs/names.js';
import { parseList } from '../inputs/scalars.js';
import { parseFlavor, type Flavor } from './flavor.js';
import { lowercaseName, splitTag, TAG_RE } from '../oci/reference.js';
import { parseFullTag, parseImageName } from './reference.js';
import { defaultVersion, imageTags, sanitizeTag, versionTags } from './tags.js';

export interface Naming {
  /** Image names (no tag): `images`, else the names of the full references in `tags`. */
  readonly images: readonly string[];
  /** True when `images` was empty and the names came from `tags`. */
  readonly imagesFromTags: boolean;
  /** The `version` input, checked; undefined: take it from git. */
  readonly givenVersion?: string;
  readonly flavor: Flavor;
  /** `tags` items: full references (name lowercased) and bare tags, in input order. */
  readonly extraTags: readonly string[];
  /** Deprecation notices to log (tag-prefix). */
  readonly notices: readonly string[];
}

function parseTagItem(item: string): string {
  if (item.includes(':') || item.includes('/')) return parseFullTag('tags', lowercaseName(item));
  if (!TAG_RE.test(item)) {
    throw new InputError('tags', { got: JSON.stringify(item), expected: 'name:tag, or a bare tag [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}', fix: 'fix the tag' });
  }
  return item;
}

function isFull(tag: string): boolean {
  return tag.includes(':') || tag.includes('/');
}

export function readNaming(raw: RawInputs): Naming {
  const { flavor, notice } = parseFlavor(raw);
  const given = parseList(raw('images')).map((item) => parseImageName('images', item.includes('@') ? item : lowercaseName(item)));
  const extraTags = parseList(raw('tags')).map(parseTagItem);
  const bare = extraTags.filter((tag) => !isFull(tag));
  if (bare.length > 0 && given.length === 0) {
    throw new InputError('tags', {
      got: JSON.stringify(bare.join(', ')),
      expected: 'full references (name:tag), or bare tags together with images',
      fix: 'set images (the names bare tags go on) or write the tags as name:tag',
    });
  }
  const images = given.length > 0 ? given : [...new Set(extraTags.filter(isFull).map((tag) => splitTag(tag).name))];
  const version = raw('version').trim();
  if (version !== '' && (!/^[\w.-]+$/.test(version) || !TAG_RE.test(`${flavor.prefix}${version}${flavor.suffix}`))) {
    throw new InputError('version', {
      got: JSON.stringify(raw('version')),
      expected: 'letters, digits, "_", "." and "-" (a tag must be [A-Za-z0-9_][A-Za-z0-9_.-]{0,127} with the prefix and suffix)',
      fix: 'give a version a tag can hold, e.g. v1.2.3 (build metadata such as +sha is not allowed in tags)',
    });
  }
  return {
    images: [...new Set(images)],
    imagesFromTags: given.length === 0 && images.length > 0,
    ...(version !== '' ? { givenVersion: version } : {}),
    flavor,
    extraTags,
    notices: notice ? [notice] : [],
  };
}

/**
 * The version in use, every full tag, and the version's main tag: the first tag made from it
 * (`offline-v1.2.3`), which is what metadata-action's `version` output holds for the same tags
 * (its main tag's text, flavor prefix and suffix included). Version tags go on `images` only when
 * they were given; with names taken from metadata-action's tags there is no main tag of ours.
 */
export function nameTags(naming: Naming, git: { readonly ref?: string | undefined; readonly sha?: string | undefined }): { version?: string; versionTag?: string; tags: string[] } {
  const fallback = naming.givenVersion === undefined ? defaultVersion(git) : undefined;
  const version = naming.givenVersion ?? (fallback === undefined ? undefined : sanitizeTag(fallback));
  // Names taken from metadata-action's tags get exactly those tags, nothing more.
  const tagged = naming.imagesFromTags ? [] : naming.images;
  const made = version === undefined ? [] : versionTags(version, naming.flavor);
  const tags = version === undefined && naming.extraTags.length === 0 ? [] : imageTags(tagged, made, naming.extraTags);
  const versionTag = naming.imagesFromTags ? undefined : made[0];
  return { ...(version !== undefined ? { version } : {}), ...(versionTag !== undefined ? { versionTag } : {}), tags };
}
