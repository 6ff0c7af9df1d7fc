// Merge mode: per-platform jobs (native runners) push by digest; one job merges those digests
// into a single multi-arch index (`docker buildx imagetools create --dry-run` gives its bytes),
// pushes it by digest, and — after verification — tags it (publish.ts). Tags follow the build's rules (tags.ts), names
// the build's grammar (reference.ts). Everything but `mergeImages` is pure.
import { BuildError, InputError } from '../errors.js';
import type { RawInputs } from '../inputs/names.js';
import { parseBoolean, parseList } from '../inputs/scalars.js';
import { dockerCredentials, type CredentialLookup } from '../oci/docker-credentials.js';
import { parseImageReference, splitTag } from '../oci/reference.js';
import { registrySource } from '../oci/registry-source.js';
import type { Logger } from '../log/logger.js';
import { pushByDigest, withRetry } from '../oci/push-image.js';
import { RegistryFailure } from '../oci/registry-http.js';
import { putManifest } from '../oci/registry-write.js';
import { DIGEST_RE as DIGEST } from '../oci/digest.js';
import { openRepository, sameRegistry, type RegistryAccess } from '../oci/repository.js';
import { parseFullTag, parseImageName } from './reference.js';
import { readIndex, type MergedManifest } from './merge-index.js';
import { nameTags, readNaming, type Naming } from './naming.js';
import { runDocker, type DockerDeps, type DockerOutput } from './run.js';

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
  /** `index:key=value` annotations for the index (`imagetools create --annotation`). */
  readonly annotations?: readonly string[];
}

export interface MergeResult {
  /** Digest of the tagged index (sha256 of its exact bytes in the registry). */
  readonly digest: string;
  readonly tags: readonly string[];
  /** `os/arch[/variant]` of every image manifest, attestations left out. */
  readonly platforms: readonly string[];
  readonly manifests: readonly MergedManifest[];
  /** The index as the registry serves it. */
  readonly raw: string;
}

/** Runs `docker <argv>` without a shell and rejects on failure: `dockerRunner(deps)` in the action. */
export type DockerRunner = (argv: readonly string[], options: { echo: boolean; what: string }) => Promise<DockerOutput>;

/** The build core's runner (run.ts): argv only, output to the logger, buildx's message on failure. */
export function dockerRunner(deps: DockerDeps): DockerRunner {
  return (argv, options) => runDocker(argv, deps, options);
}

