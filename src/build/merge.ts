// Merge mode: per-platform jobs (native runners) push by digest; one job merges those digests
// into a single multi-arch index (`docker buildx imagetools create --dry-run` gives its bytes,
// merge-args.ts), pushes it by digest, and — after verification — tags it (publish.ts). The
// inputs are read by merge-inputs.ts, the index bytes by merge-index.ts.
import { BuildError } from '../errors.js';
import { dockerCredentials, type CredentialLookup } from '../oci/docker-credentials.js';
import { parseImageReference, splitTag } from '../oci/reference.js';
import { registrySource } from '../oci/registry-source.js';
import type { Logger } from '../log/logger.js';
import { pushByDigest, withRetry } from '../oci/push-image.js';
import { RegistryFailure } from '../oci/registry-http.js';
import { putManifest } from '../oci/registry-write.js';
import { openRepository, sameRegistry, type RegistryAccess } from '../oci/repository.js';
import { mergeArgs } from './merge-args.js';
import { checkIndexAnnotations, readIndex, type MergedManifest } from './merge-index.js';
import type { MergeOptions } from './merge-inputs.js';
import { runDocker, type DockerDeps, type DockerOutput } from './run.js';
import { httpTransport } from '../http/http-request.js';

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

export interface MergeDeps extends RegistryAccess {
  readonly run: DockerRunner;
  readonly builder?: string | undefined;
  readonly log: Logger;
}

/**
 * Builds the merged index from the digests (`imagetools create --dry-run` gives its bytes) and
 * pushes it BY DIGEST to every repository its tags live in — no tag yet: the caller verifies
 * `images[0]@digest`, then tags it (publish.ts). Before anything is written: a platform that
 * appears twice (two jobs built the same platform) is an error, the index would be ambiguous;
 * so is an annotation the index cannot hold (merge-index.ts).
 */
export async function mergeImages(options: MergeOptions, deps: MergeDeps): Promise<MergeResult> {
  const tags = [...new Set(options.tags)];
  const builderOption = deps.builder ? { builder: deps.builder } : {};
  const argv = mergeArgs(options.images, tags, options.digests, { ...builderOption, ...(options.annotations ? { annotations: options.annotations } : {}) });
  const printed = await dryRun(() => deps.run(argv, { echo: false, what: 'docker buildx imagetools create --dry-run' }));
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
  checkIndexAnnotations(raw, options.annotations ?? []);
  const bytes = Buffer.from(raw, 'utf8');
  const mediaType = (JSON.parse(raw) as { mediaType?: string }).mediaType ?? 'application/vnd.oci.image.index.v1+json';
  const [first, ...others] = [...new Set([...options.images, ...tags.map((t) => splitTag(t).name)])];
  const log = deps.log;
  try {
    const http = openRepository(first as string, deps);
    await withRetry(`PUT ${first}@${index.digest}`, () => putManifest(http, index.digest, bytes, mediaType), { log });
    for (const name of others) {
      const source = registrySource({ reference: `${first}@${index.digest}`, ...credentialsFor(first as string, deps) }, deps.transport ?? httpTransport());
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

async function dryRun(run: () => Promise<DockerOutput>): Promise<DockerOutput> {
  try {
    return await run();
  } catch (error) {
    const got = error instanceof BuildError ? (error.problem.got ?? error.message) : String(error);
    throw new BuildError(
      {
        what: 'docker buildx imagetools create failed while merging the per-platform digests',
        got,
        expected: 'every digest pushed to the first image name, and push access to every tag',
        fix: 'check that the per-platform jobs pushed to the same images and that the merge job is logged in to every registry',
      },
      { cause: error },
    );
  }
}
