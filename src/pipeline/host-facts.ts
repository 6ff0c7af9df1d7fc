// Facts of the machine a run starts on, read once by an entry and passed down: where caches
// live outside Actions, the Docker client config, the git checkout. Reads the environment
// it is given, never process.env.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { dockerConfigDir } from '../cache/docker-config-dir.js';
import type { GitFacts, GitNeeds } from '../build/git-facts.js';

type Env = Readonly<Record<string, string | undefined>>;

/** `$XDG_CACHE_HOME/oneapi-offline`, else `~/.cache/oneapi-offline`. */
export function defaultCacheRoot(env: Env, home = homedir()): string {
  const xdg = env.XDG_CACHE_HOME?.trim();
  return join(xdg ? xdg : join(home, '.cache'), 'oneapi-offline');
}

/** The Docker client config (what `docker login` wrote), if any. */
export async function readDockerConfig(env: Env, home = homedir()): Promise<string | undefined> {
  return readFile(join(dockerConfigDir(env, home), 'config.json'), 'utf8').catch(() => undefined);
}

/** The workflow checkout's git facts (git-facts.ts), loaded when asked: builds and merges only. */
export async function runGitFacts(cwd: string, env: Env, needs: GitNeeds): Promise<GitFacts> {
  return (await import('../build/git-facts.js')).workflowGitFacts(cwd, env, needs);
}

/** `https://github.com/org/repo` in Actions, for the image's source label. */
export function repositoryUrl(env: Env): string | undefined {
  const server = env.GITHUB_SERVER_URL?.trim();
  const repo = env.GITHUB_REPOSITORY?.trim();
  return server && repo ? `${server}/${repo}` : undefined;
}
