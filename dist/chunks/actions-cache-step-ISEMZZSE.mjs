import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  actionsCacheDir,
  actionsCacheKey
} from "./chunk-2ZPDASUW.mjs";
import {
  copyVerified,
  withFolderLock
} from "./chunk-SH2FOLLV.mjs";
import {
  hashFileIfPresent
} from "./chunk-YFCBWU4X.mjs";
import "./chunk-TORZOQGE.mjs";
import "./chunk-LMSPCY74.mjs";
import {
  checkPin,
  readLimit
} from "./chunk-JUBMCVBR.mjs";
import "./chunk-AMMJLJJB.mjs";
import "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/prepare/actions-cache-step.ts
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
function lockOptions(log) {
  return { onWait: (message) => log.info(`Actions cache hand-off folder: ${message}`) };
}
async function fromActionsCache(all, wanted, port, staging, log) {
  const fixed = actionsCacheDir(staging.root);
  const mine = join(staging.dir, "actions-cache");
  await mkdir(mine, { recursive: true });
  return withFolderLock(staging.root, lockOptions(log), async () => {
    try {
      await rm(fixed, { recursive: true, force: true });
      await mkdir(fixed, { recursive: true });
      const restored = await port.restore(actionsCacheKey(all), fixed);
      if (!restored) return { acquired: [], restored };
      const acquired = [];
      for (const file of wanted) {
        const path = join(fixed, file.cacheFile);
        const measured = await hashFileIfPresent(path, readLimit(file), { noFollow: true }).catch(() => void 0);
        if (measured !== void 0 && checkPin(file, measured, path) === void 0) {
          const kept = join(mine, file.cacheFile);
          await rename(path, kept);
          log.info(`${file.id}: from the Actions cache (sha256 ${measured.sha256})`);
          acquired.push({ file, from: { path: kept }, measured, source: "actions-cache" });
        } else {
          log.warning(
            `Actions cache: ${file.id} in the restored entry is ${measured ? `damaged (sha256 ${measured.sha256})` : "missing"}; downloading it instead`
          );
        }
      }
      return { acquired, restored };
    } finally {
      await rm(fixed, { recursive: true, force: true });
    }
  });
}
async function saveActionsCache(files, port, staging, log) {
  const fixed = actionsCacheDir(staging.root);
  const mine = join(staging.dir, "actions-cache-save");
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
        fixed
      );
    } finally {
      await rm(fixed, { recursive: true, force: true });
    }
  });
}
export {
  fromActionsCache,
  saveActionsCache
};
