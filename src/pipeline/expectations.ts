// What an image must hold: every selected file under cache-path with its pinned bytes. From a
// prepare result when there is one (sizes measured), else straight from the pins (merge and
// verify runs need no download to know what to look for).
import { selectFiles } from '../encoders/selection.js';
import { expectationsFrom } from '../image/expectations.js';
import type { Expectations } from '../image/report.js';
import type { PrepareOptions } from '../prepare/options.js';
import type { PrepareResult } from '../prepare/result.js';

export function expectationsOf(
  cachePath: string,
  prepared: PrepareResult | undefined,
  selection: Pick<PrepareOptions, 'encodings' | 'extras'>,
): Expectations {
  if (prepared) return expectationsFrom(prepared.manifest, cachePath);
  // Extras are pinned by hash only: their size is not checked here.
  const files = selectFiles(selection.encodings, selection.extras);
  return { cachePath, files: files.map((f) => ({ cacheFile: f.cacheFile, sha256: f.sha256, ...(f.size !== undefined ? { size: f.size } : {}) })) };
}
