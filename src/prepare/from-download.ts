// Downloads every missing file from the mirror, all in parallel, into a staging folder. The
// download module hashes while streaming; its sha256 is compared with the pin here, and bytes
// that miss it are deleted at once. Failures are collected so a refresh can report them all.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { IntegrityError } from '../errors.js';
import { checkPin, type Measured } from '../encoders/check-pin.js';
import type { SelectedFile } from '../encoders/selection.js';
import type { Logger } from '../log/logger.js';
import { redactUrl } from '../proxy/redact.js';
import type { Acquired } from './acquired.js';
import type { DownloadFn, DownloadRequest } from './download-port.js';
import { downloadUrl } from './mirror.js';
import type { DownloadLimits } from './options.js';

export interface Mismatch {
  readonly file: SelectedFile;
  readonly from: string;
  readonly measured: Measured;
  readonly error: IntegrityError;
}

export interface Failure {
  readonly file: SelectedFile;
  readonly from: string;
  readonly error: unknown;
}

export interface DownloadOutcome {
  readonly acquired: readonly Acquired[];
  readonly mismatches: readonly Mismatch[];
  readonly failures: readonly Failure[];
}

/** The request for one file. Pinned files get a cap above their size so a drifted file is still measured. */
export function downloadRequest(file: SelectedFile, mirror: string, limits: DownloadLimits): DownloadRequest {
  const maxBytes = file.size === undefined ? limits.maxBytesUnpinned : Math.max(file.size * 2, 1 << 20);
  return {
    url: downloadUrl(mirror, file.url),
    label: file.id,
    maxBytes,
    idleTimeoutMs: limits.idleTimeoutMs,
    totalTimeoutMs: limits.totalTimeoutMs,
    attempts: limits.attempts,
    backoffMs: limits.backoffMs,
  };
}

export async function fromDownload(
  files: readonly SelectedFile[],
  mirror: string,
  limits: DownloadLimits,
  stagingDir: string,
  deps: { readonly download: DownloadFn; readonly log: Logger },
): Promise<DownloadOutcome> {
  const acquired: Acquired[] = [];
  const mismatches: Mismatch[] = [];
  const failures: Failure[] = [];
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
        const tries = got.attempts > 1 ? ` after ${got.attempts} attempts` : '';
        deps.log.info(`${file.id}: downloaded from ${from}${tries} (sha256 ${got.sha256})`);
        acquired.push({ file, from: { path: got.path }, measured, source: 'download' });
      } catch (error) {
        await rm(dest, { force: true });
        failures.push({ file, from, error });
      }
    }),
  );
  return { acquired, mismatches, failures };
}
