// Prepare: acquire every selected file, verify it, lay out the cache folder, keep the caches.
// Per file, the first source with verified bytes wins: local `source` (exclusive, offline) →
// tool cache → Actions cache (one restore of the whole pin set) → download (all in parallel).
// Every byte from every source is checked against its pin; nothing that fails is written to
// the cache folder or any cache, and staging copies are deleted before returning.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ActionsCachePort } from '../cache/actions-cache.js';
import { actionsCacheKey } from '../cache/keys.js';
import type { ToolCachePort } from '../cache/tool-cache.js';
import { AttemptFailure } from '../download/failure.js';
import { withFolderLock } from '../encoders/folder-lock.js';
import { DownloadError } from '../errors.js';
import { openSource } from '../encoders/local-source.js';
import { checkLayout, writeLayout, type LayoutResult } from '../encoders/layout.js';
import { writeFailure } from '../encoders/write-failure.js';
import { checkCacheDir } from './check-cache-dir.js';
import { selectFiles, type SelectedFile } from '../encoders/selection.js';
import type { Logger } from '../log/logger.js';
import type { Acquired } from './acquired.js';
import type { DownloadFn } from './download-port.js';
import { driftError, driftReport } from './drift.js';
import { fromActionsCache, saveActionsCache } from './actions-cache-step.js';
import { fromDownload } from './from-download.js';
import { fromSource } from './from-source.js';
import { fromToolCache } from './from-tool-cache.js';
import type { PrepareOptions } from './options.js';
import { sourcesOf, type PrepareResult } from './result.js';
import { openRunStaging, type RunStaging } from './staging.js';

export { actionsCacheDir } from './staging.js';

export interface PrepareDeps {
  readonly log: Logger;
  readonly toolCache: ToolCachePort;
  readonly actionsCache: ActionsCachePort;
  readonly download: DownloadFn;
  /**
   * The staging root (e.g. `$RUNNER_TEMP/oneapi-offline-staging`, see staging.ts). Keep it the
   * same path across runs: each run stages in its own folder under it, but the Actions cache
   * entry goes through one fixed subfolder, and the cache service matches on that path.
   */
  readonly stagingDir: string;
}

function missing(files: readonly SelectedFile[], acquired: readonly Acquired[]): SelectedFile[] {
  const have = new Set(acquired.map((a) => a.file.id));
  return files.filter((file) => !have.has(file.id));
}

async function acquireOnline(
  files: readonly SelectedFile[],
  options: PrepareOptions,
  deps: PrepareDeps,
  staging: RunStaging,
): Promise<{ acquired: Acquired[]; restored: boolean }> {
  const { log } = deps;
  const acquired: Acquired[] = [];
  let restored = false;
  if (options.cache && !options.refresh) {
    acquired.push(...(await fromToolCache(files, deps.toolCache, log)));
    const left = missing(files, acquired);
    if (left.length > 0) {
      const fromActions = await fromActionsCache(files, left, deps.actionsCache, staging, log);
      restored = fromActions.restored;
      acquired.push(...fromActions.acquired);
    }
  } else if (options.refresh) {
    log.info('refresh: every cache is ignored; downloading every file again to check for drift');
  }
  const left = missing(files, acquired);
  if (left.length === 0) return { acquired, restored };
  const downloadDir = join(staging.dir, 'downloads');
  await mkdir(downloadDir, { recursive: true });
  const outcome = await fromDownload(left, options.mirror, options.limits, downloadDir, deps);
  if (options.refresh && outcome.mismatches.length > 0) throw driftError(driftReport(outcome.mismatches, outcome.failures));
  const problems = [...outcome.mismatches.map((m) => m.error), ...outcome.failures.map((f) => f.error)];
  for (const problem of problems.slice(1)) log.warning(problem instanceof Error ? problem.message : String(problem));
  if (problems.length > 0) throw stagingProblem(problems[0], downloadDir);
  acquired.push(...outcome.acquired);
  return { acquired, restored };
}

