// The Actions cache as one entry per pin set: restored once into a staging folder (files named
// by their sha1 cache name), each file verified before use; saved from a fresh staging copy of
// the verified cache folder. The staging folder is emptied before and deleted by prepare after.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ActionsCachePort } from '../cache/actions-cache.js';
import { actionsCacheKey } from '../cache/keys.js';
import { checkPin } from '../encoders/check-pin.js';
import { copyVerified } from '../encoders/copy-verified.js';
import { hashFileIfPresent } from '../encoders/hash-file.js';
import type { SelectedFile } from '../encoders/selection.js';
import type { Logger } from '../log/logger.js';
import type { Acquired } from './acquired.js';

export async function fromActionsCache(
  all: readonly SelectedFile[],
  wanted: readonly SelectedFile[],
  port: ActionsCachePort,
  dir: string,
  log: Logger,
): Promise<{ acquired: Acquired[]; restored: boolean }> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const restored = await port.restore(actionsCacheKey(all), dir);
  if (!restored) return { acquired: [], restored };
  const acquired: Acquired[] = [];
  for (const file of wanted) {
    const path = join(dir, file.cacheFile);
    const measured = await hashFileIfPresent(path);
    if (measured !== undefined && checkPin(file, measured, path) === undefined) {
      log.info(`${file.id}: from the Actions cache (sha256 ${measured.sha256})`);
      acquired.push({ file, from: { path }, measured, source: 'actions-cache' });
    } else {
      log.warning(
        `Actions cache: ${file.id} in the restored entry is ${measured ? `damaged (sha256 ${measured.sha256})` : 'missing'}; downloading it instead`,
      );
      await rm(path, { force: true });
    }
  }
  return { acquired, restored };
}

export async function saveActionsCache(
  files: readonly Acquired[],
  cacheDir: string,
  port: ActionsCachePort,
  dir: string,
): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const { file } of files) {
    await copyVerified({ path: join(cacheDir, file.cacheFile) }, dir, file.cacheFile, file);
  }
  await port.save(
    actionsCacheKey(files.map((a) => a.file)),
    dir,
  );
}
