// The gateway's view of one verified platform: what its profile needs beyond the files being
// where its readers look (every encoding it loads served, no reader folder under one of its
// volumes), and the verdict, one line for people:
//   one-api starts offline on linux/amd64: cl100k_base, o200k_base where tiktoken-go looks (/tiktoken_cache)
// A platform passes only when the gateway would start offline. Pure.
import { selectFiles } from '../encoders/selection.js';
import { FileStatus, type ConsumerReport, type Expectations, type PlatformReport } from '../image/report.js';
import { ENCODING_NAMES, type EncodingName } from '../pins.js';
import { PROFILES, type GatewayProfile } from './profiles.js';

function within(path: string, folder: string): boolean {
  const clean = path.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
  return clean === folder || clean.startsWith(`${folder}/`);
}

/** Encodings whose every file the reader read with its pinned bytes. */
function served(report: ConsumerReport, encodings: readonly EncodingName[]): EncodingName[] {
  const ok = new Set(report.files.filter((f) => f.status === FileStatus.ok).map((f) => f.cacheFile));
  return encodings.filter((e) => selectFiles([e]).every((f) => ok.has(f.cacheFile)));
}

/** The encodings the expectations name (the image manifest's, in manifest mode), in the pins' order. */
function expectedEncodings(report: ConsumerReport, expectations: Expectations): EncodingName[] {
  const byFile = new Map([...(expectations.known ?? []), ...expectations.files].map((f) => [f.cacheFile, f.encodings ?? []]));
  const files = expectations.fromImage ? report.files.map((f) => f.cacheFile) : expectations.files.map((f) => f.cacheFile);
  const names = new Set(files.flatMap((file) => byFile.get(file) ?? []));
  return ENCODING_NAMES.filter((e) => names.has(e));
}

function gatewayFindings(profile: GatewayProfile, report: ConsumerReport, expectations: Expectations): ConsumerReport {
  const findings = [...report.findings];
  const volume = report.directory === undefined ? undefined : profile.volumes.find((v) => within(report.directory ?? '', v.path));
  if (volume) {
    findings.push({
      problem: `${report.consumer} reads ${report.directory}, under ${volume.path}, ${volume.what}: a volume mounted there hides what the image holds`,
      fix: `point ${profile.title} at a folder outside ${volume.path} (the overlay's cache-path, e.g. /tiktoken_cache)`,
    });
  }
  const lacking = profile.loads.filter((e) => !served(report, [e]).includes(e));
  if (lacking.length > 0 && report.findings.length === 0) {
    const have = served(report, expectedEncodings(report, expectations));
    findings.push({
      problem: `${profile.title} loads ${lacking.join(', ')}, which ${report.directory ?? 'the folder it reads'} does not serve (it serves ${have.join(', ') || 'none'}): it would go to the network for them`,
      fix: `build with encoders holding ${profile.loads.join(', ')} (leave encoders out with gateway: ${profile.name})`,
    });
  }
  return findings.length === report.findings.length ? report : { ...report, ok: false, findings };
}

function readerPhrase(readers: readonly string[]): string {
  return readers.length === 1 ? `${readers[0]} looks` : `${readers.join(' and ')} look`;
}

function verdictOf(profile: GatewayProfile, report: PlatformReport, expectations: Expectations): string {
  const readers = report.consumers.filter((c) => c.required);
  const on = `on ${report.platform}`;
  const lead = profile.name === 'generic' ? `generic (${readers.map((c) => c.consumer).join(', ')})` : profile.name;
  if (!report.ok) {
    const failing = readers.find((c) => !c.ok);
    const why = report.problems[0] ?? failing?.findings[0]?.problem ?? 'the files are not where its readers look';
    return `${lead} would not start offline ${on}: ${why}`;
  }
  const [first] = readers;
  const encodings = first ? served(first, expectedEncodings(first, expectations)) : [];
  const dirs = [...new Set(readers.map((c) => c.directory ?? '?'))].join(', ');
  const note = profile.note ? `; ${profile.note}` : '';
  return `${lead} starts offline ${on}: ${encodings.join(', ') || 'its files'} where ${readerPhrase(readers.map((c) => c.consumer))} (${dirs})${note}`;
}

/** The report with the gateway's own findings added to its readers, `ok` recomputed, and the verdict. */
export function gatewayReport(report: PlatformReport, expectations: Expectations): PlatformReport {
  const profile = expectations.gateway ?? PROFILES.generic;
  const consumers = report.consumers.map((c) => (c.required && profile.readers.includes(c.consumer) ? gatewayFindings(profile, c, expectations) : c));
  const ok = report.ok && consumers.every((c) => !c.required || c.ok);
  const next: PlatformReport = { ...report, consumers, ok };
  return { ...next, verdict: verdictOf(profile, next, expectations) };
}
