// Docker's image reference grammar (distribution/reference), enough to reject what the
// engine would: lowercase path components, an optional registry host[:port], tags of
// `[\w][\w.-]{0,127}`. Pure; errors name the input.
import { InputError } from '../errors.js';
import type { InputName } from '../inputs/names.js';

const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;

const PATH_RE = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const DOMAIN_RE = new RegExp(`^${DOMAIN}$`);
export const TAG_RE = /^[\w][\w.-]{0,127}$/;
const NAME_MAX = 255;

/** Where a name's registry ends, the way Docker decides it: a first part with `.` or `:`, or `localhost`. */
function splitDomain(name: string): { domain?: string; path: string } {
  const slash = name.indexOf('/');
  if (slash < 0) return { path: name };
  const first = name.slice(0, slash);
  if (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase()) {
    return { domain: first, path: name.slice(slash + 1) };
  }
  return { path: name };
}

/** Why `name` (no tag, no digest) is not a valid repository name, or undefined when it is. */
export function nameProblem(name: string): string | undefined {
  if (name === '') return 'the name is empty';
  if (name.length > NAME_MAX) return `the name is longer than ${NAME_MAX} characters`;
  const { domain, path } = splitDomain(name);
  // Docker reads an uppercase first part as a registry host; without "." or ":" that is a typo.
  if (domain !== undefined && !/[.:]/.test(domain) && domain !== 'localhost') return 'repository names must be lowercase';
  if (domain !== undefined && !DOMAIN_RE.test(domain)) return `"${domain}" is not a registry host[:port]`;
  if (path !== path.toLowerCase()) return 'repository names must be lowercase';
  if (!PATH_RE.test(path)) return 'each path component must be lowercase letters and digits, separated by ".", "_", "__" or "-"';
  return undefined;
}

/** Splits `name[:tag]` (a digest is not a tag and stays a problem for the caller). */
export function splitTag(ref: string): { name: string; tag?: string } {
  const colon = ref.lastIndexOf(':');
  if (colon > ref.lastIndexOf('/')) return { name: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { name: ref };
}

/** An image name for `images`: a repository without tag or digest. */
export function parseImageName(input: InputName, item: string): string {
  const expected = 'a repository name such as ghcr.io/org/one-api (lowercase, no tag, no digest)';
  if (item.includes('@')) {
    throw new InputError(input, { got: JSON.stringify(item), expected, fix: 'drop the @digest: tags come from version, tag-prefix and tags' });
  }
  const { name, tag } = splitTag(item);
  if (tag !== undefined && TAG_RE.test(tag) && nameProblem(name) === undefined) {
    throw new InputError(input, { got: JSON.stringify(item), expected, fix: `drop ":${tag}" here and put the full tag in "tags" (or set "version")` });
  }
  const problem = nameProblem(item);
  if (problem) throw new InputError(input, { got: JSON.stringify(item), expected, fix: `${problem}; fix the name` });
  return item;
}

/** A full `name:tag` reference for `tags`. */
export function parseFullTag(input: InputName, item: string): string {
  const expected = 'name:tag, e.g. ghcr.io/org/one-api:offline-stable, tag matching [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}';
  const { name, tag } = splitTag(item);
  if (item.includes('@') || tag === undefined) {
    throw new InputError(input, { got: JSON.stringify(item), expected, fix: 'give each extra tag as name:tag' });
  }
  if (!TAG_RE.test(tag)) {
    throw new InputError(input, { got: JSON.stringify(item), expected, fix: `"${tag}" is not a valid tag: use letters, digits, "_", "." and "-", at most 128, not starting with "." or "-"` });
  }
  const problem = nameProblem(name);
  if (problem) throw new InputError(input, { got: JSON.stringify(item), expected, fix: `${problem}; fix the name` });
  return item;
}
