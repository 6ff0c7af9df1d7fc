// The runtime corpus (runtime-corpus-cases.ts) through Docker Engine, Podman and containerd:
// each case is unpacked by all three, and the pinned files in /tiktoken_cache are read with
// `sha256sum` in a container with no network, as the image's USER. The verifier, reading the
// same OCI archive, must pass exactly when every runtime reads the pinned bytes (and the folder
// holds nothing else); where the runtimes disagree it must fail and name them. The table of
// verdicts is printed at the end.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerificationReport } from '../../src/image/report.js';
import { verifyImage } from '../../src/image/verify-image.js';
import { memoryLogger } from '../../src/log/logger.js';
import { RUNTIMES, RUNTIME_LABELS, requireRuntimes, runInArchive, type RuntimeName, type RuntimeRun } from '../support/runtimes.js';
import { blob, descriptor, layer, writeLayoutTar, type Blob } from '../unit/image/build-tar.js';
import { AMD64_BUSYBOX } from './build-support.js';
import { APPLETS, CACHE, CATEGORIES, CORPUS, GROUP, PASSWD, PINNED, type CorpusCase } from './runtime-corpus-cases.js';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
const NAMES = Object.keys(PINNED);
const ENV = ['PATH=/bin', `TIKTOKEN_CACHE_DIR=/${CACHE}`, `DATA_GYM_CACHE_DIR=/${CACHE}`];
const ALLOWED = new Set([...NAMES, 'manifest.json']);

/** Reads each pinned file and lists the folder; one line each, parsed by `readOutcome`. */
const SCRIPT = [
  `for f in ${NAMES.join(' ')}; do`,
  `  if out=$(timeout 2 sha256sum /${CACHE}/$f 2>&1); then echo "read $f \${out%% *}"; else echo "fail $f $(echo $out | tr '\\n' ' ')"; fi`,
  'done',
  `if list=$(ls -1A /${CACHE} 2>&1); then echo "list $(echo "$list" | tr '\\n' '/')"; else echo "nolist $list"; fi`,
].join('\n');

interface Outcome {
  /** Every pinned file read with its pinned bytes, and the folder (when it can be listed) holds nothing else. */
  readonly ok: boolean;
  /** For the table: `pinned`, or what went wrong. */
  readonly cell: string;
}

function readOutcome(run: RuntimeRun): Outcome {
  if (run.kind === 'refused') return { ok: false, cell: `refused at ${run.stage}: …${run.message.slice(-60)}` };
  const lines = run.stdout.split('\n');
  const wrong: string[] = [];
  for (const name of NAMES) {
    const line = lines.find((l) => l.startsWith(`read ${name} `) || l.startsWith(`fail ${name} `)) ?? '';
    const short = name.slice(0, 4);
    if (line.startsWith('read ')) {
      if (line.slice(`read ${name} `.length) !== sha(PINNED[name] as string)) wrong.push(`${short}: other bytes`);
    } else if (/No such file/.test(line)) wrong.push(`${short}: missing`);
    else if (/Permission denied/.test(line)) wrong.push(`${short}: denied`);
    else if (/Is a directory/.test(line)) wrong.push(`${short}: a folder`);
    else wrong.push(`${short}: unreadable ${line.slice(`fail ${name} `.length, 60)}`.trim());
  }
  const list = lines.find((l) => l.startsWith('list '));
  if (list) {
    const extra = list.slice('list '.length).split('/').filter((n) => n !== '' && !ALLOWED.has(n));
    if (extra.length > 0) wrong.push(`also holds ${extra.map((n) => JSON.stringify(n)).join(', ')}`);
  } else if (!lines.some((l) => l.startsWith('nolist '))) {
    wrong.push(`no output (exit ${run.code}: ${run.stderr.trim().split('\n').at(-1) ?? ''})`);
  }
  return wrong.length === 0 ? { ok: true, cell: 'pinned' } : { ok: false, cell: wrong.join('; ') };
}

let work: string;
let base: Blob;
const rows: Array<{ c: CorpusCase; outcomes: Record<RuntimeName, Outcome>; verify: string; split?: string; ms: number }> = [];
const started = Date.now();

async function archiveOf(c: CorpusCase, file: string): Promise<string> {
  const layers = [base, ...c.layers.map((items) => layer(items, 'none'))];
  const config = blob(
    'application/vnd.oci.image.config.v1+json',
    JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Env: ENV, ...(c.user ? { User: c.user } : {}) }, rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) } }),
  );
  const manifest = blob(
    'application/vnd.oci.image.manifest.v1+json',
    JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: descriptor(config), layers: layers.map(descriptor) }),
    { platform: { os: 'linux', architecture: 'amd64' } },
  );
  return writeLayoutTar(file, manifest, [config, ...layers, manifest]);
}

