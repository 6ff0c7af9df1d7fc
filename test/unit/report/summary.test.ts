import { createHash } from 'node:crypto';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { MergeResult } from '../../../src/build/merge.js';
import type { PlatformReport } from '../../../src/image/report.js';
import type { PreparedFile } from '../../../src/prepare/result.js';
import { ENCODINGS, PINNED_FILES, canonicalUrl, type PinnedFileId } from '../../../src/pins.js';
import { bytes, cell, code, shortDigest } from '../../../src/report/markdown.js';
import { renderSummary, type EncoderFileRow, type ImageRow, type PlatformVerification, type SummaryInput } from '../../../src/report/summary.js';

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

function encoderRows(ids: readonly PinnedFileId[], source = 'download'): EncoderFileRow[] {
  return ids.map((id) => {
    const pin = PINNED_FILES[id];
    const url = canonicalUrl(pin);
    return {
      id,
      encodings: Object.entries(ENCODINGS)
        .filter(([, files]) => (files as readonly string[]).includes(id))
        .map(([name]) => name),
      url,
      cacheFile: sha1(url),
      sha256: pin.sha256,
      size: pin.size,
      source,
    };
  });
}

const IDS: PinnedFileId[] = ['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base'];
const INDEX = `sha256:${createHash('sha256').update('index').digest('hex')}`;
const platformDigest = (p: string) => `sha256:${createHash('sha256').update(p).digest('hex')}`;

function verification(platform: string, bad: Record<string, string> = {}): PlatformVerification {
  const files = encoderRows(IDS).map((r) => ({ cacheFile: r.cacheFile, status: bad[r.cacheFile] ?? 'ok' }));
  return { platform, digest: platformDigest(platform), ok: files.every((f) => f.status === 'ok'), files };
}

const full: SummaryInput = {
  encoders: encoderRows(IDS),
  cacheDir: '/runner/temp/tiktoken_cache',
  cacheHit: false,
  source: 'download',
  image: { digest: INDEX, tags: ['ghcr.io/o/one-api:offline-v1.2.3', 'ghcr.io/o/one-api:offline'], platforms: ['linux/amd64', 'linux/arm64'], archive: '/tmp/one-api.oci.tar' },
  cachePath: '/tiktoken_cache',
  verification: [verification('linux/amd64'), verification('linux/arm64')],
  sourceDateEpoch: '1700000000',
  pinSetKey: 'tiktoken-pins-abc123',
};

/** Every Markdown table in the text, as rows of cells (escaped pipes kept inside cells). */
function tables(markdown: string): string[][][] {
  const found: string[][][] = [];
  let current: string[][] | undefined;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('|')) {
      const cells = line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim());
      (current ??= []).push(cells);
    } else if (current) {
      found.push(current);
      current = undefined;
    }
  }
  if (current) found.push(current);
  return found;
}

