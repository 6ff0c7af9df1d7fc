// The `images` and `tags` inputs checked against the one reference grammar
// (src/oci/reference.ts): what the engine would reject fails here, naming the input. Pure.
import { InputError } from '../errors.js';
import type { InputName } from '../inputs/names.js';
import { nameProblem, splitTag, TAG_RE } from '../oci/reference.js';

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
