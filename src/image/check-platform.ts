// One platform's unpacked tree and image config against the expectations, as each consumer
// reads it: the folder it opens, each expected file there (ok, missing, wrong bytes), and
// anything else in that folder. Each finding says exactly what to change. Pure; when a
// verdict needs bytes the first pass did not hash, it lists them in `needs` instead.
import { MANIFEST_FILE, listedCacheFiles } from '../encoders/manifest.js';
import { gatewayReaderDir } from '../gateways/reader-rule.js';
import { gatewayReport } from '../gateways/verdict.js';
import { CACHE_VARIABLES, CONSUMERS, type consumerDir, type ConsumerName, type ImageRuntime } from './consumers.js';
import { cleanComponents } from './layer-paths.js';
import type { Content, Resolved } from './layer-tree.js';

/** What a container of the image sees (overlay-view.ts). */
export interface ImageView {
  resolve(components: readonly string[], mode: 'open'): Resolved;
  list(dir: string): string[];
}
import { FileStatus, type ConsumerReport, type ExpectedFile, type Expectations, type FileCheck, type Finding, type PlatformReport } from './report.js';

/** A content record a verdict needs hashed (or its bytes kept). */
export interface Need {
  readonly content: Content;
  readonly keep: boolean;
}

/** manifest.json is read whole only up to this size. */
export const MAX_KEPT_BYTES = 1024 * 1024;

interface Ctx {
  readonly tree: ImageView;
  readonly expectations: Expectations;
  readonly needs: Need[];
}

function open(tree: ImageView, path: string): Resolved {
  return tree.resolve(cleanComponents(path).length === 0 ? [] : path.split('/'), 'open');
}

function label(f: ExpectedFile): string {
  return f.id ? `${f.cacheFile} (${f.id})` : f.cacheFile;
}

type Read = { kind: 'bytes'; sha256: string; size: number; bytes?: Buffer } | { kind: 'missing' } | { kind: 'unreadable'; detail: string; fix?: string } | { kind: 'pending' };

/** What open() + read() of `path` gives a consumer. */
function readFile(ctx: Ctx, path: string, keep = false): Read {
  const r = open(ctx.tree, path);
  if (r.kind === 'missing') return { kind: 'missing' };
  if (r.kind === 'error') return { kind: 'unreadable', detail: r.detail, ...(r.fix ? { fix: r.fix } : {}) };
  if (r.node.kind === 'dir') return { kind: 'unreadable', detail: `${path} is a directory` };
  if (r.node.kind !== 'file') return { kind: 'unreadable', detail: r.node.kind === 'special' ? r.node.detail : `${path} cannot be read` };
  const c = r.node.content;
  if (keep && c.size > MAX_KEPT_BYTES) return { kind: 'unreadable', detail: `${path} is ${c.size} bytes, larger than any manifest this action writes` };
  if (c.sha256 === undefined || (keep && c.bytes === undefined)) {
    ctx.needs.push({ content: c, keep });
    return { kind: 'pending' };
  }
  return { kind: 'bytes', sha256: c.sha256, size: c.size, ...(c.bytes ? { bytes: c.bytes } : {}) };
}

function checkFile(ctx: Ctx, dir: string, want: ExpectedFile): FileCheck | undefined {
  const base = { cacheFile: want.cacheFile, expectedSha256: want.sha256, expectedSize: want.size };
  const got = readFile(ctx, `${dir.replace(/\/+$/, '')}/${want.cacheFile}`);
  if (got.kind === 'pending') return undefined;
  if (got.kind === 'missing') return { ...base, status: FileStatus.missing };
  if (got.kind === 'unreadable') return { ...base, status: FileStatus.wrongBytes, detail: got.detail, ...(got.fix ? { fix: got.fix } : {}) };
  const same = got.sha256 === want.sha256 && (want.size === undefined || got.size === want.size);
  return { ...base, status: same ? FileStatus.ok : FileStatus.wrongBytes, actualSha256: got.sha256, actualSize: got.size };
}

