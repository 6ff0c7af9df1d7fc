import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tarEntries } from '../../../src/encoders/tar-entries.js';

// Archives written by the system tar, in the formats people produce.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tar-'));
  await mkdir(join(dir, 'in', 'sub'), { recursive: true });
  await writeFile(join(dir, 'in', 'a.tiktoken'), 'alpha\n');
  await writeFile(join(dir, 'in', 'sub', `${'long-name-'.repeat(12)}.bpe`), Buffer.alloc(1300, 7));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function tar(format: string): Buffer {
  const out = join(dir, `${format}.tar`);
  execFileSync('tar', [`--format=${format}`, '-cf', out, '-C', join(dir, 'in'), '.']);
  return execFileSync('cat', [out]);
}

describe('tarEntries', () => {
  it.each(['gnu', 'posix', 'ustar'])('reads regular files of a %s archive', async (format) => {
    if (format === 'ustar') {
      // ustar cannot hold a 125-character name; keep the short one only.
      const out = join(dir, 'ustar.tar');
      execFileSync('tar', ['--format=ustar', '-cf', out, '-C', join(dir, 'in'), './a.tiktoken']);
      expect((await tarEntries(await readFile(out))).map((e) => [e.name, e.bytes.toString()])).toEqual([['./a.tiktoken', 'alpha\n']]);
      return;
    }
    const entries = await tarEntries(tar(format));
    const byName = new Map(entries.map((e) => [e.name, e.bytes]));
    expect(byName.get('./a.tiktoken')?.toString()).toBe('alpha\n');
    expect(byName.get(`./sub/${'long-name-'.repeat(12)}.bpe`)).toEqual(Buffer.alloc(1300, 7));
    expect(entries).toHaveLength(2);
  });

  it.each([
    ['a damaged header', () => Buffer.concat([Buffer.from('x'.repeat(512)), Buffer.alloc(1024)]), /tar header/],
    ['a cut-off archive', () => tar('gnu').subarray(0, 1600), /truncated|checksum/],
  ])('rejects %s', async (_name, make, message) => {
    await expect(tarEntries(make())).rejects.toThrow(message);
  });
});
