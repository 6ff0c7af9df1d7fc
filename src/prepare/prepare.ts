// Prepare: acquire every selected file, verify it, lay out the cache folder, keep the caches.
// Per file, the first source with verified bytes wins: local `source` (exclusive, offline) →
// tool cache → Actions cache (one restore of the whole pin set) → download (all in parallel).
// Every byte from every source is checked against its pin; nothing that fails is written to
// the cache folder or any cache, and staging copies are deleted before returning (a run that
// needs no staging, every file in the tool cache, creates none). A tool-cache
// entry is read once: it is hashed while it is copied into the folder, and one that misses its
// pin is evicted and fetched from the next source, then the folder is laid out again.
// Only what a run needs is loaded: the warm path (every file in the tool cache) never parses
// the local-source, Actions cache, download or drift modules.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ActionsCachePort } from '../cache/actions-cache.js';
import { actionsCacheKey } from '../cache/keys.js';
import type { ToolCachePort } from '../cache/tool-cache.js';
import { withFolderLock } from '../encoders/folder-lock.js';
import { DownloadError } from '../errors.js';
import { checkLayout, RejectedEntries, writeLayout, type LayoutResult } from '../encoders/layout.js';
import { writeFailure } from '../encoders/write-failure.js';
import { checkCacheDir } from './check-cache-dir.js';
import { selectFiles, type SelectedFile } from '../encoders/selection.js';
import type { Logger } from '../log/logger.js';
import type { Acquired } from './acquired.js';
import type { DownloadFn } from './download-port.js';
import { evictDamaged, fromToolCache } from './from-tool-cache.js';
import type { PrepareOptions } from './options.js';
import { sourcesOf, type PrepareResult } from './result.js';
import { lazyRunStaging, type LazyStaging } from './staging.js';

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
  /**
   * The caller (the plan) has just checked cache-dir's place and contents with the same options:
   * not checked again here. Left out, prepare checks them itself before anything is fetched.
   */
  readonly cacheDirChecked?: boolean;
  /**
   * Told the bytes of every file once all are acquired (not yet checked, for tool-cache
   * entries): a build stages its context from them, checking each against its pin, and starts.
   * cache-dir is written once its promise settles, so the flushed writes do not slow the staging.
   */
  readonly onAcquired?: (acquired: readonly Pick<Acquired, 'file' | 'from'>[]) => Promise<unknown>;
}

function missing(files: readonly SelectedFile[], acquired: readonly Acquired[]): SelectedFile[] {
  const have = new Set(acquired.map((a) => a.file.id));
  return files.filter((file) => !have.has(file.id));
}

/**
 * `wanted` (of the pin set `files`) from the caches, then downloads. `toolCache: false` skips the
 * tool cache (its entries for `wanted` were just rejected).
 */
async function acquireOnline(
  files: readonly SelectedFile[],
  wanted: readonly SelectedFile[],
  options: PrepareOptions,
  deps: PrepareDeps,
  staging: LazyStaging,
  toolCache = true,
): Promise<{ acquired: Acquired[]; restored: boolean }> {
  const { log } = deps;
  const acquired: Acquired[] = [];
  let restored = false;
  if (options.cache && !options.refresh) {
    if (toolCache) acquired.push(...fromToolCache(wanted, deps.toolCache, log));
    const left = missing(wanted, acquired);
    if (left.length > 0) {
      const { fromActionsCache } = await import('./actions-cache-step.js');
      const fromActions = await fromActionsCache(files, left, deps.actionsCache, await staging.open(), log);
      restored = fromActions.restored;
      acquired.push(...fromActions.acquired);
    }
  } else if (options.refresh) {
    log.info('refresh: every cache is ignored; downloading every file again to check for drift');
  }
  const left = missing(wanted, acquired);
  if (left.length === 0) return { acquired, restored };
  const downloadDir = join((await staging.open()).dir, 'downloads');
  await mkdir(downloadDir, { recursive: true });
  const { fromDownload } = await import('./from-download.js');
  const outcome = await fromDownload(left, options.mirror, options.limits, downloadDir, deps);
  if (options.refresh && outcome.mismatches.length > 0) {
    const { driftError, driftReport } = await import('./drift.js');
    throw driftError(driftReport(outcome.mismatches, outcome.failures));
  }
  const problems = [...outcome.mismatches.map((m) => m.error), ...outcome.failures.map((f) => f.error)];
  for (const problem of problems.slice(1)) log.warning(problem instanceof Error ? problem.message : String(problem));
  if (problems.length > 0) throw await stagingProblem(problems[0], downloadDir);
  acquired.push(...outcome.acquired);
  return { acquired, restored };
}

