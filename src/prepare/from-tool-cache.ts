// Files from the runner tool cache. Nothing found there is trusted, but each file is read only
// once: its entry is handed on unchecked, and the copy into the cache folder hashes it as it
// writes (encoders/layout.ts), publishing it only if it matches the pin. An entry that does
// not is rejected there; `evictDamaged` then removes it so the download that follows replaces it.
import type { SelectedFile } from '../encoders/selection.js';
import type { RejectedEntry } from '../encoders/layout.js';
import type { ToolCachePort } from '../cache/tool-cache.js';
import type { Logger } from '../log/logger.js';
import type { Acquired } from './acquired.js';

export function fromToolCache(files: readonly SelectedFile[], toolCache: ToolCachePort, log: Logger): Acquired[] {
  const acquired: Acquired[] = [];
  for (const file of files) {
    const path = toolCache.find(file.id, file.sha256);
    if (path === undefined) continue;
    log.info(`${file.id}: from the tool cache (checked against sha256 ${file.sha256} while copied)`);
    acquired.push({ file, from: { path }, source: 'tool-cache' });
  }
  return acquired;
}

/** Removes the entries whose bytes the layout rejected, saying what they held. */
export async function evictDamaged(rejected: readonly RejectedEntry[], toolCache: ToolCachePort, log: Logger): Promise<void> {
  for (const { file, problem } of rejected) {
    log.warning(
      `tool cache: the entry for ${file.id} is damaged (${problem.message}; expected sha256 ${file.sha256}); removed, fetching it again`,
    );
    await toolCache.evict(file.id, file.sha256);
  }
}
