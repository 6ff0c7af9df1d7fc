import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSource, openSource } from '../../../src/encoders/local-source.js';
import { selectFiles } from '../../../src/encoders/selection.js';
import { InputError } from '../../../src/errors.js';

const [cl100k, vocab] = selectFiles(['cl100k_base', 'gpt2']) as [ReturnType<typeof selectFiles>[number], ...ReturnType<typeof selectFiles>];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'source-'));
  await mkdir(join(dir, 'folder', 'cache'), { recursive: true });
  await writeFile(join(dir, 'folder', 'cl100k_base.tiktoken'), 'by upstream name');
  await writeFile(join(dir, 'folder', 'cache', cl100k.cacheFile), 'by sha1 name, one down');
  await mkdir(join(dir, 'folder', 'a', 'b'), { recursive: true });
  await writeFile(join(dir, 'folder', 'a', 'b', 'vocab.bpe'), 'too deep');
  await writeFile(join(dir, 'notes.txt'), 'not a tarball');
  execFileSync('tar', ['-czf', join(dir, 'files.tar.gz'), '-C', join(dir, 'folder'), '.']);
  execFileSync('tar', ['-cf', join(dir, 'files.tar'), '-C', dir, 'folder']);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function contents(path: string, file: typeof cl100k): Promise<string[]> {
  const source = await openSource(path);
  return source.candidates(file).map((c) => ('bytes' in c.from ? Buffer.from(c.from.bytes).toString() : c.display));
}

describe('local source', () => {
  it('finds a file by sha1 name first, then by upstream name, at most one folder down (folder)', async () => {
    expect(await contents(join(dir, 'folder'), cl100k)).toEqual([
      join(dir, 'folder', 'cache', cl100k.cacheFile),
      join(dir, 'folder', 'cl100k_base.tiktoken'),
    ]);
    expect(await contents(join(dir, 'folder'), vocab!)).toEqual([]);
  });

  it.each(['files.tar.gz', 'files.tar'])('reads %s without extracting it', async (name) => {
    expect(await contents(join(dir, name), cl100k)).toEqual(
      name === 'files.tar' ? ['by upstream name'] : ['by sha1 name, one down', 'by upstream name'],
    );
  });

  it.each([
    ['a missing path', 'nope', /does not exist/],
    ['a file that is not a tarball', 'notes.txt', /not \.tar/],
  ])('rejects %s, naming the input and the fix', async (_name, path, reason) => {
    const error = await checkSource(join(dir, path)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe('source');
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).toContain('fix:');
  });

  it('rejects a tarball that is not one', async () => {
    await writeFile(join(dir, 'fake.tgz'), 'plain text, not gzip nor tar'.repeat(40));
    await expect(openSource(join(dir, 'fake.tgz'))).rejects.toThrow(/input "source".*\n.*cannot read it/);
  });
});
