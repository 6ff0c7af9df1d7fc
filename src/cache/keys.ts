// Names under which verified encoder files are kept between jobs and runs. Pure: the same pins
// always give the same names, and any change to a pin gives new ones, so a cache written for
// one pin set is never read for another.
import { sha256Hex } from '../oci/digest.js';

/** Bump when what is stored under a key changes shape (file names, folder layout). */
const LAYOUT = 'v1' as const;

/** Tool name in the runner tool cache for one file, e.g. `tiktoken-cl100k_base`. */
export function toolCacheTool(fileId: string): string {
  return `tiktoken-${fileId}`;
}

/**
 * A semver version naming one pinned sha256, because tool-cache's `find()` only sees valid
 * semver versions. The hash rides in a single prerelease identifier that starts with a letter
 * (`sha256-<hex>`), so it is alphanumeric whatever the hex: a numeric-only identifier with a
 * leading zero would be invalid semver.
 */
export function toolCacheVersion(sha256: string): string {
  return `1.0.0-sha256-${sha256.toLowerCase()}`;
}

export interface KeyedFile {
  readonly id: string;
  readonly url: string;
  readonly sha256: string;
}

/**
 * Actions cache key for a set of pins: order- and duplicate-independent (sorted unique lines
 * `id url sha256`),
 * different whenever a file is added, removed or re-pinned. Never contains a comma (the cache
 * service splits keys on commas) and stays far below its 512-character limit.
 */
export function actionsCacheKey(files: ReadonlyArray<KeyedFile>): string {
  const lines = [...new Set(files.map((file) => `${file.id} ${file.url} ${file.sha256.toLowerCase()}`))].sort();
  const digest = sha256Hex(lines.join('\n'));
  return `tiktoken-encoders-${LAYOUT}-${digest}`;
}