function verdictText(report: VerificationReport): string {
  const p = report.platforms[0];
  if (!p) return 'no platform';
  return [...p.problems, ...p.consumers.flatMap((c) => c.findings.map((f) => `${f.problem} (fix: ${f.fix})`))].join('\n');
}

beforeAll(async () => {
  await requireRuntimes();
  work = await mkdtemp(join(tmpdir(), 'oneapi-runtime-corpus-'));
  const busybox = await readFile(AMD64_BUSYBOX).catch((error: unknown) => {
    throw new Error(`static busybox missing at ${AMD64_BUSYBOX}; run \`sudo bash scripts/provision-engine.sh\``, { cause: error });
  });
  base = layer(
    [
      { type: 'dir', name: 'bin/' },
      { type: 'file', name: 'bin/busybox', data: busybox, mode: 0o755 },
      ...APPLETS.map((name) => ({ type: 'symlink' as const, name: `bin/${name}`, target: 'busybox' })),
      { type: 'dir', name: 'etc/' },
      { type: 'file', name: 'etc/passwd', data: PASSWD },
      { type: 'file', name: 'etc/group', data: GROUP },
    ],
    'none',
  );
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
  const header = ['case', ...RUNTIMES.map((r) => RUNTIME_LABELS[r]), 'verify', 's'];
  const table = rows.map(({ c, outcomes, verify, ms }) => [`[${c.category}] ${c.name}${c.user ? ` (USER ${c.user})` : ''}`, ...RUNTIMES.map((r) => outcomes[r].cell), verify, (ms / 1000).toFixed(1)]);
  const widths = header.map((h, i) => Math.min(70, Math.max(h.length, ...table.map((row) => (row[i] ?? '').length))));
  const line = (cells: readonly string[]): string => cells.map((cell, i) => cell.slice(0, 70).padEnd(widths[i] ?? 0)).join(' | ');
  console.log(
    [
      `runtime corpus: ${rows.length} cases in ${((Date.now() - started) / 1000).toFixed(0)} s (${Object.keys(CATEGORIES).length} categories)`,
      line(header),
      widths.map((w) => '-'.repeat(w)).join('-+-'),
      ...table.map(line),
      '',
      'where verify found the runtimes disagree:',
      ...rows.flatMap((r) => (r.split ? [`- ${r.c.name}: ${r.split}`] : [])),
    ].join('\n'),
  );
});

describe('runtime corpus: verify passes exactly when every runtime reads the pinned bytes', () => {
  it.each(CORPUS.map((c, i) => ({ ...c, i })))('$category: $name', async (c) => {
    const t0 = Date.now();
    const archive = await archiveOf(c, join(work, `case-${c.i}.tar`));
    const runs = await Promise.all(RUNTIMES.map((r) => runInArchive(r, archive, ['/bin/sh', '-c', SCRIPT])));
    const outcomes = Object.fromEntries(RUNTIMES.map((r, i) => [r, readOutcome(runs[i] as RuntimeRun)])) as Record<RuntimeName, Outcome>;
    const expectations = { cachePath: `/${CACHE}`, files: NAMES.map((n) => ({ cacheFile: n, sha256: sha(PINNED[n] as string), size: Buffer.byteLength(PINNED[n] as string) })) };
    const report = await verifyImage({ kind: 'oci-archive', path: archive }, expectations, { log: memoryLogger() });
    const text = verdictText(report);
    const split = text.split('\n').find((l) => l.startsWith('the runtimes disagree'));
    rows.push({ c, outcomes, verify: report.ok ? 'pass' : `FAIL ${text.split('\n')[0]?.slice(0, 60) ?? ''}`, ...(split ? { split } : {}), ms: Date.now() - t0 });
    await rm(archive, { force: true });

    const oks = RUNTIMES.map((r) => outcomes[r].ok);
    const found = oks.every(Boolean) ? 'pinned' : oks.some(Boolean) ? 'split' : 'not-pinned';
    expect(found, `runtimes: ${JSON.stringify(outcomes)}`).toBe(c.runtimes);
    expect(report.ok, `verify said:\n${text}`).toBe(oks.every(Boolean));
    if (found === 'split') {
      // The verdict names every runtime, and what each reads.
      for (const r of RUNTIMES) expect(text).toContain(RUNTIME_LABELS[r]);
    }
  });
});
