// Facts of the checkout for default tags and SOURCE_DATE_EPOCH: HEAD's sha, a tag pointing at
// HEAD (else the branch) and the commit time. Never fails: outside git it returns {}.
import { execFile } from 'node:child_process';

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

/** Two rounds of git, not four: HEAD's sha and time in one call, then its tags and branch side by side (a build waits for them). */
export async function gitFacts(cwd: string, gitBin = 'git'): Promise<GitFacts> {
  const head = await git(cwd, ['log', '-1', '--format=%H %ct', 'HEAD'], gitBin);
  const [sha, time] = head?.split(' ') ?? [];
  if (!sha || !/^[0-9a-f]{40,64}$/.test(sha)) return {};
  const [tags, branch] = await Promise.all([git(cwd, ['tag', '--points-at', 'HEAD', '--sort=-version:refname'], gitBin), git(cwd, ['symbolic-ref', '-q', 'HEAD'], gitBin)]);
  const tag = tags?.split('\n')[0]?.trim();
  const ref = tag ? `refs/tags/${tag}` : branch;
  const commitTime = time && /^\d+$/.test(time) ? Number(time) : undefined;
  return { sha, ...(ref ? { ref } : {}), ...(commitTime !== undefined ? { commitTime } : {}) };
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

/** The top folder of the repository holding `dir`; undefined outside git. */
export function repositoryRoot(dir: string, gitBin = 'git'): Promise<string | undefined> {
  return git(dir, ['rev-parse', '--show-toplevel'], gitBin);
}

/**
 * Facts of the repository holding `dir`. The workflow's GITHUB_REF names the tag or branch only
 * when HEAD is the workflow's GITHUB_SHA (the context is the workflow's own checkout, which may
 * be shallow or detached); another repository keeps its own facts.
 */
export async function repositoryFacts(dir: string, env: Env, gitBin = 'git'): Promise<GitFacts> {
  const facts = await gitFacts(dir, gitBin);
  const ref = env.GITHUB_REF?.trim();
  return facts.sha !== undefined && facts.sha === env.GITHUB_SHA?.trim() && ref ? { ...facts, ref } : facts;
}
