// Facts of the checkout for default tags and SOURCE_DATE_EPOCH: HEAD's sha, a tag pointing at
// HEAD (else the branch) and the commit time. Never fails: outside git it returns {}.
import { execFile } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface GitFacts {
  readonly sha?: string;
  /** `refs/tags/<tag>` when HEAD is tagged, else `refs/heads/<branch>`, else absent (detached). */
  readonly ref?: string;
  /** Committer time of HEAD, Unix seconds. */
  readonly commitTime?: number;
}

function git(cwd: string, args: readonly string[], gitBin: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(gitBin, [...args], { cwd, timeout: 10_000, windowsHide: true }, (error, stdout) => {
      resolve(error ? undefined : stdout.trim() || undefined);
    });
  });
}

/**
 * What a run still has to learn from git; the rest was given (version, source-date-epoch) or
 * comes from the workflow. HEAD's sha is always read: it is the revision label.
 */
export interface GitNeeds {
  /** The tag or branch, for the default version. */
  readonly ref: boolean;
  /** HEAD's commit time, for the default SOURCE_DATE_EPOCH. */
  readonly commitTime: boolean;
}

export const EVERY_GIT_FACT: GitNeeds = { ref: true, commitTime: true };

/** HEAD's sha and commit time, one `git log`; {} outside git. */
async function headFacts(cwd: string, gitBin: string): Promise<Omit<GitFacts, 'ref'>> {
  const head = await git(cwd, ['log', '-1', '--format=%H %ct', 'HEAD'], gitBin);
  const [sha, time] = head?.split(' ') ?? [];
  if (!sha || !/^[0-9a-f]{40,64}$/.test(sha)) return {};
  const commitTime = time && /^\d+$/.test(time) ? Number(time) : undefined;
  return { sha, ...(commitTime !== undefined ? { commitTime } : {}) };
}

/** A tag pointing at HEAD (the highest version), else the branch; its tags and branch side by side. */
async function headRef(cwd: string, gitBin: string): Promise<string | undefined> {
  const [tags, branch] = await Promise.all([git(cwd, ['tag', '--points-at', 'HEAD', '--sort=-version:refname'], gitBin), git(cwd, ['symbolic-ref', '-q', 'HEAD'], gitBin)]);
  const tag = tags?.split('\n')[0]?.trim();
  return tag ? `refs/tags/${tag}` : branch;
}

/**
 * Every spawn is paid on the main thread a build waits for (a fork of the whole process), so
 * git runs only for what is needed: one `git log`, then the tag and branch only when `ref`.
 */
export async function gitFacts(cwd: string, needs: Pick<GitNeeds, 'ref'> = EVERY_GIT_FACT, gitBin = 'git'): Promise<GitFacts> {
  const head = await headFacts(cwd, gitBin);
  if (head.sha === undefined || !needs.ref) return head;
  const ref = await headRef(cwd, gitBin);
  return { ...head, ...(ref ? { ref } : {}) };
}

/**
 * The facts a run needs from the workflow's own checkout: GITHUB_SHA and GITHUB_REF when set
 * (a shallow or detached checkout does not know which tag triggered the run), git for the rest;
 * no git at all when nothing is left to ask.
 */
export async function workflowGitFacts(cwd: string, env: Env, needs: GitNeeds, gitBin = 'git'): Promise<GitFacts> {
  const ref = env.GITHUB_REF?.trim();
  const sha = env.GITHUB_SHA?.trim();
  const given = { ...(ref ? { ref } : {}), ...(sha ? { sha } : {}) };
  if (sha && (ref || !needs.ref) && !needs.commitTime) return given;
  return { ...(await gitFacts(cwd, { ref: needs.ref && !ref }, gitBin)), ...given };
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The folder whose repository stamps a CLI build: the build context in Dockerfile mode, the
 * folder the user runs the CLI in for overlay mode (and merge). Undefined for a remote context
 * (a URL), which has no local repository.
 */
export function gitFactsDir(inputs: { readonly baseImage?: string | undefined; readonly context?: string | undefined }, cwd: string, resolvePath: (from: string, to: string) => string): string | undefined {
  if (inputs.baseImage?.trim()) return cwd;
  const context = inputs.context?.trim() || '.';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(context) || /^git@/.test(context)) return undefined;
  return resolvePath(cwd, context);
}

/**
 * The top folder of the checkout holding `dir` (symlinks resolved), found as git finds it: the
 * nearest folder upward with a `.git` (folder or file). Read from the disk, not by running git.
 * Undefined outside a checkout.
 */
export function checkoutRoot(dir: string): string | undefined {
  let here: string;
  try {
    here = realpathSync(dir);
  } catch {
    return undefined;
  }
  for (;;) {
    if (existsSync(join(here, '.git'))) return here;
    const up = dirname(here);
    if (up === here) return undefined;
    here = up;
  }
}

/**
 * Facts of the repository holding `dir`. The workflow's GITHUB_REF names the tag or branch only
 * when HEAD is the workflow's GITHUB_SHA (the context is the workflow's own checkout, which may
 * be shallow or detached); another repository keeps its own facts.
 */
export async function repositoryFacts(dir: string, env: Env, needs: GitNeeds = EVERY_GIT_FACT, gitBin = 'git'): Promise<GitFacts> {
  const head = await headFacts(dir, gitBin);
  if (head.sha === undefined) return {};
  const workflowRef = env.GITHUB_REF?.trim();
  if (workflowRef && head.sha === env.GITHUB_SHA?.trim()) return { ...head, ref: workflowRef };
  const ref = needs.ref ? await headRef(dir, gitBin) : undefined;
  return { ...head, ...(ref ? { ref } : {}) };
}