/** A download that failed because the staging disk refused the write (full, read-only) is the environment's input error. */
async function stagingProblem(error: unknown, dir: string): Promise<unknown> {
  const attempt = error instanceof DownloadError ? error.cause : undefined;
  const { AttemptFailure } = await import('../download/failure.js');
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

/** `acquired` in the order of `files`. */
function inOrder(files: readonly SelectedFile[], acquired: readonly Acquired[]): Acquired[] {
  const byId = new Map(acquired.map((a) => [a.file.id, a]));
  return files.map((file) => {
    const found = byId.get(file.id);
    if (!found) throw new Error(`internal: ${file.id} was not acquired`);
    return found;
  });
}

/** Lays out the folder under its lock and fills the tool cache from it; throws RejectedEntries for damaged tool-cache entries. */
async function layOut(options: PrepareOptions, ordered: readonly Acquired[], deps: PrepareDeps): Promise<LayoutResult> {
  // One writer at a time per folder; the tool cache is filled from the folder while it is ours.
  return withFolderLock(options.cacheDir, { onWait: (message) => deps.log.info(`cache folder ${message}`) }, async () => {
    const written = await writeLayout(
      options.cacheDir,
      ordered.map((a) => ({ file: a.file, from: a.from, unchecked: a.source === 'tool-cache' })),
    );
    if (options.cache) {
      for (const a of ordered) {
        if (a.source !== 'tool-cache') await deps.toolCache.save(a.file.id, a.file.sha256, join(options.cacheDir, a.file.cacheFile));
      }
    }
    return written;
  });
}

export async function prepare(options: PrepareOptions, deps: PrepareDeps): Promise<PrepareResult> {
  const { log } = deps;
  const files = selectFiles(options.encodings, options.extras);
  // The only I/O before this point-of-no-return is checking cache-dir and reading the local
  // source: still offline.
  if (!deps.cacheDirChecked) {
    await checkCacheDir(options.cacheDir, options.guardedDirs);
    await checkLayout(options.cacheDir, files);
  }
  const source = options.source !== undefined ? await (await import('../encoders/local-source.js')).openSource(options.source, files) : undefined;
  const staging = lazyRunStaging(deps.stagingDir);
  try {
    let { acquired, restored } = source
      ? { acquired: await (await import('./from-source.js')).fromSource(files, source, log), restored: false }
      : await acquireOnline(files, files, options, deps, staging);
    try {
      await mkdir(options.cacheDir, { recursive: true });
    } catch (error) {
      throw writeFailure(options.cacheDir, error);
    }
    let ordered = inOrder(files, acquired);
    await deps.onAcquired?.(ordered).catch(() => undefined);
    let layout: LayoutResult;
    try {
      layout = await layOut(options, ordered, deps);
    } catch (error) {
      if (!(error instanceof RejectedEntries)) throw error;
      // Damaged tool-cache entries: evicted, fetched from the next source, laid out again.
      await evictDamaged(error.rejected, deps.toolCache, log);
      const damaged = new Set(error.rejected.map((r) => r.file.id));
      const again = await acquireOnline(
        files,
        files.filter((file) => damaged.has(file.id)),
        options,
        deps,
        staging,
        false,
      );
      acquired = [...acquired.filter((a) => !damaged.has(a.file.id)), ...again.acquired];
      restored ||= again.restored;
      ordered = inOrder(files, acquired);
      layout = await layOut(options, ordered, deps);
    }
    reportLayout(options.cacheDir, layout, log);
    if (options.cache && ordered.some((a) => a.source === 'download') && !restored) {
      const { saveActionsCache } = await import('./actions-cache-step.js');
      await saveActionsCache(ordered, deps.actionsCache, await staging.open(), log);
    }
    return {
      cacheDir: options.cacheDir,
      ...sourcesOf(ordered.map((a) => a.source)),
      manifest: layout.manifest,
      manifestPath: layout.manifestPath,
      drift: false,
      files: ordered.map((a) => {
        const measured = layout.measured.get(a.file.id) ?? a.measured;
        if (!measured) throw new Error(`internal: ${a.file.id} was not measured`);
        return {
          id: a.file.id,
          encodings: a.file.encodings,
          url: a.file.url,
          cacheFile: a.file.cacheFile,
          sha256: measured.sha256,
          size: measured.size,
          source: a.source,
        };
      }),
    };
  } finally {
    await staging.dispose();
  }
}

/** The Actions cache key prepare uses for `options` (for summaries and tests). */
export function pinSetKey(options: Pick<PrepareOptions, 'encodings' | 'extras'>): string {
  return actionsCacheKey(selectFiles(options.encodings, options.extras));
}
