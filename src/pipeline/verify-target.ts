// Which copy of the image verification reads, always by the digest that was built, before any
// tag exists: the OCI archive when the build wrote one (also for loads and archive-route
// pushes), else the registry by digest, else the engine's image store (CLI `verify --images
// docker-daemon:name:tag`).
import { InputError } from '../errors.js';
import type { VerifyTarget } from '../image/verify-image.js';
import { parseImageReference } from '../oci/reference.js';
import { dockerCredentials } from '../oci/docker-credentials.js';
import type { PipelineResult } from './pipeline.js';
import type { Plan } from './plan.js';

export interface ChosenTarget {
  readonly target: VerifyTarget;
  /** For the log: what is being read. */
  readonly label: string;
}

function registryOf(reference: string): string {
  try {
    return parseImageReference(reference).registry;
  } catch (error) {
    throw new InputError('images', {
      got: JSON.stringify(reference),
      expected: 'an image reference such as ghcr.io/org/one-api@sha256:… or ghcr.io/org/one-api:tag',
      fix: 'fix the image reference',
    }, { cause: error });
  }
}

function registryTarget(reference: string, dockerConfig: string | undefined): ChosenTarget {
  const registry = registryOf(reference);
  const lookup = dockerCredentials(dockerConfig);
  return { target: { kind: 'registry', reference, credentials: () => lookup(registry) }, label: reference };
}

export function verifyTarget(plan: Plan, result: PipelineResult, dockerConfig: string | undefined): ChosenTarget | undefined {
  if (plan.mode === 'merge') {
    const image = plan.merge.images[0];
    return image && result.merged ? registryTarget(`${image}@${result.merged.digest}`, dockerConfig) : undefined;
  }
  if (plan.mode === 'verify') {
    const source = plan.source;
    if (!source) return undefined;
    if (source.kind === 'archive') return { target: { kind: 'oci-archive', path: source.path }, label: source.path };
    // The registry, by tag or digest; the local engine only when asked for by the prefix.
    if (source.kind === 'engine') return { target: { kind: 'docker', reference: source.reference }, label: `${source.reference} (local engine)` };
    return registryTarget(source.reference, dockerConfig);
  }
  const built = result.built;
  if (plan.mode !== 'build' || !built) return undefined;
  // What ships is what gets checked, before any tag exists: this run's own archive as written
  // (whose bytes are what was pushed by digest or will be loaded), else the registry by digest.
  if (built.ociArchive) {
    return { target: { kind: 'oci-archive', path: built.ociArchive }, label: built.archive ?? 'the built image (OCI archive)' };
  }
  const image = plan.buildOptions.images[0];
  if (built.digest && image && plan.buildOptions.push) return registryTarget(`${image}@${built.digest}`, dockerConfig);
  return undefined;
}
