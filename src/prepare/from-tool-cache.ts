// Files from the runner tool cache. Nothing found there is trusted: each file is hashed, and a
// damaged entry is evicted so the download that follows replaces it.
import { checkPin, readLimit } from '../encoders/check-pin.js';
import { hashFileIfPresent } from '../encoders/hash-file.js';
import type { SelectedFile } from '../encoders/selection.js';
import type { ToolCachePort } from '../cache/tool-cache.js';
import type { Logger } from '../log/logger.js';
import type { Acquired } from './acquired.js';

export async function fromToolCache(files: readonly SelectedFile[], toolCache: ToolCachePort, log: Logger): Promise<Acquired[]> {
  const acquired: Acquired[] = [];
  for (const file of files) {
    const path = toolCache.find(file.id, file.sha256);
    if (path === undefined) continue;
    // A FIFO, device or folder where the entry should be counts as damaged, like a missing file.
    const measured = await hashFileIfPresent(path, readLimit(file)).catch(() => undefined);
    const problem = measured === undefined ? new Error('unreadable') : checkPin(file, measured, path);
    if (measured !== undefined && problem === undefined) {
      log.info(`${file.id}: from the tool cache (sha256 ${measured.sha256})`);
      acquired.push({ file, from: { path }, measured, source: 'tool-cache' });
      continue;
    }
    log.warning(
      `tool cache: the entry for ${file.id} at ${path} is damaged (${measured ? `sha256 ${measured.sha256}, ${measured.size} bytes` : 'unreadable'}; ` +
        `expected sha256 ${file.sha256}); removed, fetching it again`,
    );
    await toolCache.evict(file.id, file.sha256);
  }
  return acquired;
}
