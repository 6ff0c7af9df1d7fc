// Merge mode's inputs: `merge-digests` (the digests the per-platform jobs pushed), the image
// names and the tags the merged index gets. Tags follow the build's rules (naming.ts, tags.ts).
// Read in two steps so plan.ts can reject every bad input before git is asked for the default
// version: `readMergeInputs` (no git), then `resolveMerge` (git's facts). Pure.
import { InputError } from '../errors.js';
import type { RawInputs } from '../inputs/names.js';
import { parseBoolean, parseList } from '../inputs/scalars.js';
import { DIGEST_RE } from '../oci/digest.js';
import { nameTags, readNaming, type Naming } from './naming.js';

const BARE_HEX = /^[a-f0-9]{64}$/;

/** Where the default version comes from when `version` is empty (as for a build). */
export interface MergeFacts {
  readonly gitRef?: string | undefined;
  readonly sha?: string | undefined;
}

export interface MergeOptions {
  /** Image names (no tag); the digests are read from the first, every tag is pushed. */
  readonly images: readonly string[];
  /** Digests pushed by the per-platform jobs, `sha256:<64 hex>`, in input order, no duplicates. */
  readonly digests: readonly string[];
  /** Full `name:tag` references for the index: version tags on every image, then `tags`. */
  readonly tags: readonly string[];
  /** The version the tags came from. */
  readonly version?: string;
  /** The version's main tag, the `version` output (naming.ts). */
  readonly versionTag?: string;
  /** `index:key=value` annotations for the index (`imagetools create --annotation`). */
  readonly annotations?: readonly string[];
}

/** `merge-digests` as a list of `sha256:…`; a bare 64-hex digest (the artifact file name Docker's docs use) gets the prefix. */
export function parseMergeDigests(raw: string): string[] {
  const seen = new Set<string>();
  for (const item of parseList(raw)) {
    const digest = BARE_HEX.test(item) ? `sha256:${item}` : item;
    if (!DIGEST_RE.test(digest)) {
      throw new InputError('merge-digests', {
        got: JSON.stringify(item),
        expected: 'sha256:<64 lower-case hex digits>, one per line or comma-separated',
        fix: 'pass the `digest` output of each per-platform job (push-by-digest: true) unchanged',
      });
    }
    seen.add(digest);
  }
  return [...seen];
}

/** Merge inputs checked without git: the default version is applied by `resolveMerge`. */
export interface MergeDraft {
  readonly digests: readonly string[];
  readonly naming: Naming;
}

/**
 * The merge draft when `merge-digests` is set, else `undefined` (a normal build). Rejects
 * combinations that cannot mean anything in merge mode, before Docker runs.
 */
export function readMergeInputs(raw: RawInputs): MergeDraft | undefined {
  if (raw('merge-digests').trim() === '') return undefined;
  const digests = parseMergeDigests(raw('merge-digests'));
  if (digests.length === 0) {
    throw new InputError('merge-digests', {
      got: JSON.stringify(raw('merge-digests')),
      expected: 'at least one sha256:… digest',
      fix: 'pass the digests of the per-platform jobs, or leave merge-digests empty to build',
    });
  }
  if (parseBoolean('push-by-digest', raw('push-by-digest'), false)) {
    throw new InputError('push-by-digest', {
      got: 'true together with merge-digests',
      expected: 'push-by-digest in the per-platform jobs, merge-digests in the merge job',
      fix: 'set push-by-digest: true only in the per-platform jobs; the merge job sets merge-digests',
    });
  }
  for (const name of ['archive', 'base-image'] as const) {
    if (raw(name).trim() !== '') {
      throw new InputError(name, {
        got: JSON.stringify(raw(name)),
        expected: `no ${name} in merge mode (merge-digests is set, so no build runs)`,
        fix: `move ${name} to the per-platform jobs, or leave merge-digests empty`,
      });
    }
  }
  const naming = readNaming(raw);
  if (naming.images.length === 0) {
    throw new InputError('images', {
      got: '""',
      expected: 'the image name(s) the per-platform jobs pushed to, e.g. ghcr.io/org/one-api',
      fix: 'set images: to the same value as in the per-platform jobs',
    });
  }
  return { digests, naming };
}

/** The draft plus git's facts (the default version) → the merge options. */
export function resolveMerge(draft: MergeDraft, facts: MergeFacts = {}): MergeOptions {
  const { tags, version, versionTag } = nameTags(draft.naming, { ref: facts.gitRef, sha: facts.sha });
  if (tags.length === 0) {
    throw new InputError('version', {
      got: '(empty, and no git tag or commit known)',
      expected: 'a version (or tags) to tag the merged index with',
      fix: 'set version (e.g. v1.2.3) or tags in the merge job',
    });
  }
  return { images: draft.naming.images, digests: draft.digests, tags, ...(version !== undefined ? { version } : {}), ...(versionTag !== undefined ? { versionTag } : {}) };
}

/** `readMergeInputs` then `resolveMerge`: undefined when merge-digests is empty. */
export function parseMergeInputs(raw: RawInputs, facts: MergeFacts = {}): MergeOptions | undefined {
  const draft = readMergeInputs(raw);
  return draft && resolveMerge(draft, facts);
}
