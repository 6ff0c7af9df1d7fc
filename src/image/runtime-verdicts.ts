// One platform's verdict on every runtime an image of ours must start on, each reading as the
// image's USER: Docker Engine and containerd unpack layers with containerd's applier, Podman
// with containers/storage's (storage-applier.ts, user-access.ts); Docker Engine and Podman
// pick supplementary groups one way, containerd another (image-user.ts). The platform passes
// only when every runtime's consumers read the pinned bytes. Where the runtimes disagree, the
// verdict says which runtime reads what. Pure; asks for bytes it lacks (`needs`) like checkPlatform.
import { checkPlatform, type Need, type PlatformFacts } from './check-platform.js';
import { ROOT, isRootWithoutLookup, namesSomething, resolveIdentity, type GroupRule, type Identity } from './image-user.js';
import type { OverlayView } from './overlay-view.js';
import type { Expectations, PlatformReport } from './report.js';
import { IdentityNeeded, UserView, type ApplierName, type Reader } from './user-access.js';

export interface RuntimeModel {
  readonly label: string;
  readonly applier: ApplierName;
  readonly groups: GroupRule;
}

export const RUNTIME_MODELS: readonly RuntimeModel[] = [
  { label: 'Docker Engine', applier: 'containerd', groups: 'moby' },
  { label: 'Podman', applier: 'containers-storage', groups: 'moby' },
  { label: 'containerd', applier: 'containerd', groups: 'containerd' },
];

export interface RuntimeFacts extends Omit<PlatformFacts, 'tree' | 'problems'> {
  /** The layers as each applier unpacks them (the same trees where they agree). */
  readonly views: Readonly<Record<ApplierName, OverlayView>>;
  /** The config's USER. */
  readonly user: string | undefined;
  /** Why an applier refuses a layer read so far (containers/storage's duplicate rule). */
  readonly refusals: ReadonlyMap<ApplierName, string>;
}

/** The files whose text resolves a USER, read as root. */
const PASSWD = 'etc/passwd';
const GROUP = 'etc/group';
export const IDENTITY_FILES: readonly string[] = [PASSWD, GROUP];
const MAX_IDENTITY_BYTES = 1024 * 1024;

/** A small file's text (undefined when the image has none that can be read), or 'pending' with the need recorded. */
function readText(view: OverlayView, path: string, needs: Need[]): string | undefined | 'pending' {
  const r = view.resolve(path.split('/'), 'open');
  if (r.kind !== 'found' || r.node.kind !== 'file' || r.node.content.size > MAX_IDENTITY_BYTES) return undefined;
  const { content } = r.node;
  if (content.bytes === undefined) {
    needs.push({ content, keep: true });
    return 'pending';
  }
  return content.bytes.toString('utf8');
}

/** What one runtime reads, in a few words, to compare runtimes by. */
function reading(report: PlatformReport): string {
  if (report.problems.length > 0) return `no files (${report.problems.join('; ')})`;
  const required = report.consumers.filter((c) => c.required);
  // Files that read the same way are named together.
  const byWhat = new Map<string, Set<string>>();
  for (const f of required.flatMap((c) => c.files.filter((file) => file.status !== 'ok'))) {
    const what = f.detail ?? (f.actualSha256 ? `sha256 ${f.actualSha256}` : f.status);
    byWhat.set(what, (byWhat.get(what) ?? new Set()).add(f.cacheFile));
  }
  if (byWhat.size > 0) return [...byWhat].map(([what, names]) => `${[...names].join(', ')}: ${what}`).join('; ');
  if (!report.ok) return [...new Set(required.flatMap((c) => c.findings.map((f) => f.problem)))].join('; ');
  return 'the pinned bytes';
}

function combine(reports: ReadonlyArray<{ model: RuntimeModel; report: PlatformReport }>): PlatformReport {
  const failing = reports.find((r) => !r.report.ok);
  const first = reports[0] as { report: PlatformReport };
  if (!failing) return first.report;
  const byReading = new Map<string, string[]>();
  for (const { model, report } of reports) byReading.set(reading(report), [...(byReading.get(reading(report)) ?? []), model.label]);
  const report = failing.report;
  if (byReading.size === 1) return report;
  const split = `the runtimes disagree on ${report.platform}: ${[...byReading].map(([what, labels]) => `${labels.join(' and ')} read ${what}`).join(' | ')}`;
  // Beside the failing consumer's findings (their fixes are what the runtimes named need), or with the problems.
  const at = report.problems.length === 0 ? report.consumers.findIndex((c) => c.required && !c.ok) : -1;
  if (at === -1) return { ...report, ok: false, problems: [...report.problems, split] };
  const finding = { problem: split, fix: 'apply the fixes above: some runtimes need them and others do not, and the image must read the same on every runtime' };
  return { ...report, ok: false, consumers: report.consumers.map((c, i) => (i === at ? { ...c, findings: [...c.findings, finding] } : c)) };
}

/** The platform's report over every runtime model, or the contents whose bytes it still needs. */
export function checkRuntimes(facts: RuntimeFacts, problems: readonly string[], expectations: Expectations): { report: PlatformReport } | { needs: Need[] } {
  const needs: Need[] = [];
  const reports: Array<{ model: RuntimeModel; report: PlatformReport }> = [];
  const { views, refusals, user, ...rest } = facts;
  const identity = (view: OverlayView, rule: GroupRule): Identity | { error: string } | 'pending' => {
    const passwd = readText(view, PASSWD, needs);
    const group = readText(view, GROUP, needs);
    if (passwd === 'pending' || group === 'pending') return 'pending';
    return resolveIdentity(user, passwd, group, rule);
  };
  for (const model of RUNTIME_MODELS) {
    const view = views[model.applier];
    const own = [...problems];
    const refusal = refusals.get(model.applier);
    if (refusal) own.push(refusal);
    let reader: Reader = ROOT;
    // A platform that is not read (or a layer the runtime refuses) fails whatever the user.
    if (own.length === 0 && !isRootWithoutLookup(user)) {
      if (namesSomething(user)) {
        const found = identity(view, model.groups);
        if (found === 'pending') continue;
        if ('error' in found) own.push(found.error);
        else reader = found;
      } else {
        reader = 'pending';
      }
    }
    const check = (who: Reader) => checkPlatform({ ...rest, tree: new UserView(view, model.applier, who), problems: own }, expectations);
    let checked: ReturnType<typeof checkPlatform>;
    try {
      checked = check(reader);
    } catch (error) {
      if (!(error instanceof IdentityNeeded)) throw error;
      const found = identity(view, model.groups);
      if (found === 'pending') continue;
      if ('error' in found) throw new Error(`internal: a numeric USER ${user} did not resolve: ${found.error}`);
      checked = check(found);
    }
    if ('needs' in checked) needs.push(...checked.needs);
    else reports.push({ model, report: checked.report });
  }
  if (needs.length > 0) return { needs };
  return { report: combine(reports) };
}
