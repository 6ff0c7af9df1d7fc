// The `engine` input and the rules the registry engine adds to the build inputs: overlay mode
// only, no load (there is no daemon to load into), no build-args (nothing runs), and a base
// it can read (a registry reference, oci-layout://DIR[:TAG] or oci-archive://FILE[:TAG]).
// Pure; every error names the input and the fix, before any network call.
import { InputError } from '../errors.js';
import type { RawInputs } from '../inputs/names.js';
import { parseBaseImage } from '../oci/base-reference.js';
import type { BuildOptions } from './options.js';

export const ENGINES = ['buildx', 'registry'] as const;
export type BuildEngine = (typeof ENGINES)[number];

export function parseEngine(raw: RawInputs): BuildEngine {
  const value = raw('engine').trim() || 'buildx';
  if (!(ENGINES as readonly string[]).includes(value)) {
    throw new InputError('engine', { got: JSON.stringify(value), expected: ENGINES.join(' or '), fix: 'set engine to buildx (the default) or registry (overlay mode without Docker)' });
  }
  return value as BuildEngine;
}

/** Throws when the build inputs ask for something the registry engine cannot do. */
export function checkRegistryEngine(options: BuildOptions, raw: RawInputs): void {
  if (options.mode.kind !== 'overlay') {
    throw new InputError('engine', {
      got: 'registry, without base-image',
      expected: 'engine: registry together with base-image (overlay mode)',
      fix: 'set base-image to the image to make offline, or use engine: buildx for Dockerfile builds',
    });
  }
  try {
    parseBaseImage(options.mode.baseImage);
  } catch (error) {
    throw new InputError('base-image', {
      got: JSON.stringify(options.mode.baseImage),
      expected: 'a registry reference (host/name:tag or @sha256:…), oci-layout://DIR[:TAG] or oci-archive://FILE[:TAG]',
      fix: (error as Error).message,
    }, { cause: error });
  }
  if (options.load) {
    throw new InputError('load', { got: 'true with engine: registry', expected: 'push and/or archive', fix: 'push the image or write an archive (then `docker load -i` it), or use engine: buildx' });
  }
  if (raw('build-args').trim() !== '') {
    throw new InputError('build-args', { got: 'build-args with engine: registry', expected: 'no build-args: the registry engine runs no Dockerfile', fix: 'remove build-args, or use engine: buildx' });
  }
  if (raw('annotations').trim() !== '') {
    // Refused rather than dropped: the registry engine writes its manifests and index without them.
    throw new InputError('annotations', {
      got: 'annotations with engine: registry',
      expected: 'no annotations: the registry engine does not write them into its manifests or index (labels it does apply)',
      fix: 'remove annotations (pass metadata-action\'s labels alone), or use engine: buildx',
    });
  }
  if (!options.push && !options.archive) {
    throw new InputError('engine', { got: 'registry with neither push nor archive', expected: 'push: true (with images) and/or archive: PATH', fix: 'say where the image goes: push to a registry or write an OCI archive' });
  }
}
