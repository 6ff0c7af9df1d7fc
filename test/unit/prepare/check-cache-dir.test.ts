import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { checkCacheDir, type GuardedDir } from '../../../src/prepare/check-cache-dir.js';

let root: string;
let guarded: GuardedDir[];
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'cache-dir-'));
  await mkdir(join(root, 'work', 'repo'), { recursive: true });
  await mkdir(join(root, 'temp', 'oneapi-offline-staging'), { recursive: true });
  guarded = [
    { label: 'the workspace (GITHUB_WORKSPACE)', path: join(root, 'work', 'repo') },
    { label: 'RUNNER_TEMP', path: join(root, 'temp') },
    { label: 'the staging folder', path: join(root, 'temp', 'oneapi-offline-staging'), ownedByRun: true },
  ];
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function problem(path: string): Promise<string | undefined> {
  const error = await checkCacheDir(path, guarded).catch((e: unknown) => e);
  if (error === undefined) return undefined;
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).input).toBe('cache-dir');
  expect((error as Error).message).toContain('fix:');
  return (error as Error).message;
}

describe('checkCacheDir', () => {
  it('accepts a folder of its own, existing or not, inside the workspace or RUNNER_TEMP', async () => {
    expect(await problem(join(root, 'temp', 'tiktoken_cache'))).toBeUndefined();
    expect(await problem(join(root, 'work', 'repo', 'tiktoken_cache', 'deeper'))).toBeUndefined();
  });

  it.each([
    ['/', /is a filesystem root/],
    ['temp', /is RUNNER_TEMP/],
    ['work/repo', /is the workspace/],
    ['work', /contains the workspace/],
    ['.', /contains the workspace/],
    ['temp/oneapi-offline-staging/run-x', /inside the staging folder .* which the run deletes/],
  ])('refuses %s', async (path, reason) => {
    expect(await problem(path === '/' ? '/' : join(root, path))).toMatch(reason);
  });

  it('sees through symlinks: a link to a folder holding the workspace is refused', async () => {
    await symlink(root, join(root, 'work', 'repo', 'link'));
    expect(await problem(join(root, 'work', 'repo', 'link'))).toMatch(new RegExp(`link: ${root} contains the workspace`));
    expect(await problem(join(root, 'work', 'repo', 'link', 'temp', 'new-cache'))).toBeUndefined();
  });

  it('refuses a dangling symlink, a file, and a path under a file', async () => {
    await symlink(join(root, 'gone'), join(root, 'dangling'));
    await writeFile(join(root, 'file'), 'x');
    expect(await problem(join(root, 'dangling'))).toMatch(/symlink to nothing/);
    expect(await problem(join(root, 'file'))).toMatch(/it is a file/);
    expect(await problem(join(root, 'file', 'sub'))).toMatch(/a part of the path is a file, not a folder \(ENOTDIR\)/);
  });
});
