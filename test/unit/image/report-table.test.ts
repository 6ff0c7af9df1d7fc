import { describe, expect, it } from 'vitest';
import { expectationsFrom } from '../../../src/image/expectations.js';
import { checkPlatform } from '../../../src/image/check-platform.js';
import { REPORT_HEADER, reportRows } from '../../../src/image/report-table.js';
import type { VerificationReport } from '../../../src/image/report.js';
import type { Node } from '../../../src/image/file-tree.js';

const manifest = {
  files: [
    { id: 'a', encodings: ['a'], url: 'https://x/a', sha256: '1'.repeat(64), size: 3, cacheFile: 'a'.repeat(40) },
    { id: 'b', encodings: ['b'], url: 'https://x/b', sha256: '2'.repeat(64), size: 4, cacheFile: 'b'.repeat(40) },
  ],
};
const exp = expectationsFrom(manifest, '/c');
const env = ['TIKTOKEN_CACHE_DIR=/c', 'DATA_GYM_CACHE_DIR=/c/'];
const tree = (bSha: string) =>
  new Map<string, Node>([
    [`c/${'a'.repeat(40)}`, { kind: 'file', sha256: '1'.repeat(64), size: 3 }],
    [`c/${'b'.repeat(40)}`, { kind: 'file', sha256: bSha, size: 4 }],
  ]);

describe('expectationsFrom + checkPlatform + reportRows', () => {
  it.each([
    ['all good', '2'.repeat(64), env, true, '2/2 ok', 'ok'],
    ['one mismatch', '3'.repeat(64), env, false, `1/2 ok; ${'b'.repeat(12)}… mismatch`, 'ok'],
    ['env unset', '2'.repeat(64), ['PATH=/bin'], false, '2/2 ok', 'TIKTOKEN_CACHE_DIR=(unset) DATA_GYM_CACHE_DIR=(unset)'],
  ])('%s', (_name, bSha, platformEnv, ok, files, envCell) => {
    const p = checkPlatform({ platform: 'linux/arm64', digest: 'sha256:d', tree: tree(bSha), env: platformEnv, problems: [] }, exp);
    expect(p.ok).toBe(ok);
    const report: VerificationReport = { ok, image: 'i', digest: 'sha256:i', cachePath: '/c', platforms: [p], attestations: 0, absent: [{ platform: 'linux/s390x', digest: 'sha256:s' }] };
    const rows = reportRows(report);
    expect(rows[0]).toEqual(['linux/arm64', 'sha256:d', files, envCell, ok ? 'ok' : 'FAILED']);
    expect(rows[1]?.[4]).toMatch(/not verified/);
    expect(rows.every((r) => r.length === REPORT_HEADER.length)).toBe(true);
  });
});
