// The Actions cache (@actions/cache): one entry per pin set, holding a staging folder of
// verified files. Best effort by design: no service (outside Actions, GHES without it), a
// read-only or disabled ACTIONS_CACHE_MODE, network errors, a 5xx, or another job saving the
// same key give a notice or warning and the job carries on. Nothing here throws.
// The staging `dir` must be the same path on save and restore: the cache version the service
// matches on is a hash of the path list.
import { mkdir } from 'node:fs/promises';
import type { Logger } from '../log/logger.js';
import { redactUrl } from '../proxy/redact.js';
import { cacheModeAccess } from './cache-mode.js';
import { mayHaveCacheService } from './service-url.js';

export interface ActionsCachePort {
  /** true when an entry for exactly `key` was restored into `dir`; never throws. */
  restore(key: string, dir: string): Promise<boolean>;
  /** Saves `dir` under `key`; never throws. */
  save(key: string, dir: string): Promise<void>;
}

type CacheClient = typeof import('@actions/cache');
type Operation = 'restore' | 'save';

function reason(error: unknown): string {
  return redactUrl(error instanceof Error ? error.message : String(error));
}

/**
 * Wraps @actions/cache, which reads its service URL, token and mode from the process
 * environment itself; pass that same environment as `env` (read here to explain a skipped step
 * and to avoid loading the client where no service can exist).
 */
export function actionsCache(log: Logger, env: Readonly<Record<string, string | undefined>>): ActionsCachePort {
  let toldMissing = false;
  let loaded: Promise<CacheClient> | undefined;

  /** The client when `operation` can run here, else undefined (after saying why). */
  async function client(operation: Operation): Promise<CacheClient | undefined> {
    const mode = env['ACTIONS_CACHE_MODE'];
    if (!cacheModeAccess(mode)[operation === 'restore' ? 'read' : 'write']) {
      log.notice(`Actions cache: ${operation} skipped, ACTIONS_CACHE_MODE is "${mode}"`);
      return undefined;
    }
    if (mayHaveCacheService(env)) {
      // Loaded on first use only: it is the heaviest module we ship (see service-url.ts).
      loaded ??= import('@actions/cache');
      const cache = await loaded;
      if (cache.isFeatureAvailable()) return cache;
    }
    if (!toldMissing) {
      log.notice(
        'Actions cache: no cache service here (not on a GitHub runner, or GHES without the Actions cache); ' +
          'the files are still verified and kept in the tool cache',
      );
    }
    toldMissing = true;
    return undefined;
  }

  return {
    async restore(key, dir) {
      try {
        const cache = await client('restore');
        if (!cache) return false;
        await mkdir(dir, { recursive: true });
        const hit = await cache.restoreCache([dir], key);
        if (hit === key) {
          log.info(`Actions cache: restored ${key}`);
          return true;
        }
        // The client reports service failures itself (as a warning or error annotation) and
        // answers like a miss; either way the files come from the next source.
        log.info(`Actions cache: nothing restored for ${key}`);
        return false;
      } catch (error) {
        log.warning(`Actions cache: restore of ${key} failed (${reason(error)}); carrying on without it`);
        return false;
      }
    },

    async save(key, dir) {
      try {
        const cache = await client('save');
        if (!cache) return;
        const id = await cache.saveCache([dir], key);
        if (id === -1) {
          // The client has already warned about a failing service; a key another job (or last
          // week's refresh) saved is no problem worth an annotation.
          log.notice(
            `Actions cache: ${key} was not saved (another job may be saving the same key, or the service failed: ` +
              'see the message above); later runs download the files again',
          );
          return;
        }
        log.info(`Actions cache: saved ${key}`);
      } catch (error) {
        log.warning(`Actions cache: save of ${key} failed (${reason(error)}); carrying on without it`);
      }
    },
  };
}
