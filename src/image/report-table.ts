// A verification report as table rows (job summary, CLI output): one row per platform. Pure.
import type { VerificationReport } from './report.js';

export const REPORT_HEADER = ['platform', 'manifest digest', 'files', 'env', 'result'] as const;

export function reportRows(report: VerificationReport): string[][] {
  const rows = report.platforms.map((p) => {
    const good = p.files.filter((f) => f.status === 'ok').length;
    const bad = p.files.filter((f) => f.status !== 'ok').map((f) => `${f.cacheFile.slice(0, 12)}… ${f.status}`);
    const extra = p.extraFiles.length > 0 ? ` (+${p.extraFiles.length} extra)` : '';
    return [
      p.platform,
      p.digest,
      `${good}/${p.files.length} ok${extra}${bad.length ? `; ${bad.join(', ')}` : ''}`,
      p.env.ok ? 'ok' : `TIKTOKEN_CACHE_DIR=${p.env.TIKTOKEN_CACHE_DIR ?? '(unset)'} DATA_GYM_CACHE_DIR=${p.env.DATA_GYM_CACHE_DIR ?? '(unset)'}`,
      p.ok ? 'ok' : p.problems.length > 0 ? `FAILED: ${p.problems.join('; ')}` : 'FAILED',
    ];
  });
  for (const a of report.absent) rows.push([a.platform, a.digest, '-', '-', 'not in the local store (not verified)']);
  return rows;
}