/** A download that failed because the staging disk refused the write (full, read-only) is the environment's input error. */
function stagingProblem(error: unknown, dir: string): unknown {
  const attempt = error instanceof DownloadError ? error.cause : undefined;
  if (attempt instanceof AttemptFailure && attempt.failure.kind === 'file') return writeFailure(dir, attempt.cause ?? attempt, 'RUNNER_TEMP');
  return error;
}

/** Every change to the folder, file by file: nothing is removed or replaced silently. */
function reportLayout(dir: string, layout: LayoutResult, log: Logger): void {
  if (layout.written.length > 0) log.info(`cache folder ${dir}: wrote ${layout.written.length} file(s): ${layout.written.join(', ')}`);
  for (const { name, was } of layout.replaced) {
    log.warning(`cache folder ${dir}: replaced ${name} (listed by this action's earlier manifest.json) that held other bytes (${was.sha256 === '' ? 'too large to hash' : `sha256 ${was.sha256}`}, ${was.size} bytes)`);
  }
  for (const name of layout.removed) log.info(`cache folder ${dir}: removed ${name} (listed by this action's earlier manifest.json, no longer selected)`);
  if (layout.foreign.length > 0) {
    log.info(`cache folder ${dir}: left ${layout.foreign.length} file(s) that are not this action's alone (they are not part of the image): ${layout.foreign.join(', ')}`);
  }
}

export async function prepare(options: PrepareOptions, deps: PrepareDeps): Promise<PrepareResult> {
  const { log } = deps;
  const files = selectFiles(options.encodings, options.extras);
  // The only I/O before this point-of-no-return is checking cache-dir and reading the local
  // source: still offline.
  await checkCacheDir(options.cacheDir, options.guardedDirs);
  await checkLayout(options.cacheDir, files);
  const source = options.source !== undefined ? await openSource(options.source, files) : undefined;
  const staging = await openRunStaging(deps.stagingDir);
  try {
    const { acquired, restored } = source
      ? { acquired: await fromSource(files, source, log), restored: false }
      : await acquireOnline(files, options, deps, staging);
    const byId = new Map(acquired.map((a) => [a.file.id, a]));
    const ordered = files.map((file) => {
      const found = byId.get(file.id);
      if (!found) throw new Error(`internal: ${file.id} was not acquired`);
      return found;
    });
    try {
      await mkdir(options.cacheDir, { recursive: true });
    } catch (error) {
      throw writeFailure(options.cacheDir, error);
    }
    // One writer at a time per folder; the tool cache is filled from the folder while it is ours.
    const layout = await withFolderLock(options.cacheDir, { onWait: (message) => log.info(`cache folder ${message}`) }, async () => {
      const written = await writeLayout(
        options.cacheDir,
        ordered.map((a) => ({ file: a.file, from: a.from })),
      );
      if (options.cache) {
        for (const a of ordered) {
          if (a.source !== 'tool-cache') await deps.toolCache.save(a.file.id, a.file.sha256, join(options.cacheDir, a.file.cacheFile));
        }
      }
      return written;
    });
    reportLayout(options.cacheDir, layout, log);
    if (options.cache && ordered.some((a) => a.source === 'download') && !restored) {
      await saveActionsCache(ordered, deps.actionsCache, staging, log);
    }
    return {
      cacheDir: options.cacheDir,
      ...sourcesOf(ordered.map((a) => a.source)),
      manifest: layout.manifest,
      manifestPath: layout.manifestPath,
      drift: false,
      files: ordered.map((a) => ({
        id: a.file.id,
        encodings: a.file.encodings,
        url: a.file.url,
        cacheFile: a.file.cacheFile,
        sha256: a.measured.sha256,
        size: a.measured.size,
        source: a.source,
      })),
    };
  } finally {
    await staging.dispose();
  }
}

/** The Actions cache key prepare uses for `options` (for summaries and tests). */
export function pinSetKey(options: Pick<PrepareOptions, 'encodings' | 'extras'>): string {
  return actionsCacheKey(selectFiles(options.encodings, options.extras));
}
