// The job summary: one readable page per run. Drift first (it is why a scheduled run fails),
// then the encoder files, the image, its offline check per platform and what makes it
// reproducible. Pure: the entry writes the returned Markdown with core.summary.addRaw.
import { bytes, cell, code, shortDigest, table } from './markdown.js';
import type { DriftRow, EncoderFileRow, ImageRow, PlatformVerification, SummaryInput } from './types.js';

export type { DriftRow, EncoderFileRow, ImageRow, PlatformVerification, SummaryInput, TagRow, VerifiedFile } from './types.js';

export const SUMMARY_TITLE = 'tiktoken offline images';

/** The whole summary as GitHub-flavoured Markdown, ending with a newline. */
export function renderSummary(input: SummaryInput): string {
  const sections = [
    `## ${SUMMARY_TITLE}`,
    statusLine(input),
    input.drift !== undefined ? driftSection(input.drift) : '',
    input.encoders.length === 0 && input.drift !== undefined && input.drift.length > 0 ? '' : encodersSection(input),
    input.image ? imageSection(input.image) : '',
    input.verification ? verificationSection(input.verification, input.cachePath, input.gateway) : '',
    reproducibilitySection(input),
  ];
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
}

function statusLine(input: SummaryInput): string {
  const failing = (input.verification ?? []).filter((v) => !v.ok);
  const parts: string[] = [];
  if (input.drift && input.drift.length > 0) parts.push(`❌ **drift**: ${input.drift.length} pinned file(s) changed upstream`);
  if (failing.length > 0) parts.push(`❌ **verification failed** on ${failing.map((v) => code(v.platform)).join(', ')}`);
  if (input.failure !== undefined && parts.length === 0) parts.push(`❌ **failed**: ${cell(input.failure.split('\n')[0] ?? '')}`);
  if (parts.length > 0) return [parts.join(' · '), ...(input.failure !== undefined ? ['', '```', input.failure, '```'] : [])].join('\n');
  const done = [`✅ ${input.encoders.length} encoder file(s) verified`];
  if (input.image) done.push(`image for ${input.image.platforms.length} platform(s)`);
  if (input.verification && input.verification.length > 0) done.push('checked offline on every platform');
  return done.join(' · ');
}

function driftSection(drift: readonly DriftRow[]): string {
  if (drift.length === 0) return '### Drift\n\nRefresh downloaded every pinned file again: upstream still serves the pinned bytes.';
  const rows = drift.map((d) => [
    cell(d.id),
    code(d.url),
    d.from === undefined || d.from === d.url ? '—' : code(d.from),
    code(d.expectedSha256),
    d.actualSha256 !== undefined ? code(d.actualSha256) : cell(d.error ?? 'no bytes'),
    d.expectedSize > 0 ? cell(bytes(d.expectedSize)) : '—',
    d.actualSize !== undefined ? cell(bytes(d.actualSize)) : '—',
  ]);
  return [
    '### ❌ Drift: upstream encoder bytes no longer match the pins',
    table(['File', 'URL', 'Fetched from', 'Pinned sha256', 'Upstream now', 'Pinned size', 'Upstream size'], rows),
    [
      'The cached, verified files keep working; nothing unverified was cached or shipped.',
      'Review the change upstream (tiktoken release notes), then move to an action release whose pins include the new bytes; meanwhile keep building from the verified files (`source:` or the warm cache).',
    ].join(' '),
  ].join('\n\n');
}

function encodersSection(input: SummaryInput): string {
  const rows = input.encoders.map((f: EncoderFileRow) => [
    cell(f.encodings.join(', ')),
    cell(f.id),
    code(f.cacheFile),
    cell(f.source),
    cell(bytes(f.size)),
    code(f.sha256),
  ]);
  const total = input.encoders.reduce((sum, f) => sum + f.size, 0);
  const facts = [`${input.encoders.length} file(s), ${bytes(total)}`];
  if (input.cacheHit !== undefined) facts.push(`cache-hit: ${code(String(input.cacheHit))}`);
  if (input.source) facts.push(`source: ${code(input.source)}`);
  if (input.cacheDir) facts.push(`cache-dir: ${code(input.cacheDir)}`);
  return [
    '### Encoder files',
    rows.length > 0 ? table(['Encodings', 'File', 'Cache file (sha1 of URL)', 'Source', 'Size', 'sha256'], rows) : '_No encoder files._',
    facts.join(' · '),
  ].join('\n\n');
}