describe('renderSummary', () => {
  it('lists every encoder file with its source, exact size and full sha256', () => {
    const md = renderSummary(full);
    for (const row of full.encoders) {
      const line = md.split('\n').find((l) => l.includes(row.cacheFile) && l.includes(row.sha256));
      expect(line, row.id).toBeDefined();
      expect(line).toContain(bytes(row.size));
      expect(line).toContain(row.source);
      for (const encoding of row.encodings) expect(line).toContain(encoding);
    }
  });

  it('shows the image digest, every tag, the platforms and the archive', () => {
    const md = renderSummary(full);
    expect(md).toContain(full.image!.digest);
    for (const tag of full.image!.tags) expect(md).toContain(tag);
    for (const p of full.image!.platforms) expect(md).toContain(code(p));
    expect(md).toContain(full.image!.archive!);
  });

  it('says per tag whether it was published, and names the builder and its driver', () => {
    const image: ImageRow = {
      digest: INDEX,
      tags: ['r.io/a:offline-v1.0.1', 'r.io/a:offline'],
      platforms: ['linux/amd64'],
      builder: { name: 'ci-remote', driver: 'remote' },
      published: [
        { ref: 'r.io/a:offline-v1.0.1', where: 'registry', published: true },
        { ref: 'r.io/a:offline', where: 'registry', published: false, reason: 'PUT manifest r.io/a:offline answered HTTP 403\nmore' },
      ],
    };
    const md = renderSummary({ encoders: [], image });
    expect(md).toContain(`| Builder | ${code('ci-remote')} (driver ${code('remote')}) |`);
    expect(md).toContain(`| ${code('r.io/a:offline-v1.0.1')} | registry | ✅ published |`);
    expect(md).toMatch(/\| `r\.io\/a:offline` \| registry \| ❌ not published: PUT manifest r\.io\/a:offline answered HTTP 403 \|/);
    const failed = renderSummary({ encoders: [], image: { ...image, published: image.tags.map((ref) => ({ ref, where: 'registry', published: false, reason: 'verification failed' })) } });
    expect(failed).not.toContain('✅ published');
    expect(renderSummary({ encoders: [], image: { ...image, tags: [], published: [] } })).toContain('_none (pushed by digest)_');
  });

  it('reports each platform, and names the failing file of a failing one', () => {
    const badFile = full.encoders[2]!.cacheFile;
    const md = renderSummary({ ...full, verification: [verification('linux/amd64'), verification('linux/arm64', { [badFile]: 'mismatch' })] });
    const rows = tables(md).find((t) => t[0]?.[0] === 'Platform')!;
    expect(rows.slice(2).map((r) => [r[0], r[2]])).toEqual([
      [code('linux/amd64'), '✅ offline-ready'],
      [code('linux/arm64'), '❌ failed'],
    ]);
    expect(rows[3]![3]).toBe(`${IDS.length - 1}/${IDS.length} files match their pin`);
    expect(md).toMatch(new RegExp(`linux/arm64.*${badFile}.*mismatch`));
    expect(md.split('\n')[2]).toContain('verification failed');
  });

  it('puts drift first with pinned and upstream hashes, and says when there is none', () => {
    const pin = PINNED_FILES.cl100k_base;
    const upstream = createHash('sha256').update('changed').digest('hex');
    const md = renderSummary({
      ...full,
      drift: [{ id: pin.id, url: canonicalUrl(pin), from: 'https://mirror.example/x', expectedSha256: pin.sha256, expectedSize: pin.size, actualSha256: upstream, actualSize: pin.size + 7 }],
    });
    expect(md.indexOf('Drift')).toBeLessThan(md.indexOf('### Encoder files'));
    const driftRow = tables(md)[0]![2]!;
    expect(driftRow).toEqual([pin.id, code(canonicalUrl(pin)), code('https://mirror.example/x'), code(pin.sha256), code(upstream), bytes(pin.size), bytes(pin.size + 7)]);
    expect(md.split('\n')[2]).toMatch(/drift.*1 pinned file/);

    const clean = renderSummary({ ...full, drift: [] });
    expect(clean).toContain('upstream still serves the pinned bytes');
    expect(clean).not.toContain('❌');
    expect(renderSummary(full)).not.toContain('Drift');
  });

  it('shows a failed download in drift instead of a hash', () => {
    const pin = PINNED_FILES.o200k_base;
    const url = canonicalUrl(pin);
    const md = renderSummary({ encoders: [], drift: [{ id: pin.id, url, expectedSha256: pin.sha256, expectedSize: 0, error: 'HTTP 404 | gone' }] });
    expect(tables(md)[0]![2]).toEqual([pin.id, code(url), '—', code(pin.sha256), 'HTTP 404 \\| gone', '—', '—']);
    expect(md).not.toContain('### Encoder files'); // a failed refresh laid out nothing
  });

  it('gives the reproducibility inputs with the epoch as a date', () => {
    const md = renderSummary(full);
    expect(md).toContain(`${code('1700000000')} (${new Date(1700000000 * 1000).toISOString().replace('.000Z', 'Z')})`);
    expect(md).toContain(full.pinSetKey!);
  });

  it('a prepare-only run has no image, verification or reproducibility sections', () => {
    const md = renderSummary({ encoders: encoderRows(['gpt2-vocab-bpe', 'gpt2-encoder-json'], 'tool-cache') });
    expect(md).not.toMatch(/### (Image|Offline verification|Reproducibility)/);
    expect(md).toContain('2 encoder file(s) verified');
  });

  it('a failed run says so first, with the error text, never a green line', () => {
    const failure = 'download of cl100k_base from https://m.example/encodings/cl100k_base.tiktoken failed after 4 attempts\n  fix:      check the mirror';
    const md = renderSummary({ encoders: [], failure });
    expect(md.split('\n')[2]).toBe('❌ **failed**: download of cl100k_base from https://m.example/encodings/cl100k_base.tiktoken failed after 4 attempts');
    expect(md).toContain('fix:      check the mirror');
    expect(md).not.toContain('✅');
  });

  it('keeps every table rectangular whatever the values hold', () => {
    const md = renderSummary({
      ...full,
      encoders: encoderRows(IDS).map((r, i) => (i === 0 ? { ...r, source: 'a|b\nc', id: 'x`y|z' } : r)),
      image: { ...full.image!, tags: ['r/x:a|b'] },
    });
    for (const t of tables(md)) {
      const width = t[0]!.length;
      for (const row of t) expect(row).toHaveLength(width);
    }
  });
});

describe('input types', () => {
  it('take the cores\' results unchanged (checked by tsc)', () => {
    expectTypeOf<PreparedFile>().toMatchTypeOf<EncoderFileRow>();
    expectTypeOf<PlatformReport>().toMatchTypeOf<PlatformVerification>();
    expectTypeOf<MergeResult>().toMatchTypeOf<ImageRow>();
  });
});

describe('markdown helpers', () => {
  it.each([
    [0, '0 B'],
    [1023, '1,023 B'],
    [PINNED_FILES.r50k_base.size, `835,554 B (${(PINNED_FILES.r50k_base.size / 1024).toFixed(2)} KiB)`],
    [PINNED_FILES.o200k_base.size, `3,613,922 B (${(PINNED_FILES.o200k_base.size / 1048576).toFixed(2)} MiB)`],
  ])('bytes(%d) = %s', (n, expected) => {
    expect(bytes(n)).toBe(expected);
  });

  it.each([
    ['plain', '`plain`'],
    ['a`b', '``a`b``'],
    ['`x', '`` `x ``'],
    ['a|b', '`a\\|b`'],
  ])('code(%j) = %j', (text, expected) => {
    expect(code(text)).toBe(expected);
  });

  it('cell escapes pipes and flattens lines', () => {
    expect(cell('a|b\nc')).toBe('a\\|b c');
  });

  it('shortDigest keeps the algorithm', () => {
    const d = platformDigest('x');
    expect(shortDigest(d)).toBe(`sha256:${d.slice(7, 19)}…`);
  });
});