/** `merge-digests` as a list of `sha256:…`; a bare 64-hex digest (the artifact file name Docker's docs use) gets the prefix. */
export function parseMergeDigests(raw: string): string[] {
  const seen = new Set<string>();
  for (const item of parseList(raw)) {
    const digest = BARE_HEX.test(item) ? `sha256:${item}` : item;
    if (!DIGEST.test(digest)) {
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
  const { tags, version } = nameTags(draft.naming, { ref: facts.gitRef, sha: facts.sha });
  if (tags.length === 0) {
    throw new InputError('version', {
      got: '(empty, and no git tag or commit known)',
      expected: 'a version (or tags) to tag the merged index with',
      fix: 'set version (e.g. v1.2.3) or tags in the merge job',
    });
  }
  return { images: draft.naming.images, digests: draft.digests, tags, ...(version !== undefined ? { version } : {}) };
}

/** `readMergeInputs` then `resolveMerge`: undefined when merge-digests is empty. */
export function parseMergeInputs(raw: RawInputs, facts: MergeFacts = {}): MergeOptions | undefined {
  const draft = readMergeInputs(raw);
  return draft && resolveMerge(draft, facts);
}

/**
 * argv (after `docker`) for `buildx imagetools create --dry-run`: prints the merged index's exact
 * bytes without pushing or tagging anything (sources `image@digest`). `tags` are only checked here.
 */
export function mergeArgs(
  images: readonly string[],
  tags: readonly string[],
  digests: readonly string[],
  options: { builder?: string; annotations?: readonly string[] } = {},
): string[] {
  const source = images[0];
  if (source === undefined) throw new InputError('images', { got: '""', expected: 'at least one image name', fix: 'set images:' });
  parseImageName('images', source);
  if (tags.length === 0) {
    throw new InputError('tags', {
      got: 'no tags',
      expected: 'at least one tag for the merged index',
      fix: 'set version (or run on a tag), or add tags:',
    });
  }
  for (const tag of tags) parseFullTag('tags', tag);
  if (digests.length === 0) throw new InputError('merge-digests', { got: '""', expected: 'at least one digest', fix: 'set merge-digests:' });
  for (const digest of digests) {
    if (!DIGEST.test(digest)) throw new InputError('merge-digests', { got: JSON.stringify(digest), expected: 'sha256:<64 hex>', fix: 'pass each job\'s digest output' });
  }
  const builder = options.builder ? ['--builder', options.builder] : [];
  const annotations = (options.annotations ?? []).flatMap((annotation) => ['--annotation', annotation]);
  return ['buildx', 'imagetools', 'create', ...builder, ...annotations, '--dry-run', ...digests.map((digest) => `${source}@${digest}`)];
}

export { readIndex, type MergedManifest } from './merge-index.js';

export interface MergeDeps extends RegistryAccess {
  readonly run: DockerRunner;
  readonly builder?: string | undefined;
  readonly log: Logger;
}

/**
 * Builds the merged index from the digests (`imagetools create --dry-run` gives its bytes) and
 * pushes it BY DIGEST to every repository its tags live in — no tag yet: the caller verifies
 * `images[0]@digest`, then tags it (publish.ts). A platform that appears twice (two jobs built
 * the same platform) is an error: the index would be ambiguous.
 */
export async function mergeImages(options: MergeOptions, deps: MergeDeps): Promise<MergeResult> {
  const tags = [...new Set(options.tags)];
  const builderOption = deps.builder ? { builder: deps.builder } : {};
  const argv = mergeArgs(options.images, tags, options.digests, { ...builderOption, ...(options.annotations ? { annotations: options.annotations } : {}) });
  const printed = await step(() => deps.run(argv, { echo: false, what: 'docker buildx imagetools create --dry-run' }), 'create');
  const raw = printed.stdout.endsWith('\n') ? printed.stdout.slice(0, -1) : printed.stdout;
  const index = readIndex(raw);
  const platforms = index.manifests.map((m) => m.platform);
  const twice = platforms.filter((p, i) => platforms.indexOf(p) !== i);
  if (twice.length > 0) {
    throw new BuildError({
      what: 'the merged index lists a platform more than once',
      got: platforms.join(', '),
      expected: 'one digest per platform',
      fix: `pass one digest per platform in merge-digests (duplicated: ${[...new Set(twice)].join(', ')})`,
    });
  }
  const bytes = Buffer.from(raw, 'utf8');
  const mediaType = (JSON.parse(raw) as { mediaType?: string }).mediaType ?? 'application/vnd.oci.image.index.v1+json';
  const [first, ...others] = [...new Set([...options.images, ...tags.map((t) => splitTag(t).name)])];
  const log = deps.log;
  try {
    const http = openRepository(first as string, deps);
    await withRetry(`PUT ${first}@${index.digest}`, () => putManifest(http, index.digest, bytes, mediaType), { log });
    for (const name of others) {
      const source = registrySource({ reference: `${first}@${index.digest}`, ...credentialsFor(first as string, deps) }, deps.fetch ?? fetch);
      const target = openRepository(name, deps);
      await pushByDigest(source, target, { log, mountFrom: sameRegistry(http, target) ? http.endpoint.repository : undefined });
    }
  } catch (error) {
    throw new BuildError(
      {
        what: 'pushing the merged index by digest failed (no tag was written)',
        got: (error as Error).message,
        expected: 'every digest pushed to the first image name, and push access to every repository',
        fix: error instanceof RegistryFailure ? error.fix : 'check the registry and rerun the merge job',
      },
      { cause: error },
    );
  }
  return { ...index, tags, raw };
}

function credentialsFor(name: string, access: RegistryAccess): { credentials: () => ReturnType<CredentialLookup> } {
  const lookup = access.credentials ?? dockerCredentials(access.dockerConfig);
  return { credentials: () => lookup(parseImageReference(name).registry) };
}

async function step(run: () => Promise<DockerOutput>, verb: 'create'): Promise<DockerOutput> {
  try {
    return await run();
  } catch (error) {
    const got = error instanceof BuildError ? (error.problem.got ?? error.message) : String(error);
    throw new BuildError(
      {
        what: `docker buildx imagetools ${verb} failed while merging the per-platform digests`,
        got,
        expected: 'every digest pushed to the first image name, and push access to every tag',
        fix: 'check that the per-platform jobs pushed to the same images and that the merge job is logged in to every registry',
      },
      { cause: error },
    );
  }
}
