import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitFacts, gitFactsDir, repositoryFacts, repositoryRoot } from '../../../src/build/git-facts.js';

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
    expect(await repositoryRoot(join(dir))).toBe(git(dir, 'rev-parse', '--show-toplevel'));
    expect(await repositoryRoot(await mkdtemp(join(tmpdir(), 'nogit-')))).toBeUndefined();
  });
});