/** The files the folder's manifest.json lists, each pinned by what the action knows. */
function fromManifest(ctx: Ctx, dir: string, findings: Finding[]): ExpectedFile[] | undefined {
  const got = readFile(ctx, `${dir.replace(/\/+$/, '')}/${MANIFEST_FILE}`, true);
  if (got.kind === 'pending') return undefined;
  if (got.kind !== 'bytes' || !got.bytes) {
    findings.push({
      problem: `${dir}/${MANIFEST_FILE} is ${got.kind === 'missing' ? 'missing' : got.kind === 'unreadable' ? `unreadable (${got.detail})` : 'too large to be ours'}, so the encoder set cannot be read from the image`,
      fix: 'pass the encoders the image was built with (--encoders …), or build with this action, which writes manifest.json',
    });
    return [];
  }
  const names = listedCacheFiles(got.bytes.toString('utf8'));
  if (names.length === 0) {
    findings.push({ problem: `${dir}/${MANIFEST_FILE} lists no encoder files (not a manifest this action wrote)`, fix: 'pass the encoders the image was built with (--encoders …)' });
    return [];
  }
  const known = new Map((ctx.expectations.known ?? []).map((f) => [f.cacheFile, f]));
  const out: ExpectedFile[] = [];
  for (const name of names) {
    const pinned = known.get(name);
    if (pinned) out.push(pinned);
    else findings.push({ problem: `${dir}/${MANIFEST_FILE} lists ${name}, which no pin and no extra-encoders entry names (a hash the image states about itself is not trusted)`, fix: 'pass that file in extra-encoders as "name url sha256" to verify it' });
  }
  return out;
}

/**
 * `files`, plus the pinned files the folder's manifest.json lists beyond them (what an overlay
 * carried from its base, src/base-floor). No manifest.json there: `files` alone.
 */
function withListed(ctx: Ctx, dir: string, findings: Finding[]): ExpectedFile[] | undefined {
  const { files } = ctx.expectations;
  const got = readFile(ctx, `${dir.replace(/\/+$/, '')}/${MANIFEST_FILE}`, true);
  if (got.kind === 'pending') return undefined;
  if (got.kind !== 'bytes' || !got.bytes) return [...files];
  const have = new Set(files.map((f) => f.cacheFile));
  const beyond = listedCacheFiles(got.bytes.toString('utf8')).filter((name) => !have.has(name));
  return beyond.length === 0 ? [...files] : [...files, ...(fromManifest(ctx, dir, findings) ?? []).filter((f) => !have.has(f.cacheFile))];
}

function pointHere(dir: ReturnType<typeof consumerDir>, consumer: ConsumerName, cachePath: string, env: ImageRuntime['env']): string {
  const line = `ENV TIKTOKEN_CACHE_DIR=${cachePath}`;
  if (dir.kind === 'dir' && dir.variable === 'TIKTOKEN_CACHE_DIR') return `TIKTOKEN_CACHE_DIR=${env.get('TIKTOKEN_CACHE_DIR')} shadows ${cachePath}: change it to \`${line}\``;
  if (dir.kind === 'dir' && dir.variable === 'DATA_GYM_CACHE_DIR') {
    const empty = env.get('TIKTOKEN_CACHE_DIR') === '' && consumer === 'tiktoken-go' ? ' (the empty TIKTOKEN_CACHE_DIR is ignored by tiktoken-go)' : '';
    return `DATA_GYM_CACHE_DIR=${env.get('DATA_GYM_CACHE_DIR')} shadows ${cachePath}${empty}: add \`${line}\` (it takes precedence), or set DATA_GYM_CACHE_DIR=${cachePath}`;
  }
  return `add \`${line}\` to the image (read by both tiktoken and tiktoken-go)`;
}

