// The plan's step for an overlay build, on either engine: before anything is built (and before
// prepare may fetch a byte), read what the base serves on every platform of the build, for every
// reader named, and decide what the image carries (decide.ts). A pinned name with other bytes,
// or a platform whose layers cannot be read, stops the run here. A base that cannot be opened
// at all is a warning, as in the platform check: buildx may read it where this run cannot (the
// engine's own store, the builder's credentials), and the registry engine opens it again and
// fails there with its own message.
import { BuildError, VerifyError } from '../errors.js';
import { selectFiles } from '../encoders/selection.js';
import type { ConsumerName } from '../image/consumers.js';
import { layerSummaries } from '../image/layer-summaries.js';
import type { VerifyTarget } from '../image/verify-image.js';
import type { HttpTransport } from '../http/http-request.js';
import type { Logger } from '../log/logger.js';
import { parseBaseImage } from '../oci/base-reference.js';
import { dockerCredentials } from '../oci/docker-credentials.js';
import { ENCODING_NAMES } from '../pins.js';
import type { PrepareOptions } from '../prepare/options.js';
import { decideFloor, type BaseFloor } from './decide.js';
import { readBaseServed, UnreadableBase } from './read-served.js';
import type { BaseServed } from './served.js';

export interface FloorRequest {
  readonly baseImage: string;
  readonly engine: 'buildx' | 'registry';
  readonly platforms: readonly string[];
  readonly cachePath: string;
  /** The readers whose folders count (today's CONSUMERS, or a gateway profile's). */
  readonly readers: readonly ConsumerName[];
  readonly selection: Pick<PrepareOptions, 'encodings' | 'extras'>;
}

export interface FloorDeps {
  readonly log: Logger;
  readonly transport: HttpTransport;
  readonly dockerConfig?: string | undefined;
  /** The verifier's layer summaries (kept-folders.ts layerSummariesDir). */
  readonly summariesDir: string;
}

function targetOf(baseImage: string, dockerConfig: string | undefined): VerifyTarget {
  const base = parseBaseImage(baseImage);
  if (base.kind !== 'registry') return { kind: 'oci-archive', path: base.path, ...(base.tag ? { refName: base.tag } : {}) };
  const lookup = dockerCredentials(dockerConfig);
  return { kind: 'registry', reference: base.reference, credentials: () => lookup(base.ref.registry) };
}

export async function readBaseFloor(request: FloorRequest, deps: FloorDeps): Promise<BaseFloor | undefined> {
  const { log } = deps;
  const selection = selectFiles(request.selection.encodings, request.selection.extras);
  const known = selectFiles(ENCODING_NAMES, request.selection.extras);
  const selected = new Set(selection.map((f) => f.cacheFile));
  const carry = new Set(known.filter((f) => !f.extra && !selected.has(f.cacheFile)).map((f) => f.cacheFile));
  // No log section of its own: a buildx build's prepare may hold one open meanwhile.
  log.info(`reading what ${request.baseImage} serves offline (${request.readers.join(', ')}; ${request.platforms.join(', ')}) before the build`);
  let target: VerifyTarget;
  try {
    target = targetOf(request.baseImage, deps.dockerConfig);
  } catch (error) {
    log.warning(`base-image ${request.baseImage} is not a reference this run can read (${(error as Error).message}): the image is not compared with what its base serves`);
    return undefined;
  }
  let served: BaseServed;
  try {
    served = await readBaseServed(
      { target, platforms: request.platforms, cachePath: request.cachePath, readers: request.readers, known, carry },
      { log, transport: deps.transport, summaries: layerSummaries(deps.summariesDir, (why) => log.info(why)) },
    );
  } catch (error) {
    if (error instanceof UnreadableBase) {
      throw new BuildError(
        {
          what: `cannot read what base-image ${request.baseImage} serves, so the image cannot be held to it (nothing was built)`,
          got: error.problems.map((p) => `${p.platform}: ${p.problems.join('; ')}`).join('\n'),
          fix: 'check the base image and its registry; a zstd layer needs Node ≥ 22.15 (the action runs on node24)',
        },
        { cause: error },
      );
    }
    if (!(error instanceof VerifyError)) throw error;
    const builder = request.engine === 'registry' ? 'the registry engine opens the base again to build on it' : 'buildx reads the base itself';
    log.warning(`could not read what base-image ${request.baseImage} serves before the build (${error.problem.got ?? error.message}); ${builder}, but the image is not compared with the base and nothing is carried from it`);
    return undefined;
  }
  const decision = decideFloor(served, { baseImage: request.baseImage, cachePath: request.cachePath, selection });
  for (const note of decision.notes) log.info(note);
  for (const warning of decision.warnings) log.warning(warning);
  return decision.floor;
}
