// The Actions cache as one entry per pin set. The service matches entries on the path, so the
// entry is restored into, and saved from, one fixed folder (staging.ts), used by one run at a
// time under the staging root's lock: restored files are verified and moved into the run's own
// folder before the lock is released; a save is staged in the run's folder first and moved into
// the fixed folder only for the upload.
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ActionsCachePort } from '../cache/actions-cache.js';
import { actionsCacheKey } from '../cache/keys.js';
import { checkPin, readLimit } from '../encoders/check-pin.js';
import { copyVerified } from '../encoders/copy-verified.js';
import { withFolderLock } from '../encoders/folder-lock.js';
import { hashFileIfPresent } from '../encoders/hash-file.js';
import type { SelectedFile } from '../encoders/selection.js';
import type { Logger } from '../log/logger.js';
import type { Acquired } from './acquired.js';
import { actionsCacheDir, type RunStaging } from './staging.js';

function lockOptions(log: Logger) {
  return { onWait: (message: string) => log.info(`Actions cache hand-off folder: ${message}`) };
}

export async function fromActionsCache(
  all: readonly SelectedFile[],
  wanted: readonly SelectedFile[],
  port: ActionsCachePort,
  staging: RunStaging,
  log: Logger,
): Promise<{ acquired: Acquired[]; restored: boolean }> {
  const fixed = actionsCacheDir(staging.root);
  const mine = join(staging.dir, 'actions-cache');
  await mkdir(mine, { recursive: true });
  return withFolderLock(staging.root, lockOptions(log), async () => {
    try {
      await rm(fixed, { recursive: true, force: true });
      await mkdir(fixed, { recursive: true });
      const restored = await port.restore(actionsCacheKey(all), fixed);
      if (!restored) return { acquired: [], restored };
      const acquired: Acquired[] = [];
      for (const file of wanted) {
        const path = join(fixed, file.cacheFile);
        const measured = await hashFileIfPresent(path, readLimit(file), { noFollow: true }).catch(() => undefined);
        if (measured !== undefined && checkPin(file, measured, path) === undefined) {
          const kept = join(mine, file.cacheFile);
          await rename(path, kept);
          log.info(`${file.id}: from the Actions cache (sha256 ${measured.sha256})`);
          acquired.push({ file, from: { path: kept }, measured, source: 'actions-cache' });
        } else {
          log.warning(
            `Actions cache: ${file.id} in the restored entry is ${measured ? `damaged (sha256 ${measured.sha256})` : 'missing'}; downloading it instead`,
          );
        }
      }
      return { acquired, restored };
    } finally {
      await rm(fixed, { recursive: true, force: true });
    }
  });
}

/** Saves the verified files (from where this run acquired them) as the pin set's entry. */
export async function saveActionsCache(files: readonly Acquired[], port: ActionsCachePort, staging: RunStaging, log: Logger): Promise<void> {
  const fixed = actionsCacheDir(staging.root);
  const mine = join(staging.dir, 'actions-cache-save');
  try {
    await mkdir(mine, { recursive: true });
    for (const { file, from } of files) await copyVerified(from, mine, file.cacheFile, file);
  } catch (error) {
    log.warning(`Actions cache: not saved, the files could not be staged (${error instanceof Error ? error.message : String(error)})`);
    return;
  }
  await withFolderLock(staging.root, lockOptions(log), async () => {
    try {
      await rm(fixed, { recursive: true, force: true });
      await rename(mine, fixed);
      await port.save(
        actionsCacheKey(files.map((a) => a.file)),
        fixed,
      );
    } finally {
      await rm(fixed, { recursive: true, force: true });
    }
  });
}
