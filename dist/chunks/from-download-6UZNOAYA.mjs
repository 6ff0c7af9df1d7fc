import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  downloadUrl
} from "./chunk-RUXLBO7T.mjs";
import "./chunk-7I65BH5E.mjs";
import {
  checkPin
} from "./chunk-JUBMCVBR.mjs";
import {
  redactUrl
} from "./chunk-AMMJLJJB.mjs";
import "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/prepare/from-download.ts
import { rm } from "node:fs/promises";
import { join } from "node:path";
function downloadRequest(file, mirror, limits) {
  const maxBytes = file.size === void 0 ? limits.maxBytesUnpinned : Math.max(file.size * 2, 1 << 20);
  return {
    url: downloadUrl(mirror, file.url),
    label: file.id,
    maxBytes,
    idleTimeoutMs: limits.idleTimeoutMs,
    totalTimeoutMs: limits.totalTimeoutMs,
    attempts: limits.attempts,
    backoffMs: limits.backoffMs
  };
}
async function fromDownload(files, mirror, limits, stagingDir, deps) {
  const acquired = [];
  const mismatches = [];
  const failures = [];
  await Promise.all(
    files.map(async (file) => {
      const request = downloadRequest(file, mirror, limits);
      const from = redactUrl(request.url);
      const dest = join(stagingDir, file.cacheFile);
      try {
        const got = await deps.download(request, dest, { log: deps.log });
        const measured = { sha256: got.sha256, size: got.size };
        const problem = checkPin(file, measured, request.url);
        if (problem) {
          await rm(got.path, { force: true });
          mismatches.push({ file, from, measured, error: problem });
          return;
        }
        const tries = got.attempts > 1 ? ` after ${got.attempts} attempts` : "";
        deps.log.info(`${file.id}: downloaded from ${from}${tries} (sha256 ${got.sha256})`);
        acquired.push({ file, from: { path: got.path }, measured, source: "download" });
      } catch (error) {
        await rm(dest, { force: true });
        failures.push({ file, from, error });
      }
    })
  );
  return { acquired, mismatches, failures };
}
export {
  downloadRequest,
  fromDownload
};
