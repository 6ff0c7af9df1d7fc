import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkoutRoot, gitFacts, gitFactsDir, repositoryFacts, workflowGitFacts } from '../../../src/build/git-facts.js';

const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t', GIT_COMMITTER_DATE: '1700000000 +0000', GIT_AUTHOR_DATE: '1700000000 +0000' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim();

/** A temp repository on branch main with one commit at 1700000000. */
async function oneCommitRepo(): Promise<{ dir: string; sha: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'git-'));
  git(dir, 'init', '-q', '-b', 'main');
  await writeFile(join(dir, 'f'), 'x');
  git(dir, 'add', 'f');
  git(dir, 'commit', '-q', '-m', 'c');
  return { dir, sha: git(dir, 'rev-parse', 'HEAD') };
}

describe('gitFacts (real git in a temp repo)', () => {
  it('returns nothing outside a repository, without failing', async () => {
    expect(await gitFacts(await mkdtemp(join(tmpdir(), 'nogit-')))).toEqual({});
    expect(await gitFacts('/nonexistent/dir')).toEqual({});
  });

  it('gives sha, branch ref and commit time; the tag ref once HEAD is tagged', async () => {
    const { dir, sha } = await oneCommitRepo();
    expect(await gitFacts(dir)).toEqual({ sha, ref: 'refs/heads/main', commitTime: 1_700_000_000 });
    git(dir, 'tag', 'v1.2.3');
    expect(await gitFacts(dir)).toEqual({ sha, ref: 'refs/tags/v1.2.3', commitTime: 1_700_000_000 });
  });
});

describe('gitFactsDir: which repository stamps a CLI build', () => {
  it.each<[string, { baseImage?: string; context?: string }, string | undefined]>([
    ['Dockerfile mode, default context: the folder the CLI runs in', {}, '/home/u/project'],
    ['Dockerfile mode, relative context', { context: '../app' }, '/home/u/app'],
    ['Dockerfile mode, absolute context', { context: '/srv/app' }, '/srv/app'],
    ['overlay mode: the folder the CLI runs in, whatever the context', { baseImage: 'justsong/one-api:v0.6.10', context: '/srv/app' }, '/home/u/project'],
    ['a remote git context has no local repository', { context: 'https://github.com/org/repo.git#main' }, undefined],
    ['an ssh git context neither', { context: 'git@github.com:org/repo.git' }, undefined],
  ])('%s', (_name, inputs, expected) => {
    expect(gitFactsDir(inputs, '/home/u/project', resolve)).toBe(expected);
  });
});

describe('repositoryFacts', () => {
  it('takes GITHUB_REF only when HEAD is GITHUB_SHA (the workflow\'s own checkout)', async () => {
    const { dir, sha } = await oneCommitRepo();
    expect(await repositoryFacts(dir, { GITHUB_SHA: sha, GITHUB_REF: 'refs/tags/v9' })).toEqual({ sha, ref: 'refs/tags/v9', commitTime: 1_700_000_000 });
    expect(await repositoryFacts(dir, { GITHUB_SHA: 'f'.repeat(40), GITHUB_REF: 'refs/tags/v9' })).toEqual({ sha, ref: 'refs/heads/main', commitTime: 1_700_000_000 });
  });

  it('reads the tag and branch only when the version is not given', async () => {
    const { dir, sha } = await oneCommitRepo();
    const { gitBin, calls } = await countingGit();
    expect(await repositoryFacts(dir, {}, { ref: false, commitTime: true }, gitBin)).toEqual({ sha, commitTime: 1_700_000_000 });
    expect(await calls()).toEqual(['log']);
  });
});

/** A git that records each subcommand it runs, then runs the real one. */
async function countingGit(): Promise<{ gitBin: string; calls: () => Promise<string[]> }> {
  const dir = await mkdtemp(join(tmpdir(), 'gitbin-'));
  const gitBin = join(dir, 'git');
  const log = join(dir, 'calls');
  await writeFile(log, '');
  await writeFile(gitBin, `#!/bin/sh\necho "$1" >> '${log}'\nexec git "$@"\n`, { mode: 0o755 });
  return { gitBin, calls: async () => (await readFile(log, 'utf8')).split('\n').filter(Boolean) };
}

describe('workflowGitFacts: GITHUB_SHA and GITHUB_REF first, git only for what is left', () => {
  it.each<[string, Record<string, string>, { ref: boolean; commitTime: boolean }, string[], (sha: string) => object]>([
    ['sha and ref from the workflow, epoch given: no git at all', { GITHUB_SHA: 'a'.repeat(40), GITHUB_REF: 'refs/tags/v9' }, { ref: true, commitTime: false }, [], () => ({ sha: 'a'.repeat(40), ref: 'refs/tags/v9' })],
    ['version given too: no git', { GITHUB_SHA: 'a'.repeat(40) }, { ref: false, commitTime: false }, [], () => ({ sha: 'a'.repeat(40) })],
    ['epoch from the commit: one git log, the workflow\'s sha and ref win', { GITHUB_SHA: 'a'.repeat(40), GITHUB_REF: 'refs/heads/release' }, { ref: true, commitTime: true }, ['log'], () => ({ sha: 'a'.repeat(40), ref: 'refs/heads/release', commitTime: 1_700_000_000 })],
    ['outside a workflow: log, then the tag and branch', {}, { ref: true, commitTime: true }, ['log', 'symbolic-ref', 'tag'], (sha) => ({ sha, ref: 'refs/heads/main', commitTime: 1_700_000_000 })],
    ['outside a workflow, version given: log only', {}, { ref: false, commitTime: true }, ['log'], (sha) => ({ sha, commitTime: 1_700_000_000 })],
  ])('%s', async (_name, env, needs, spawned, expected) => {
    const { dir, sha } = await oneCommitRepo();
    const { gitBin, calls } = await countingGit();
    expect(await workflowGitFacts(dir, env, needs, gitBin)).toEqual(expected(sha));
    expect((await calls()).sort()).toEqual(spawned);
  });
});

describe('checkoutRoot: the checkout\'s top folder, read from the disk as git finds it', () => {
  it('agrees with git rev-parse --show-toplevel, from a subfolder and through a symlink', async () => {
    const { dir } = await oneCommitRepo();
    await mkdir(join(dir, 'a/b'), { recursive: true });
    const link = join(await mkdtemp(join(tmpdir(), 'link-')), 'l');
    await symlink(join(dir, 'a'), link);
    for (const from of [dir, join(dir, 'a/b'), link]) expect(checkoutRoot(from)).toBe(git(from, 'rev-parse', '--show-toplevel'));
  });

  it('takes the nearest .git (a nested checkout or a submodule\'s .git file), and is undefined outside one', async () => {
    const { dir } = await oneCommitRepo();
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'sub/.git'), 'gitdir: ../.git/modules/sub\n');
    expect(checkoutRoot(join(dir, 'sub'))).toBe(join(git(dir, 'rev-parse', '--show-toplevel'), 'sub'));
    expect(checkoutRoot(await mkdtemp(join(tmpdir(), 'nogit-')))).toBeUndefined();
    expect(checkoutRoot('/nonexistent/dir')).toBeUndefined();
  });
});
