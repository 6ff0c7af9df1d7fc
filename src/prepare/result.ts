// What prepare reports: where each file came from, and the folder it laid out.
import type { Manifest } from '../encoders/manifest.js';

export const FILE_SOURCES = ['source', 'tool-cache', 'actions-cache', 'download'] as const;
export type FileSource = (typeof FILE_SOURCES)[number];
/** The `source` output: one source when every file came from it, else `mixed`. */
export type FilesSource = FileSource | 'mixed';

export interface PreparedFile {
  readonly id: string;
  readonly encodings: readonly string[];
  readonly url: string;
  readonly cacheFile: string;
  readonly sha256: string;
  readonly size: number;
  readonly source: FileSource;
}

export interface PrepareResult {
  readonly cacheDir: string;
  /** One source when every file came from it, else `mixed` (the `source` output). */
  readonly source: FilesSource;
  /** True when nothing had to be downloaded, as actions/cache's `cache-hit` (the output is 'true'/'false'). */
  readonly cacheHit: boolean;
  readonly manifest: Manifest;
  readonly manifestPath: string;
  /**
   * Always false in a returned result: a refresh that finds drift throws DriftError (which
   * carries the report), so a folder with drifted or missing files is never handed on.
   */
  readonly drift: false;
  readonly files: readonly PreparedFile[];
}

/** `source` and `cacheHit` for the sources the files came from (never empty: prepare selects ≥ 1 file). */
export function sourcesOf(sources: readonly FileSource[]): { source: FilesSource; cacheHit: boolean } {
  const distinct = [...new Set(sources)];
  const [only] = distinct;
  return { source: distinct.length === 1 && only !== undefined ? only : 'mixed', cacheHit: !distinct.includes('download') };
}
