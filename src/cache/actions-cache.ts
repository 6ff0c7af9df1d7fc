// The Actions cache (@actions/cache): one entry per pin set, holding a staging folder of
// verified files. Best effort by design: no service (outside Actions, GHES without it), a
// read-only or disabled ACTIONS_CACHE_MODE, network errors, a 5xx, or another job saving the
// same key give a notice or warning and the job carries on. Nothing here throws.
// The staging `dir` must be the same path on save and restore: the cache version the service
// matches on is a hash of the path list.
import { mkdir } from 'node:fs/promises';
import * as cache from '@actions/cache';
import type { Logger } from '../log/logger.js';
import { redactUrl } from '../proxy/redact.js';
import { cacheModeAccess } from './cache-mode.js';

export interface ActionsCachePort {
  /** true when an entry for exactly `key` was restored into `dir`; never throws. */
  restore(key: string, dir: string): Promise<boolean>;
  /** Saves `dir` under `key`; never throws. */
  save(key: string, dir: string): Promise<void>;
}

function reason(error: unknown): string {
  return redactUrl(error instanceof Error ? error.message : String(error));
}

/**
 * Wraps @actions/cache, which reads its service URL, token and mode from the environment
 * itself; `env` is the same environment, read here only to explain a skipped step.
 */
export function actionsCache(log: Logger, env: Readonly<Record<string, string | undefined>> = process.env): ActionsCachePort {
  let told = false;
  const usable = (operation: 'read' | 'write'): boolean => {
    if (!cache.isFeatureAvailable()) {
      if (!told) {
        log.notice(
          'Actions cache: no cache service here (not on a GitHub runner, or GHES without the Actions cache); ' +
            'the files are still verified and kept in the tool cache',
        );
      }
      told = true;
      return false;
    }
    const mode = env['ACTIONS_CACHE_MODE'];
    if (!cacheModeAccess(mode)[operation]) {
      log.notice(`Actions cache: ${operation === 'read' ? 'restore' : 'save'} skipped, ACTIONS_CACHE_MODE is "${mode}"`);
      return false;
    }
    return true;
  };

  return {
    async restore(key, dir) {
      if (!usable('read')) return false;
      try {
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
      if (!usable('write')) return;
      try {
        const id = await cache.saveCache([dir], key);
        if (id === -1) {
          log.warning(
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
