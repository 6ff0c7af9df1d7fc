import { mkdir, mkdtemp, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stageCacheDir } from '../../../src/build/stage-cache.js';

describe('stageCacheDir', () => {
  it('copies every file and folder with its mtime set to the epoch, leaving the source alone', async () => {
    const root = await mkdtemp(join(tmpdir(), 'stage-'));
    const source = join(root, 'cache');
    await mkdir(join(source, 'sub'), { recursive: true });
    await writeFile(join(source, 'a'), 'A');
    await writeFile(join(source, 'sub', 'b'), 'B');
    await utimes(join(source, 'a'), 1_000, 1_000);
    const staged = await stageCacheDir(source, join(root, 'staged'), 1_700_000_000);
    for (const path of ['', 'a', 'sub', 'sub/b']) {
      expect((await stat(join(staged, path))).mtimeMs).toBe(1_700_000_000_000);
    }
    expect(await readFile(join(staged, 'sub', 'b'), 'utf8')).toBe('B');
    expect((await stat(join(source, 'a'))).mtimeMs).toBe(1_000_000);
  });
});
