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

export async function gitFacts(cwd: string, gitBin = 'git'): Promise<GitFacts> {
  const sha = await git(cwd, ['rev-parse', '--verify', '-q', 'HEAD'], gitBin);
  if (!sha || !/^[0-9a-f]{40,64}$/.test(sha)) return {};
  const time = await git(cwd, ['log', '-1', '--format=%ct', 'HEAD'], gitBin);
  const tags = await git(cwd, ['tag', '--points-at', 'HEAD', '--sort=-version:refname'], gitBin);
  const tag = tags?.split('\n')[0]?.trim();
  const branch = tag ? undefined : await git(cwd, ['symbolic-ref', '-q', 'HEAD'], gitBin);
  const ref = tag ? `refs/tags/${tag}` : branch;
  const commitTime = time && /^\d+$/.test(time) ? Number(time) : undefined;
  return { sha, ...(ref ? { ref } : {}), ...(commitTime !== undefined ? { commitTime } : {}) };
}
