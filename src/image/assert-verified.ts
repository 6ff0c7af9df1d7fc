// Turns a failing report into one VerifyError that lists every failing platform and file,
// expected against actual, and what to do. Pure.
import { VerifyError } from '../errors.js';
import { normalizeLayerPath } from './layer-paths.js';
import type { PlatformReport, VerificationReport } from './report.js';

function platformLines(p: PlatformReport, cachePath: string): string[] {
  const lines = [`${p.platform} (${p.digest}):`];
  for (const problem of p.problems) lines.push(`    ${problem}`);
  for (const f of p.files) {
    if (f.status === 'missing') lines.push(`    ${cachePath}/${f.cacheFile}: missing (expected sha256 ${f.expectedSha256}${f.expectedSize === undefined ? '' : `, ${f.expectedSize} B`})`);
    if (f.status === 'mismatch') {
      const actual = f.actualSha256 ? `sha256 ${f.actualSha256}, ${f.actualSize ?? '?'} B` : (f.detail ?? 'unreadable');
      lines.push(`    ${cachePath}/${f.cacheFile}: mismatch: expected sha256 ${f.expectedSha256}${f.expectedSize === undefined ? '' : ` (${f.expectedSize} B)`}, got ${actual}`);
    }
  }
  if (!p.env.ok) {
    for (const key of ['TIKTOKEN_CACHE_DIR', 'DATA_GYM_CACHE_DIR'] as const) {
      const value = p.env[key];
      const same = value !== undefined && value.startsWith('/') && normalizeLayerPath(value) === normalizeLayerPath(cachePath);
      if (!same) lines.push(`    env ${key}: expected ${cachePath}, got ${value === undefined ? '(unset)' : value}`);
    }
  }
  return lines;
}

export function assertVerified(report: VerificationReport): void {
  if (report.ok) return;
  const failing = report.platforms.filter((p) => !p.ok);
  const lines = failing.flatMap((p) => platformLines(p, report.cachePath.replace(/\/+$/, '')));
  if (report.platforms.length === 0) lines.push('no platform image could be read');
  throw new VerifyError({
    what: `image ${report.image} (${report.digest}) failed offline verification on ${failing.length ? failing.map((p) => p.platform).join(', ') : 'every platform'}`,
    got: `\n  ${lines.join('\n  ')}`,
    expected: `every platform to hold each encoder file under ${report.cachePath} with its pinned sha256, and TIKTOKEN_CACHE_DIR = DATA_GYM_CACHE_DIR = ${report.cachePath}`,
    fix: 'rebuild from a verified cache folder (prepare again, with refresh: true if a cache is suspect) and check that no later Dockerfile step deletes or overwrites cache-path or its ENV',
  });
}
