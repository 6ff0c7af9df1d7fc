// docker/metadata-action's `flavor` input, for the tags this action makes from `version`:
// `latest=auto|true|false`, `prefix=…[,onlatest=true|false]`, `suffix=…[,onlatest=true|false]`,
// one per line. The moving tag is metadata-action's: `latest`, with the prefix only under
// `prefix=…,onlatest=true` and the suffix only under `suffix=…,onlatest=true`. One deliberate
// difference, this action's default: with no `prefix=` in flavor, the prefix is `tag-prefix`
// (default `offline-`) and the moving tag is that prefix's own name (`offline`), so an offline
// image never takes the `latest` a repository's online image may hold. `tag-prefix` is the
// older spelling of `prefix=` and stays as a deprecated alias (a notice when set to anything but
// its default); flavor's prefix wins over the default. Pure; errors name the input.
import { InputError } from '../errors.js';
import type { RawInputs } from '../inputs/names.js';
import { parseLines } from '../inputs/scalars.js';

export const LATEST_VALUES = ['auto', 'true', 'false'] as const;
export type Latest = (typeof LATEST_VALUES)[number];

export interface Flavor {
  /** auto: the moving tag for a plain release (x.y.z) only; true: always; false: never. */
  readonly latest: Latest;
  readonly prefix: string;
  /** The moving tag is `${prefix}latest` (metadata-action's onlatest=true). */
  readonly prefixOnLatest: boolean;
  /**
   * The prefix came from `tag-prefix` (no `prefix=` in flavor): without onlatest the moving tag
   * is the prefix's own name (`offline`), this action's default, not metadata-action's `latest`.
   */
  readonly prefixNamesMoving: boolean;
  readonly suffix: string;
  /** The moving tag carries the suffix too. */
  readonly suffixOnLatest: boolean;
}

export const DEFAULT_PREFIX = 'offline-';

const TAG_PART = /^[\w.-]*$/;
const EXPECTED = 'lines of latest=auto|true|false, prefix=<text>[,onlatest=true|false], suffix=<text>[,onlatest=true|false]';

function bad(got: string, fix: string): never {
  throw new InputError('flavor', { got: JSON.stringify(got), expected: EXPECTED, fix });
}

function onLatest(line: string, attrs: readonly string[]): boolean {
  let value = false;
  for (const attr of attrs) {
    const [key, v] = attr.split('=', 2).map((s) => s.trim());
    if (key !== 'onlatest' || (v !== 'true' && v !== 'false')) bad(line, 'only onlatest=true or onlatest=false may follow prefix= or suffix=');
    value = v === 'true';
  }
  return value;
}

function tagPart(input: 'flavor' | 'tag-prefix', value: string, got: string): string {
  if (!TAG_PART.test(value)) {
    throw new InputError(input, { got: JSON.stringify(got), expected: 'letters, digits, "_", "." and "-" (it becomes part of a tag)', fix: 'use a prefix or suffix a tag can hold, e.g. offline-' });
  }
  return value;
}

export interface ParsedFlavor {
  readonly flavor: Flavor;
  /** Set when the deprecated `tag-prefix` was used. */
  readonly notice?: string;
}

export function parseFlavor(raw: RawInputs): ParsedFlavor {
  let latest: Latest = 'auto';
  let prefix: string | undefined;
  let suffix = '';
  let prefixOnLatest = false;
  let suffixOnLatest = false;
  for (const line of parseLines(raw('flavor'))) {
    const [first = '', ...attrs] = line.split(',');
    const eq = first.indexOf('=');
    if (eq <= 0) bad(line, 'write each flavor entry as key=value, e.g. latest=false');
    const key = first.slice(0, eq).trim();
    const value = first.slice(eq + 1).trim();
    if (key === 'latest') {
      if (!(LATEST_VALUES as readonly string[]).includes(value) || attrs.length > 0) bad(line, 'use latest=auto, latest=true or latest=false');
      latest = value as Latest;
    } else if (key === 'prefix') {
      prefix = tagPart('flavor', value, line);
      prefixOnLatest = onLatest(line, attrs);
    } else if (key === 'suffix') {
      suffix = tagPart('flavor', value, line);
      suffixOnLatest = onLatest(line, attrs);
    } else {
      bad(line, `"${key}" is not a flavor this action knows: use latest, prefix or suffix`);
    }
  }
  // tag-prefix keeps its default (offline-) in action.yml, so an old workflow's tags do not
  // change; a value other than the default is the user's and gets the notice.
  const legacy = raw('tag-prefix');
  let notice: string | undefined;
  tagPart('tag-prefix', legacy, legacy);
  if (legacy !== DEFAULT_PREFIX) {
    if (prefix !== undefined && legacy !== '' && prefix !== legacy) {
      throw new InputError('tag-prefix', {
        got: `tag-prefix ${JSON.stringify(legacy)} and flavor prefix=${prefix}`,
        expected: 'one prefix',
        fix: 'remove tag-prefix (deprecated) and keep flavor: prefix=…',
      });
    }
    notice =
      `tag-prefix is deprecated: write flavor: prefix=${legacy} instead (metadata-action's syntax; the same version tags, ` +
      `but the moving tag becomes latest as in metadata-action, or ${legacy}latest with prefix=${legacy},onlatest=true)`;
  }
  const prefixNamesMoving = prefix === undefined;
  prefix ??= legacy;
  const flavor: Flavor = { latest, prefix, prefixOnLatest, prefixNamesMoving, suffix, suffixOnLatest };
  return notice ? { flavor, notice } : { flavor };
}

/** The flavor of a bare prefix given as `tag-prefix` (tests, and callers that know only a prefix). */
export function prefixFlavor(prefix: string): Flavor {
  return { latest: 'auto', prefix, prefixOnLatest: false, prefixNamesMoving: true, suffix: '', suffixOnLatest: false };
}
