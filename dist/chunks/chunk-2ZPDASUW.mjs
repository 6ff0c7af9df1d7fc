import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  processAlive,
  writeFailure
} from "./chunk-SH2FOLLV.mjs";
import {
  sha256Hex
} from "./chunk-LMSPCY74.mjs";

// src/cache/keys.ts
var LAYOUT = "v1";
function toolCacheTool(fileId) {
  return `tiktoken-${fileId}`;
}
function toolCacheVersion(sha256) {
  return `1.0.0-sha256-${sha256.toLowerCase()}`;
}
function actionsCacheKey(files) {
  const lines = [...new Set(files.map((file) => `${file.id} ${file.url} ${file.sha256.toLowerCase()}`))].sort();
  const digest = sha256Hex(lines.join("\n"));
  return `tiktoken-encoders-${LAYOUT}-${digest}`;
}

// src/prepare/staging.ts
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
var HOST = sha256Hex(hostname()).slice(0, 8);
var RUN_FOLDER = /^run-([0-9a-f]{8})-(\d+)-[A-Za-z0-9]{6}$/;
async function removeCrashedRuns(root) {
  for (const name of await readdir(root).catch(() => [])) {
    const match = RUN_FOLDER.exec(name);
    if (match && match[1] === HOST && !processAlive(Number(match[2]))) await rm(join(root, name), { recursive: true, force: true });
  }
}
function stagingRoot(runnerTemp, defaultCacheRoot) {
  return join(runnerTemp ?? defaultCacheRoot, "oneapi-offline-staging");
}
function actionsCacheDir(root) {
  return join(root, "actions-cache");
}
async function openRunStaging(root) {
  let dir;
  try {
    await mkdir(root, { recursive: true });
    await removeCrashedRuns(root);
    dir = await mkdtemp(join(root, `run-${HOST}-${process.pid}-`));
  } catch (error) {
    throw writeFailure(root, error, "RUNNER_TEMP");
  }
  return { root, dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
function lazyRunStaging(root) {
  let opened;
  return {
    open: () => opened ??= openRunStaging(root),
    async dispose() {
      const staging = await opened?.catch(() => void 0);
      await staging?.dispose();
    }
  };
}

export {
  toolCacheTool,
  toolCacheVersion,
  actionsCacheKey,
  stagingRoot,
  actionsCacheDir,
  lazyRunStaging
};
