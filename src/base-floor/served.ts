// What a base image already serves offline, per platform and per reader: the folder the
// reader's rules pick in the base (the verifier's own rule, consumers.ts), and what that folder
// holds: pinned files with their pinned bytes (served), pinned names with other bytes (wrong),
// pinned names that cannot be read as files (unreadable) and files no pin names (unpinned).
// It is read by the verifier itself (verify-image.ts), with every known file expected and this
// judge beside checkPlatform: the same index and layer reading, the same folder and file rules,
// so what counts as served here is what verification would pass. Pure; when the bytes of a file
// to carry were not kept on the first pass, the judge asks for them like any other need.
import type { Need, PlatformFacts } from '../image/check-platform.js';
import { checkRuntimes } from '../image/runtime-verdicts.js';
import type { ConsumerName } from '../image/consumers.js';
import { FileStatus, type ExpectedFile, type Expectations, type PlatformReport } from '../image/report.js';
import type { Judge } from '../image/verify-image.js';

export interface ServedFile {
  readonly file: ExpectedFile;
  /** The bytes, kept only for files to carry (checked against the pin again where they are written). */
  readonly bytes?: Buffer;
}

export interface WrongFile {
  readonly file: ExpectedFile;
  readonly sha256: string;
  readonly size: number;
}

export interface ReaderServes {
  readonly reader: ConsumerName;
  /** The folder as the reader opens it; absent when it reads none (cache off, no temp dir). */
  readonly directory?: string;
  /** Why that folder (`TIKTOKEN_CACHE_DIR=/app/api/.tiktoken_cache`, Python's temp dir…). */
  readonly why: string;
  readonly served: readonly ServedFile[];
  readonly wrong: readonly WrongFile[];
  readonly unreadable: ReadonlyArray<{ readonly file: ExpectedFile; readonly detail: string }>;
  /** Names in the folder that no pin and no extra-encoders entry names (manifest.json left out). */
  readonly unpinned: readonly string[];
}

export interface PlatformServes {
  readonly platform: string;
  readonly readers: readonly ReaderServes[];
}

export interface BaseServed {
  /** The base as read (secrets redacted). */
  readonly image: string;
  readonly digest: string;
  readonly platforms: readonly PlatformServes[];
}

function components(path: string): string[] {
  return path.split('/').filter((part) => part !== '');
}

/**
 * One platform's readers, from its report (checkPlatform with every known file expected) and
 * its tree. `carry` names the cache files whose bytes are wanted: asked for as needs when the
 * first pass did not keep them.
 */
export function servedOn(facts: PlatformFacts, report: PlatformReport, expectations: Expectations, readers: readonly ConsumerName[], carry: ReadonlySet<string>): { serves: PlatformServes } | { needs: Need[] } {
  const byName = new Map(expectations.files.map((f) => [f.cacheFile, f]));
  const needs: Need[] = [];
  const out: ReaderServes[] = [];
  for (const consumer of report.consumers) {
    if (!readers.includes(consumer.consumer)) continue;
    const base = { reader: consumer.consumer, why: consumer.why };
    if (consumer.directory === undefined) {
      out.push({ ...base, served: [], wrong: [], unreadable: [], unpinned: [] });
      continue;
    }
    const dir = consumer.directory;
    const folder = facts.tree.resolve(components(dir), 'open');
    const isFolder = folder.kind === 'found' && folder.node.kind === 'dir';
    const served: ServedFile[] = [];
    const wrong: WrongFile[] = [];
    const unreadable: Array<{ file: ExpectedFile; detail: string }> = [];
    for (const check of consumer.files) {
      const file = byName.get(check.cacheFile);
      if (!file) continue;
      if (check.status === FileStatus.ok) {
        if (!carry.has(file.cacheFile)) {
          served.push({ file });
          continue;
        }
        const found = facts.tree.resolve([...components(dir), file.cacheFile], 'open');
        const content = found.kind === 'found' && found.node.kind === 'file' ? found.node.content : undefined;
        if (!content) throw new Error(`internal: ${dir}/${file.cacheFile} passed its check but is no file`);
        if (content.bytes === undefined) needs.push({ content, keep: true });
        else served.push({ file, bytes: content.bytes });
      } else if (check.status === FileStatus.wrongBytes) {
        if (check.actualSha256 !== undefined) wrong.push({ file, sha256: check.actualSha256, size: check.actualSize ?? 0 });
        // A folder that is no folder serves nothing; an entry in a real folder that cannot be read is named.
        else if (isFolder) unreadable.push({ file, detail: check.detail ?? 'cannot be read' });
      }
    }
    out.push({ ...base, directory: dir, served, wrong, unreadable, unpinned: [...consumer.otherFiles] });
  }
  if (needs.length > 0) return { needs };
  return { serves: { platform: facts.platform, readers: out } };
}

/**
 * The verifier's verdict (every runtime, as the base's USER), then what each reader is served;
 * `onServes` hears each platform's final answer. Bytes to carry are read from containerd's view
 * of the layers (a file counts as served only where every runtime reads it as pinned).
 */
export function servedJudge(readers: readonly ConsumerName[], carry: ReadonlySet<string>, onServes: (serves: PlatformServes) => void): Judge {
  return (facts, problems, expectations) => {
    const checked = checkRuntimes(facts, problems, expectations);
    // A platform that could not be read fails the whole reading (read-served.ts): nothing to ask for.
    if ('needs' in checked || problems.length > 0) return checked;
    const { views, user: _user, refusals: _refusals, ...rest } = facts;
    const served = servedOn({ ...rest, tree: views.containerd, problems }, checked.report, expectations, readers, carry);
    if ('needs' in served) return served;
    onServes(served.serves);
    return checked;
  };
}