function checkConsumer(ctx: Ctx, consumer: ConsumerName, required: boolean, runtime: ImageRuntime): ConsumerReport | undefined {
  const { tree, expectations } = ctx;
  const isDirectory = (path: string): boolean => {
    const r = open(tree, path);
    return r.kind === 'found' && r.node.kind === 'dir';
  };
  const cachePath = expectations.cachePath.replace(/\/+$/, '') || '/';
  // The gateway's own rule comes first (LiteLLM's CUSTOM_TIKTOKEN_CACHE_DIR), then the reader's.
  const { dir, fix: gatewayFix } = gatewayReaderDir(expectations.gateway, consumer, runtime, cachePath, isDirectory);
  const findings: Finding[] = [];
  const before = ctx.needs.length;
  if (dir.kind !== 'dir') {
    findings.push({ problem: `${consumer}: ${dir.why}`, fix: gatewayFix ?? `add \`ENV TIKTOKEN_CACHE_DIR=${cachePath}\` to the image` });
    const files = (expectations.fromImage ? [] : expectations.files).map((f): FileCheck => ({ cacheFile: f.cacheFile, status: FileStatus.missing, expectedSha256: f.sha256, expectedSize: f.size }));
    return { consumer, required, why: dir.why, ok: false, files, otherFiles: [], findings };
  }
  const folder = open(tree, dir.path);
  if (folder.kind === 'error') findings.push({ problem: `${consumer} reads ${dir.path} (${dir.why}), which cannot be opened: ${folder.detail}`, fix: folder.fix ?? `fix that path in the image, or \`ENV TIKTOKEN_CACHE_DIR=${cachePath}\`` });
  else if (folder.kind === 'found' && folder.node.kind !== 'dir') findings.push({ problem: `${consumer} reads ${dir.path} (${dir.why}), which is a ${folder.node.kind} in the image, not a folder`, fix: `\`ENV TIKTOKEN_CACHE_DIR=${cachePath}\`, and keep later steps from replacing that folder` });
  const wanted = expectations.fromImage ? fromManifest(ctx, dir.path, findings) : expectations.listedToo ? withListed(ctx, dir.path, findings) : expectations.files;
  const files: FileCheck[] = [];
  for (const want of wanted ?? []) {
    const check = checkFile(ctx, dir.path, want);
    if (check) files.push(check);
  }
  if (ctx.needs.length > before) return undefined;
  const missing = files.filter((f) => f.status === FileStatus.missing);
  const wrong = files.filter((f) => f.status === FileStatus.wrongBytes);
  const byName = new Map((wanted ?? []).map((w) => [w.cacheFile, w]));
  if (missing.length > 0) {
    // Are they where the build put them? Then the folder is the problem, not the files.
    const elsewhere = cachePath !== dir.path.replace(/\/+$/, '') && missing.every((f) => {
      const w = byName.get(f.cacheFile);
      const there = w ? checkFile(ctx, cachePath, w) : undefined;
      return there?.status === FileStatus.ok;
    });
    if (ctx.needs.length > before) return undefined;
    if (elsewhere) findings.push({ problem: `${consumer} reads ${dir.path} (${dir.why}), but the files are in ${cachePath}`, fix: gatewayFix ?? pointHere(dir, consumer, cachePath, runtime.env) });
    else {
      findings.push({
        problem: `${consumer} reads ${dir.path} (${dir.why}); missing there: ${missing.map((f) => label(byName.get(f.cacheFile) ?? { cacheFile: f.cacheFile, sha256: '' })).join(', ')}`,
        fix: `bundle ${[...new Set(missing.flatMap((f) => byName.get(f.cacheFile)?.encodings ?? [f.cacheFile]))].join(', ')} (encoders) and copy the verified folder to ${dir.path}, or point the consumer at the folder that has them with \`ENV TIKTOKEN_CACHE_DIR=…\``,
      });
    }
  }
  for (const f of wrong) {
    if (f.fix) {
      // Not the bytes but the image's user: the file is there and cannot be opened.
      findings.push({ problem: `${consumer} cannot read ${dir.path}/${label(byName.get(f.cacheFile) ?? { cacheFile: f.cacheFile, sha256: '' })}: ${f.detail ?? 'unreadable'}`, fix: f.fix });
      continue;
    }
    const got = f.actualSha256 ? `sha256 ${f.actualSha256} (${f.actualSize} B)` : (f.detail ?? 'unreadable');
    findings.push({
      problem: `${dir.path}/${label(byName.get(f.cacheFile) ?? { cacheFile: f.cacheFile, sha256: '' })} serves wrong bytes to ${consumer}: ${got}, pinned sha256 ${f.expectedSha256}${f.expectedSize === undefined ? '' : ` (${f.expectedSize} B)`}`,
      fix: 'rebuild from the verified cache folder, and check that no later Dockerfile step or layer writes to that folder',
    });
  }
  let otherFiles: string[] = [];
  if (folder.kind === 'found' && folder.node.kind === 'dir') {
    const allowed = new Set([...(wanted ?? []).map((w) => w.cacheFile), MANIFEST_FILE]);
    otherFiles = tree.list(folder.path).filter((name) => !allowed.has(name));
    if (otherFiles.length > 0) {
      findings.push({
        problem: `${dir.path} holds files that are not the encoder files: ${otherFiles.join(', ')}`,
        fix: 'the image must carry only the verified encoder files and manifest.json there: build from the verified files only (keep other files out of cache-dir and the COPY), and remove them from the image',
      });
    }
  }
  const ok = findings.length === 0 && files.every((f) => f.status === FileStatus.ok);
  return { consumer, required, directory: dir.path, why: dir.why, ok, files, otherFiles, findings };
}

