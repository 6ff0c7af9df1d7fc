// The platforms a base image has, read from its registry before the build: `platforms: auto`
// takes them (overlay mode), and a requested platform a base (or a Dockerfile's FROM image)
// lacks stops the run naming the image and what it has — instead of buildx's "no match for
// platform in manifest" after minutes of work. Reads through the verifier's registry client
// (src/oci/registry-source.ts); called by `plan` after every input has been checked.
import { missingPlatforms } from '../build/engine-facts.js';
import { InputError } from '../errors.js';
import { credentialsFromDockerConfig } from '../oci/docker-config-auth.js';
import { parseImageReference } from '../oci/reference.js';
import { isAttestation, parseManifest, platformName } from '../oci/media-types.js';
import { registrySource } from '../oci/registry-source.js';
import type { Logger } from '../log/logger.js';

/** An image's platforms (`linux/arm64/v8`…), attestations left out; throws when it cannot be read. */
export type ReadPlatforms = (reference: string) => Promise<string[]>;

export function registryPlatforms(options: { readonly dockerConfig?: string | undefined; readonly fetch?: typeof fetch | undefined }): ReadPlatforms {
  return async (reference) => {
    const { registry } = parseImageReference(reference);
    const credentials = options.dockerConfig ? credentialsFromDockerConfig(options.dockerConfig, registry) : undefined;
    const source = registrySource({ reference, ...(credentials ? { credentials } : {}) }, options.fetch ?? fetch);
    try {
      const root = await source.root();
      const parsed = parseManifest(root.bytes, root.mediaType, reference);
      if (parsed.kind === 'index') return [...new Set(parsed.doc.manifests.filter((m) => !isAttestation(m)).map((m) => platformName(m.platform)))];
      const config = await source.document(parsed.doc.config);
      const json = JSON.parse(config?.toString('utf8') ?? '{}') as { os?: string; architecture?: string; variant?: string };
      return [platformName(json.os && json.architecture ? { os: json.os, architecture: json.architecture, ...(json.variant ? { variant: json.variant } : {}) } : undefined)];
    } finally {
      await source.close();
    }
  };
}

export interface BaseCheck {
  /** Images to check: the overlay's base, or a Dockerfile's FROM images. */
  readonly images: readonly string[];
  /** Requested platforms; undefined for `platforms: auto` (take the first image's). */
  readonly platforms?: readonly string[] | undefined;
}

/**
 * The platforms the build runs for. An unreadable image is a warning (buildx will say more),
 * except for `auto`, which cannot go on without them.
 */
export async function checkBasePlatforms(check: BaseCheck, read: ReadPlatforms, log: Logger): Promise<readonly string[] | undefined> {
  let chosen = check.platforms;
  for (const image of check.images) {
    let available: string[];
    try {
      available = await read(image);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      if (chosen === undefined) {
        throw new InputError('platforms', {
          what: `platforms: auto could not read the platforms of ${image}`,
          got: why,
          expected: 'a base image this run can read from its registry',
          fix: 'list the platforms (e.g. platforms: linux/amd64), or log in to the registry before this step',
        }, { cause: error });
      }
      log.warning(`could not read the platforms of ${image} before the build (${why}); buildx will check them`);
      continue;
    }
    const usable = available.filter((p) => p !== 'unknown/unknown');
    if (chosen === undefined) {
      if (usable.length === 0) {
        throw new InputError('platforms', { what: `platforms: auto found no platform in ${image}`, got: available.join(', ') || '(none)', expected: 'an image with os/arch platforms', fix: 'list the platforms' });
      }
      chosen = usable;
      log.info(`platforms: auto → ${usable.join(', ')} (the platforms of ${image})`);
      continue;
    }
    const missing = missingPlatforms(chosen, usable);
    if (missing.length > 0) {
      throw new InputError('platforms', {
        what: `the base image ${image} has no ${missing.join(', ')}`,
        got: chosen.join(', '),
        expected: `platforms ${image} has: ${usable.join(', ') || '(none)'}`,
        fix: `set platforms to what the base has (e.g. platforms: ${usable.filter((p) => !p.startsWith('unknown')).join(',') || 'linux/amd64'}), use platforms: auto (overlay mode), or pick a base tag published for ${missing.join(', ')}`,
      });
    }
  }
  return chosen;
}
