// Reads what a base image serves (served.ts) on the platforms a build makes, through the
// verifier: one index reader, one layer reader, the layer summaries of earlier runs (a base
// read before is not read again), only the platforms asked for. The verifier's own per-platform
// lines (which would say FAILED: the base is not expected to hold every file) go to debug.
import { expectedFile } from '../image/expectations.js';
import type { ConsumerName } from '../image/consumers.js';
import type { LayerSummaries } from '../image/layer-summaries.js';
import type { Expectations } from '../image/report.js';
import { verifyImage, type VerifyTarget } from '../image/verify-image.js';
import type { SelectedFile } from '../encoders/selection.js';
import type { HttpTransport } from '../http/http-request.js';
import type { Logger } from '../log/logger.js';
import type { ReadLimits } from '../oci/read-limits.js';
import { servedJudge, type BaseServed, type PlatformServes } from './served.js';

export interface ServedRequest {
  readonly target: VerifyTarget;
  readonly platforms: readonly string[];
  /** The build's cache-path (the verifier hashes files under it too). */
  readonly cachePath: string;
  readonly readers: readonly ConsumerName[];
  /** Every file the pins and extra-encoders know: what a folder may serve. */
  readonly known: readonly SelectedFile[];
  /** Cache files whose bytes to keep (the ones a build would carry). */
  readonly carry: ReadonlySet<string>;
}

export interface ServedDeps {
  readonly log: Logger;
  readonly transport?: HttpTransport;
  readonly summaries?: LayerSummaries;
  readonly limits?: ReadLimits;
}

/** A platform of the base that could not be read: what is served there is unknown. */
export class UnreadableBase extends Error {
  constructor(
    readonly image: string,
    readonly problems: ReadonlyArray<{ readonly platform: string; readonly problems: readonly string[] }>,
  ) {
    super(`${image}: ${problems.map((p) => `${p.platform}: ${p.problems.join('; ')}`).join(' | ')}`);
  }
}

function quiet(log: Logger): Logger {
  return { info: (m) => log.debug(m), notice: (m) => log.debug(m), warning: (m) => log.warning(m), debug: (m) => log.debug(m), group: async (_title, body) => body() };
}

/** Throws VerifyError when the base cannot be opened, UnreadableBase when a platform's layers cannot be read. */
export async function readBaseServed(request: ServedRequest, deps: ServedDeps): Promise<BaseServed> {
  const expectations: Expectations = { cachePath: request.cachePath, files: request.known.map(expectedFile), consumers: request.readers };
  const byPlatform = new Map<string, PlatformServes>();
  const judge = servedJudge(request.readers, request.carry, (serves) => byPlatform.set(serves.platform, serves));
  const report = await verifyImage(request.target, expectations, {
    log: quiet(deps.log),
    platforms: request.platforms,
    judge,
    ...(deps.transport ? { transport: deps.transport } : {}),
    ...(deps.summaries ? { summaries: deps.summaries } : {}),
    ...(deps.limits ? { limits: deps.limits } : {}),
  });
  const failed = report.platforms.filter((p) => p.problems.length > 0 || !byPlatform.has(p.platform));
  if (failed.length > 0) throw new UnreadableBase(report.image, failed.map((p) => ({ platform: p.platform, problems: p.problems.length > 0 ? p.problems : ['not read'] })));
  return { image: report.image, digest: report.digest, platforms: report.platforms.map((p) => byPlatform.get(p.platform) as PlatformServes) };
}
