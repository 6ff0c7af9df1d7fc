// Facts of the machine a run starts on, read once by an entry and passed down: where caches
// live outside Actions, the Docker client config, the git checkout. Reads the environment
// it is given, never process.env.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { dockerConfigDir } from '../cache/docker-config-dir.js';
import type { GitFacts } from '../build/git-facts.js';

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

/**
 * HEAD's facts from git, overridden by the workflow's own GITHUB_REF / GITHUB_SHA when set
 * (a shallow or detached checkout does not know which tag triggered the run).
 */
export async function runGitFacts(cwd: string, env: Env): Promise<GitFacts> {
  // Loaded when asked (builds and merges only): it runs git through a child process.
  const fromGit = await (await import('../build/git-facts.js')).gitFacts(cwd);
  const ref = env.GITHUB_REF?.trim() || fromGit.ref;
  const sha = env.GITHUB_SHA?.trim() || fromGit.sha;
  return { ...fromGit, ...(ref ? { ref } : {}), ...(sha ? { sha } : {}) };
}

/** `https://github.com/org/repo` in Actions, for the image's source label. */
export function repositoryUrl(env: Env): string | undefined {
  const server = env.GITHUB_SERVER_URL?.trim();
  const repo = env.GITHUB_REPOSITORY?.trim();
  return server && repo ? `${server}/${repo}` : undefined;
}
