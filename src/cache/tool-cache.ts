// The runner tool cache (RUNNER_TOOL_CACHE), one entry per pinned file:
// `<root>/tiktoken-<id>/1.0.0-sha256-<hex>/any/<id>` plus tool-cache's `any.complete` marker.
// Entries are written by @actions/tool-cache's cacheFile (copy first, marker last) and looked
// up the way its find() does (folder and marker must both exist), so a half-written entry is
// never found. Lookups and evictions are plain fs calls: the warm path (every file cached) then
// never evaluates @actions/tool-cache, @actions/core and their HTTP stack, which costs more
// than the lookups themselves; the client is loaded on the first save. A test keeps find()
// equal to tool-cache's. Callers still check what find() returns against its pin (a cache is
// never trusted: prepare hashes it while copying it into the cache folder) and evict an entry
// found to be damaged.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Logger } from '../log/logger.js';
import { toolCacheTool, toolCacheVersion } from './keys.js';

/** Encoder files are plain data: one entry serves every runner architecture. */
export const TOOL_CACHE_ARCH = 'any' as const;

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

/** The entry folder tool-cache uses for a pin (its versions are semver-clean, so kept as-is). */
export function toolCacheEntryDir(root: string, fileId: string, sha256: string): string {
  return join(root, toolCacheTool(fileId), toolCacheVersion(sha256), TOOL_CACHE_ARCH);
}

/**
 * Wraps @actions/tool-cache, which reads RUNNER_TOOL_CACHE from the process environment
 * itself; pass that same environment as `env`.
 */
export function runnerToolCache(log: Logger, env: Readonly<Record<string, string | undefined>>): ToolCachePort {
  const root = (): string | undefined => env['RUNNER_TOOL_CACHE']?.trim() || undefined;
  return {
    find(fileId, sha256) {
      const base = root();
      if (base === undefined) return undefined;
      const dir = toolCacheEntryDir(base, fileId, sha256);
      // tool-cache's rule (folder and marker both there) plus the file itself; the folder is
      // there when the file is, so two lookups do.
      const file = join(dir, fileId);
      return existsSync(`${dir}.complete`) && existsSync(file) ? file : undefined;
    },

    async save(fileId, sha256, filePath) {
      try {
        const tc = await import('@actions/tool-cache');
        await tc.cacheFile(filePath, fileId, toolCacheTool(fileId), toolCacheVersion(sha256), TOOL_CACHE_ARCH);
        log.debug(`tool cache: saved ${fileId} (${sha256})`);
      } catch (error) {
        log.warning(
          `tool cache: could not keep ${fileId} (${reason(error)}); this job is not affected, ` +
            'later jobs on this runner download it again. Check that RUNNER_TOOL_CACHE is set and writable.',
        );
      }
    },

    async evict(fileId, sha256) {
      const base = root();
      if (base === undefined) return;
      const dir = toolCacheEntryDir(base, fileId, sha256);
      try {
        // Marker first: from here on neither find() sees the entry, whatever happens next.
        await rm(`${dir}.complete`, { force: true });
        // One arch per version: the version folder holds nothing else.
        await rm(dirname(dir), { recursive: true, force: true });
        log.debug(`tool cache: evicted ${fileId} (${sha256})`);
      } catch (error) {
        log.warning(`tool cache: could not remove the damaged entry of ${fileId} (${reason(error)}); it is re-checked on every use`);
      }
    },
  };
}