function imageSection(image: ImageRow): string {
  const rows: string[][] = [
    ['Digest', code(image.digest)],
    ['Platforms', image.platforms.map(code).join(', ') || '—'],
  ];
  if (image.builder) rows.push(['Builder', `${code(image.builder.name)} (driver ${code(image.builder.driver)})`]);
  if (image.published === undefined) rows.push(['Tags', image.tags.map(code).join('<br>') || '_none (pushed by digest)_']);
  else if (image.published.length === 0) rows.push(['Tags', image.tags.length === 0 ? '_none (pushed by digest)_' : '_none created (no push or load)_']);
  if (image.archive) rows.push(['OCI archive', code(image.archive)]);
  const sections = ['### Image', table(['', ''], rows)];
  if (image.published && image.published.length > 0) {
    const tagRows = image.published.map((t) => [code(t.ref), cell(t.where), t.published ? '✅ published' : `❌ not published${t.reason ? `: ${cell(t.reason.split('\n')[0] ?? '')}` : ''}`]);
    sections.push(table(['Tag', 'Where', 'Published'], tagRows));
  }
  return sections.join('\n\n');
}

function verificationSection(reports: readonly PlatformVerification[], cachePath?: string, gateway?: SummaryInput['gateway']): string {
  const rows = reports.map((r) => {
    const good = r.files.filter((f) => f.status === 'ok').length;
    return [code(r.platform), code(shortDigest(r.digest)), r.ok ? '✅ offline-ready' : '❌ failed', cell(`${good}/${r.files.length} files match their pin`)];
  });
  const problems = reports.flatMap((r) => r.files.filter((f) => f.status !== 'ok').map((f) => `- ${code(r.platform)} ${code(f.cacheFile)}: ${cell(f.status)}`));
  const where = cachePath ? ` under ${code(cachePath)}` : '';
  return [
    '### Offline verification',
    `Read from each platform's image layers (no container, no network): every file${where} against its pinned sha256, and \`TIKTOKEN_CACHE_DIR\`/\`DATA_GYM_CACHE_DIR\`.`,
    rows.length > 0 ? table(['Platform', 'Manifest', 'Result', 'Files'], rows) : '_No platform was verified._',
    ...(problems.length > 0 ? [problems.join('\n')] : []),
    ...gatewayLines(reports, gateway),
  ].join('\n\n');
}

/** The gateway followed (and how auto chose it), then its verdict per platform. */
function gatewayLines(reports: readonly PlatformVerification[], gateway?: SummaryInput['gateway']): string[] {
  // Verdicts quote paths and values from the image: code spans keep them from being read as Markdown.
  const verdicts = reports.flatMap((r) => (r.verdict ? [`- ${r.ok ? '✅' : '❌'} ${code(r.verdict)}`] : []));
  if (!gateway && verdicts.length === 0) return [];
  const head = gateway ? `**Gateway:** ${code(gateway.name)}${gateway.by === 'auto' ? ` (auto: ${code(gateway.why)})` : ''}` : '**Gateway verdict**';
  return [head, ...(verdicts.length > 0 ? [verdicts.join('\n')] : [])];
}

function reproducibilitySection(input: SummaryInput): string {
  const rows: string[][] = [];
  if (input.sourceDateEpoch !== undefined) rows.push(['source-date-epoch', `${code(input.sourceDateEpoch)}${epochDate(input.sourceDateEpoch)}`]);
  if (input.pinSetKey !== undefined) rows.push(['Pin set', code(input.pinSetKey)]);
  if (rows.length === 0) return '';
  return ['### Reproducibility', table(['Input', 'Value'], rows), 'The same inputs rebuild the same per-platform manifest digests.'].join('\n\n');
}

function epochDate(epoch: string): string {
  if (!/^\d{1,12}$/.test(epoch)) return '';
  return ` (${new Date(Number(epoch) * 1000).toISOString().replace('.000Z', 'Z')})`;
}
