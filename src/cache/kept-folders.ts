// Where a machine keeps what one run leaves for the next: `$RUNNER_TEMP/…` in Actions (this
// job's later steps), else under the cache root (later runs too). Each folder is used only when
// it is this user's alone (private-folder.ts); cache-dir may hold none of them (prepare/options.ts).
import { join } from 'node:path';

/** The verifier's layer summaries, and the registry engine's compressed layers beside them. */
export function layerSummariesDir(runnerTemp: string | undefined, defaultCacheRoot: string): string {
  return join(runnerTemp ?? defaultCacheRoot, 'oneapi-offline-layer-summaries');
}

/** The image blobs Engine's builds keep for the next export (build/layout-pool.ts). */
export function engineBlobsDir(runnerTemp: string | undefined, defaultCacheRoot: string): string {
  return join(runnerTemp ?? defaultCacheRoot, 'oneapi-offline-engine-blobs');
}

/** The attestations' Statements (the `attestation` output): read by the job's later steps (actions/attest). */
export function attestationsDir(runnerTemp: string | undefined, defaultCacheRoot: string): string {
  return join(runnerTemp ?? defaultCacheRoot, 'oneapi-offline-attestations');
}
