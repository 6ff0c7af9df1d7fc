// Where prepare keeps bytes before they reach cache-dir. Each run gets its own folder under
// a shared root (`run-<host>-<pid>-<random>`), removed when it ends (or, after a crash, by a
// later run on the same host once that pid is gone), so concurrent runs never share a path.
// One path is shared on purpose: the Actions cache hand-off folder (`<root>/actions-cache`),
// because the cache service matches entries on the path list (a per-run path would never be
// found again). Runs use it one at a time, under the root's folder lock, and only for the
// restore or save itself; verified files move into the run's own folder at once.
import { sha256Hex } from '../oci/digest.js';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { processAlive } from '../encoders/folder-lock.js';
import { writeFailure } from '../encoders/write-failure.js';

/** `run-<host>-<pid>-`: a folder whose process is gone from this host is a crashed run's, and removed. */
const HOST = sha256Hex(hostname()).slice(0, 8);
const RUN_FOLDER = /^run-([0-9a-f]{8})-(\d+)-[A-Za-z0-9]{6}$/;

/** Removes the folders of runs on this host whose process no longer exists (killed mid-run). */
async function removeCrashedRuns(root: string): Promise<void> {
  for (const name of await readdir(root).catch(() => [] as string[])) {
    const match = RUN_FOLDER.exec(name);
    if (match && match[1] === HOST && !processAlive(Number(match[2]))) await rm(join(root, name), { recursive: true, force: true });
  }
}

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
    await removeCrashedRuns(root);
    dir = await mkdtemp(join(root, `run-${HOST}-${process.pid}-`));
  } catch (error) {
    throw writeFailure(root, error, 'RUNNER_TEMP');
  }
  return { root, dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** A run's staging folder, opened on first use: a run that finds every file in the tool cache never creates one. */
export interface LazyStaging {
  open(): Promise<RunStaging>;
  /** Removes the folder if it was opened. */
  dispose(): Promise<void>;
}

export function lazyRunStaging(root: string): LazyStaging {
  let opened: Promise<RunStaging> | undefined;
  return {
    open: () => (opened ??= openRunStaging(root)),
    async dispose() {
      const staging = await opened?.catch(() => undefined);
      await staging?.dispose();
    },
  };
}
