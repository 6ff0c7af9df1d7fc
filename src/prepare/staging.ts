// Where prepare keeps bytes before they reach cache-dir. Each run gets its own folder under
// a shared root (`run-<random>`), removed when it ends, so concurrent runs never share a path.
// One path is shared on purpose: the Actions cache hand-off folder (`<root>/actions-cache`),
// because the cache service matches entries on the path list (a per-run path would never be
// found again). Runs use it one at a time, under the root's folder lock, and only for the
// restore or save itself; verified files move into the run's own folder at once.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFailure } from '../encoders/write-failure.js';

/** The staging root for a machine: `$RUNNER_TEMP/oneapi-offline-staging`, else under the cache root. */
export function stagingRoot(runnerTemp: string | undefined, defaultCacheRoot: string): string {
  return join(runnerTemp ?? defaultCacheRoot, 'oneapi-offline-staging');
}

/** Path the Actions cache entry is saved from and restored to (fixed: see above). */
export function actionsCacheDir(root: string): string {
  return join(root, 'actions-cache');
}

export interface RunStaging {
  readonly root: string;
  /** This run's own folder. */
  readonly dir: string;
  dispose(): Promise<void>;
}

export async function openRunStaging(root: string): Promise<RunStaging> {
  let dir: string;
  try {
    await mkdir(root, { recursive: true });
    dir = await mkdtemp(join(root, 'run-'));
  } catch (error) {
    throw writeFailure(root, error, 'RUNNER_TEMP');
  }
  return { root, dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
