// A refresh that finds upstream bytes no longer matching the pins fails with one report that
// lists every drifted file (and any file that could not be fetched in the same run).
import { DriftError, type DriftedFile } from '../errors.js';
import type { Failure, Mismatch } from './from-download.js';

function reason(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
}

export function driftReport(mismatches: readonly Mismatch[], failures: readonly Failure[]): DriftedFile[] {
  const expected = (file: Mismatch['file']): DriftedFile['expected'] =>
    file.size === undefined ? { sha256: file.sha256 } : { sha256: file.sha256, size: file.size };
  return [
    ...mismatches.map(
      (m): DriftedFile => ({ id: m.file.id, url: m.file.url, from: m.from, expected: expected(m.file), actual: m.measured }),
    ),
    ...failures.map(
      (f): DriftedFile => ({ id: f.file.id, url: f.file.url, from: f.from, expected: expected(f.file), error: reason(f.error) }),
    ),
  ].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function driftError(drifted: readonly DriftedFile[]): DriftError {
  const lines = drifted.map((d) =>
    d.actual
      ? `${d.id} (${d.from}): sha256 ${d.actual.sha256}, ${d.actual.size} bytes`
      : `${d.id} (${d.from}): not fetched: ${d.error ?? 'unknown error'}`,
  );
  const expected = drifted.map((d) => `${d.id}: sha256 ${d.expected.sha256}${d.expected.size === undefined ? '' : `, ${d.expected.size} bytes`}`);
  return new DriftError(
    {
      what: `refresh: upstream bytes of ${drifted.filter((d) => d.actual).length} pinned file(s) no longer match the pins (drift); nothing was kept`,
      got: lines.join('\n            '),
      expected: expected.join('\n            '),
      fix:
        'review the new upstream files; if the change is genuine, update their sha256 and size in src/pins.ts ' +
        '(or extra-encoders) and release; until then builds keep using the cached, pinned bytes',
    },
    drifted,
  );
}
