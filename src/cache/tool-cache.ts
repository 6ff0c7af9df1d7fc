// The runner tool cache (RUNNER_TOOL_CACHE), one entry per pinned file:
// `<root>/tiktoken-<id>/1.0.0-sha256-<hex>/any/<id>` plus tool-cache's `.complete` marker.
// @actions/tool-cache copies first and writes the marker last, and `find()` needs both, so a
// half-written entry is never found. Callers still re-hash what `find` returns: a cache is
// never trusted, and `evict` removes an entry found to be damaged.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as tc from '@actions/tool-cache';
import type { Logger } from '../log/logger.js';
import { toolCacheTool, toolCacheVersion } from './keys.js';

/** Encoder files are plain data: one entry serves every runner architecture. */
const ARCH = 'any' as const;

export interface ToolCachePort {
  /** Path of the cached FILE, or undefined (also when the tool cache is unusable). */
  find(fileId: string, sha256: string): string | undefined;
  /** Never throws: a failure is a warning. */
  save(fileId: string, sha256: string, filePath: string): Promise<void>;
  /** Removes an entry found to be damaged; never throws. */
  evict(fileId: string, sha256: string): Promise<void>;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Wraps @actions/tool-cache, which reads RUNNER_TOOL_CACHE itself on every call. */
export function runnerToolCache(log: Logger): ToolCachePort {
  const entryDir = (fileId: string, sha256: string): string =>
    tc.find(toolCacheTool(fileId), toolCacheVersion(sha256), ARCH);

  return {
    find(fileId, sha256) {
      try {
        const dir = entryDir(fileId, sha256);
        if (dir === '') return undefined;
        const file = join(dir, fileId);
        return existsSync(file) ? file : undefined;
      } catch (error) {
        log.debug(`tool cache: lookup of ${fileId} skipped: ${reason(error)}`);
        return undefined;
      }
    },

    async save(fileId, sha256, filePath) {
      try {
        await tc.cacheFile(filePath, fileId, toolCacheTool(fileId), toolCacheVersion(sha256), ARCH);
        log.debug(`tool cache: saved ${fileId} (${sha256})`);
      } catch (error) {
        log.warning(
          `tool cache: could not keep ${fileId} (${reason(error)}); this job is not affected, ` +
            'later jobs on this runner download it again. Check that RUNNER_TOOL_CACHE is set and writable.',
        );
      }
    },

    async evict(fileId, sha256) {
      try {
        const dir = entryDir(fileId, sha256);
        if (dir === '') return;
        // Marker first: from here on `find` no longer sees the entry, whatever happens next.
        await rm(`${dir}.complete`, { force: true });
        // One arch ('any') per version: the version folder holds nothing else.
        await rm(dirname(dir), { recursive: true, force: true });
        log.debug(`tool cache: evicted ${fileId} (${sha256}) from ${dirname(dir)}`);
      } catch (error) {
        log.warning(`tool cache: could not remove the damaged entry of ${fileId} (${reason(error)}); it is re-checked on every use`);
      }
    },
  };
}
