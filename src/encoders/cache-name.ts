// tiktoken (Python) and tiktoken-go look a file up as `$TIKTOKEN_CACHE_DIR/<sha1 hex of its
// canonical URL>`; a file named after the encoding is never found. This is that name.
import { createHash } from 'node:crypto';

/** The file name tiktoken reads for `canonicalUrl` (always the canonical URL, never a mirror's). */
export function cacheFileName(canonicalUrl: string): string {
  return createHash('sha1').update(canonicalUrl, 'utf8').digest('hex');
}
