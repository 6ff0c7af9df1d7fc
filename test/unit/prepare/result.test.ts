import { describe, expect, it } from 'vitest';
import { selectFiles } from '../../../src/encoders/selection.js';
import { DriftError } from '../../../src/errors.js';
import { driftError, driftReport } from '../../../src/prepare/drift.js';
import { downloadRequest } from '../../../src/prepare/from-download.js';
import { DEFAULT_DOWNLOAD_LIMITS } from '../../../src/prepare/options.js';
import { sourcesOf, type FilesSource, type FileSource } from '../../../src/prepare/result.js';
import { PINNED_FILES } from '../../../src/pins.js';

describe('sourcesOf', () => {
  it.each<[FileSource[], FilesSource, boolean]>([
    [['tool-cache', 'tool-cache'], 'tool-cache', true],
    [['source'], 'source', true],
    [['download', 'download', 'download'], 'download', false],
    [['actions-cache', 'actions-cache'], 'actions-cache', true],
    [['tool-cache', 'download'], 'mixed', false],
    [['actions-cache', 'tool-cache', 'tool-cache'], 'mixed', true],
  ])('%j → source %s, cache-hit %s', (sources, source, cacheHit) => {
    expect(sourcesOf(sources)).toEqual({ source, cacheHit });
  });
});

describe('downloadRequest', () => {
  const [cl100k] = selectFiles(['cl100k_base']);
  const [extra] = selectFiles([], [{ name: 'mine', url: 'https://x.example/m.tiktoken', sha256: 'a'.repeat(64) }]);
  it('downloads pinned files from the mirror with a cap above the pinned size (drift is still measured)', () => {
    expect(downloadRequest(cl100k!, 'https://m.example/o', DEFAULT_DOWNLOAD_LIMITS)).toEqual({
      url: 'https://m.example/o/encodings/cl100k_base.tiktoken',
      label: 'cl100k_base',
      maxBytes: PINNED_FILES.cl100k_base.size * 2,
      idleTimeoutMs: DEFAULT_DOWNLOAD_LIMITS.idleTimeoutMs,
      totalTimeoutMs: DEFAULT_DOWNLOAD_LIMITS.totalTimeoutMs,
      attempts: DEFAULT_DOWNLOAD_LIMITS.attempts,
      backoffMs: DEFAULT_DOWNLOAD_LIMITS.backoffMs,
    });
  });
  it('downloads extras from their own URL with the unpinned cap', () => {
    expect(downloadRequest(extra!, 'https://m.example/o', DEFAULT_DOWNLOAD_LIMITS)).toMatchObject({
      url: 'https://x.example/m.tiktoken',
      maxBytes: DEFAULT_DOWNLOAD_LIMITS.maxBytesUnpinned,
    });
  });
});

describe('drift report', () => {
  it('lists drifted files (expected vs actual) and files not fetched, sorted, in a DriftError', () => {
    const [r50k, cl100k] = selectFiles(['r50k_base', 'cl100k_base']);
    const drifted = driftReport(
      [{ file: cl100k!, from: 'https://m.example/encodings/cl100k_base.tiktoken', measured: { sha256: 'c'.repeat(64), size: 9 }, error: new DriftError({ what: 'x', fix: 'y' }, []) }],
      [{ file: r50k!, from: 'https://m.example/encodings/r50k_base.tiktoken', error: new Error('HTTP 404 Not Found\nmore') }],
    );
    expect(drifted).toEqual([
      {
        id: 'cl100k_base',
        url: cl100k!.url,
        from: 'https://m.example/encodings/cl100k_base.tiktoken',
        expected: { sha256: PINNED_FILES.cl100k_base.sha256, size: PINNED_FILES.cl100k_base.size },
        actual: { sha256: 'c'.repeat(64), size: 9 },
      },
      { id: 'r50k_base', url: r50k!.url, from: 'https://m.example/encodings/r50k_base.tiktoken', expected: { sha256: PINNED_FILES.r50k_base.sha256, size: PINNED_FILES.r50k_base.size }, error: 'HTTP 404 Not Found' },
    ]);
    const error = driftError(drifted);
    expect(error).toBeInstanceOf(DriftError);
    expect(error.drifted).toBe(drifted);
    expect(error.message).toContain('1 pinned file(s) no longer match');
    expect(error.message).toContain(`cl100k_base (https://m.example/encodings/cl100k_base.tiktoken): sha256 ${'c'.repeat(64)}, 9 bytes`);
    expect(error.message).toContain(`cl100k_base: sha256 ${PINNED_FILES.cl100k_base.sha256}`);
    expect(error.message).toContain('r50k_base (https://m.example/encodings/r50k_base.tiktoken): not fetched: HTTP 404 Not Found');
  });
});
