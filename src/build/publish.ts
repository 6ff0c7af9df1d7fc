// After verification: the tags. Each registry tag is a PUT of the exact root bytes that were
// pushed by digest and verified (same digest, nothing rebuilt or re-serialised); a load is
// `docker load` of the verified archive (un-named, so it lands untagged) and a `docker tag` per
// tag. Every tag is tried; the result says which exist now. A refused tag is a PublishError that
// names the verified digest, so a rerun can tag it without rebuilding.
import { PublishError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { nameArchive } from '../oci/name-archive.js';
import { withRetry } from '../oci/push-image.js';
import { RegistryFailure } from '../oci/registry-http.js';
import { getManifest, putManifest } from '../oci/registry-write.js';
import { openRepository, type RegistryAccess } from '../oci/repository.js';
import type { BuildResult } from './build.js';
import type { BuildOptions } from './options.js';
import { splitTag } from '../oci/reference.js';
import { runDocker } from './run.js';

export interface TagState {
  /** Full `name:tag` reference. */
  readonly ref: string;
  /** `registry` (pushed), `local` (the engine's image store, after a load) or `archive` (the archive's image name). */
  readonly where: 'registry' | 'local' | 'archive';
  readonly published: boolean;
  /** Why it was not published (refused, or verification failed first). */
  readonly reason?: string;
}

export interface PublishDeps extends RegistryAccess {
  readonly log: Logger;
  readonly docker?: string | undefined;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Every tag the options ask for, none published yet (the state before publish, or after a failed verification). */
export function plannedTags(options: BuildOptions, reason?: string): TagState[] {
  if (options.pushByDigest) return [];
  const where: Array<TagState['where']> = [...(options.push ? (['registry'] as const) : []), ...(options.load ? (['local'] as const) : []), ...(options.archive ? (['archive'] as const) : [])];
  return where.flatMap((w) => options.tags.map((ref) => ({ ref, where: w, published: false, ...(reason ? { reason } : {}) })));
}

/** PUTs the root's exact bytes under every tag (in the tag's repository); every tag is tried. */
export async function tagInRegistry(image: { readonly digest: string; readonly root?: { readonly bytes: Buffer; readonly mediaType: string } | undefined }, tags: readonly string[], deps: PublishDeps): Promise<TagState[]> {
  const digest = image.digest;
  let root: Promise<{ readonly bytes: Buffer; readonly mediaType: string }> | undefined = image.root ? Promise.resolve(image.root) : undefined;
  // Side by side: each tag is one PUT of the same bytes, and a refused one does not stop the others.
  return Promise.all(
    tags.map(async (ref): Promise<TagState> => {
      const { name, tag } = splitTag(ref);
      try {
        const http = openRepository(name, deps);
        root ??= getManifest(http, digest);
        const { bytes, mediaType } = await root;
        await withRetry(`PUT ${ref}`, () => putManifest(http, tag ?? 'latest', bytes, mediaType), deps);
        deps.log.info(`tagged ${ref} → ${digest}`);
        return { ref, where: 'registry', published: true };
      } catch (error) {
        const reason = error instanceof RegistryFailure ? `${error.message} (${error.fix})` : (error as Error).message;
        deps.log.warning(`could not tag ${ref}: ${reason}`);
        return { ref, where: 'registry', published: false, reason };
      }
    }),
  );
}

async function localTags(built: BuildResult, tags: readonly string[], deps: PublishDeps): Promise<TagState[]> {
  const docker = { log: deps.log, docker: deps.docker, env: deps.env };
  if (!built.ociArchive) throw new Error('a load needs the verified OCI archive');
  const loaded = await runDocker(['load', '--input', built.ociArchive], docker, { what: 'docker load' });
  const id = /Loaded image(?: ID)?:\s*(\S+)/.exec(loaded.stdout)?.[1] ?? built.digest;
  const states: TagState[] = [];
  for (const ref of tags) {
    try {
      await runDocker(['tag', id ?? '', ref], docker, { what: 'docker tag' });
      states.push({ ref, where: 'local', published: true });
    } catch (error) {
      states.push({ ref, where: 'local', published: false, reason: (error as Error).message });
    }
  }
  return states;
}

/** Creates every tag of a verified build; throws PublishError (after trying all) when one was refused. */
export async function publish(built: BuildResult, options: BuildOptions, deps: PublishDeps): Promise<TagState[]> {
  if (!built.digest) return [];
  const tags = options.pushByDigest ? [] : options.tags;
  const states: TagState[] = [];
  if (options.push && tags.length > 0) states.push(...(await deps.log.group(`Tag ${built.digest} in the registry`, () => tagInRegistry({ digest: built.digest as string, root: built.root }, tags, deps))));
  if (options.archive && tags.length > 0) {
    const archive = options.archive;
    try {
      await nameArchive(archive, tags);
      states.push(...tags.map((ref) => ({ ref, where: 'archive' as const, published: true })));
    } catch (error) {
      states.push(...tags.map((ref) => ({ ref, where: 'archive' as const, published: false, reason: (error as Error).message })));
    }
  }
  if (options.load) states.push(...(await deps.log.group('docker load (verified archive), then docker tag', () => localTags(built, tags, deps))));
  assertPublished(states, built.digest, options.images[0], options.verify);
  return states;
}

/** Throws a PublishError naming the verified digest when a tag could not be created. */
export function assertPublished(states: readonly TagState[], digest: string, image: string | undefined, verified: boolean): void {
  const refused = states.filter((s) => !s.published);
  if (refused.length > 0) {
    throw new PublishError(
      {
        what: `${refused.length} of ${states.length} tag(s) could not be created for ${digest} (it was built and pushed by digest${verified ? ' and passed verification' : ''})`,
        got: refused.map((s) => `${s.ref} (${s.where}): ${s.reason ?? 'refused'}`).join('\n  '),
        expected: 'push access to every tag',
        fix: `the image is ${image ? `${image}@${digest}` : digest} (the digest output); fix the access and tag it without rebuilding, e.g. docker buildx imagetools create -t <tag> ${image ?? '<image>'}@${digest}`,
      },
      [...states],
    );
  }
}