export interface PlatformFacts {
  readonly platform: string;
  readonly digest: string;
  readonly tree: ImageView;
  readonly runtime: ImageRuntime;
  readonly problems: readonly string[];
  readonly layersRead?: number;
}

/** The report, or the contents whose bytes it still needs. */
export function checkPlatform(facts: PlatformFacts, expectations: Expectations): { report: PlatformReport } | { needs: Need[] } {
  const ctx: Ctx = { tree: facts.tree, expectations, needs: [] };
  const required = new Set(expectations.consumers ?? CONSUMERS);
  const consumers: ConsumerReport[] = [];
  for (const consumer of CONSUMERS) {
    const report = checkConsumer(ctx, consumer, required.has(consumer), facts.runtime);
    if (report) consumers.push(report);
  }
  if (ctx.needs.length > 0) return { needs: ctx.needs };
  const problems = [...facts.problems];
  const requiredReports = consumers.filter((c) => c.required);
  const shown = requiredReports.find((c) => !c.ok) ?? requiredReports[0] ?? consumers[0];
  // The folder each required consumer reads is, after symlinks, where the build put the files.
  const physical = (path: string): string | undefined => {
    const r = open(facts.tree, path);
    return r.kind === 'found' ? r.path : undefined;
  };
  const target = physical(expectations.cachePath);
  const env = {
    ...Object.fromEntries(CACHE_VARIABLES.flatMap((v) => (facts.runtime.env.has(v) ? [[v, facts.runtime.env.get(v)]] : []))),
    ok: target !== undefined && requiredReports.every((c) => c.directory !== undefined && physical(c.directory) === target),
  };
  const ok = problems.length === 0 && requiredReports.every((c) => c.ok);
  // The gateway's needs (its encodings, folders clear of its volumes) and its verdict.
  return {
    report: gatewayReport({
      platform: facts.platform,
      digest: facts.digest,
      ok,
      files: problems.length > 0 ? [] : (shown?.files ?? []),
      consumers,
      env,
      problems,
      ...(facts.layersRead !== undefined ? { layersRead: facts.layersRead } : {}),
    }, expectations),
  };
}
