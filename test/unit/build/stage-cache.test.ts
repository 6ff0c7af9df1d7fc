import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stageCacheDir } from '../../../src/build/stage-cache.js';
import { layOutBytes } from '../../../src/encoders/lay-out-bytes.js';
import { IntegrityError, InputError } from '../../../src/errors.js';
import { encoderBytes } from '../../support/encoder-bytes.js';

let root: string;
let cache: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'stage-'));
  cache = join(root, 'repo');
  await mkdir(join(cache, '.git'), { recursive: true });
  // A repository folder used as cache-dir: its secrets must never reach the build context.
  await writeFile(join(cache, '.env'), 'API_KEY=sk-secret\n');
  await writeFile(join(cache, '.git', 'config'), '[remote "origin"]\n\turl = https://x-access-token:ghp_secret@github.com/o/r\n');
  await writeFile(join(cache, 'README.md'), 'hello');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('stageCacheDir', () => {
  it('holds only the verified files and manifest.json, whatever else is in cache-dir', async () => {
    const layout = await layOutBytes(cache, ['r50k_base', 'gpt2'], (file) => encoderBytes(file.id as 'r50k_base'));
    const staged = await stageCacheDir({ cacheDir: cache, manifest: layout.manifest }, join(root, 'context'));
    const expected = [...layout.manifest.files.map((f) => f.cacheFile), 'manifest.json'].sort();
    expect((await readdir(staged)).sort()).toEqual(expected);
    expect(await readFile(join(staged, 'manifest.json'), 'utf8')).toBe(await readFile(join(cache, 'manifest.json'), 'utf8'));
    // Without the manifest in hand it reads the folder's own manifest.json: same result.
    const again = await stageCacheDir({ cacheDir: cache }, join(root, 'context2'));
    expect((await readdir(again)).sort()).toEqual(expected);
  });

  it('dates every entry at the epoch, leaving the source alone', async () => {
    const layout = await layOutBytes(cache, ['r50k_base'], (file) => encoderBytes(file.id as 'r50k_base'));
    const name = layout.manifest.files[0]!.cacheFile;
    await utimes(join(cache, name), 1_000, 1_000);
    const staged = await stageCacheDir({ cacheDir: cache, manifest: layout.manifest }, join(root, 'staged'), 1_700_000_000);
    for (const path of ['', name, 'manifest.json']) {
      expect((await stat(join(staged, path))).mtimeMs).toBe(1_700_000_000_000);
    }
    expect((await stat(join(cache, name))).mtimeMs).toBe(1_000_000);
  });

  it('refuses a file that changed since it was verified, and a folder that has no manifest of ours', async () => {
    const layout = await layOutBytes(cache, ['r50k_base'], (file) => encoderBytes(file.id as 'r50k_base'));
    await writeFile(join(cache, layout.manifest.files[0]!.cacheFile), 'swapped');
    await expect(stageCacheDir({ cacheDir: cache, manifest: layout.manifest }, join(root, 'c1'))).rejects.toBeInstanceOf(IntegrityError);
    await writeFile(join(cache, 'manifest.json'), '{"name":"someone else"}');
    const error = await stageCacheDir({ cacheDir: cache }, join(root, 'c2')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/cache-dir .* is not a folder this action prepared/);
  });

  it('refuses a manifest that lists a pinned file with other bytes than its pin', async () => {
    const layout = await layOutBytes(cache, ['r50k_base'], (file) => encoderBytes(file.id as 'r50k_base'));
    const forged = { ...layout.manifest, files: layout.manifest.files.map((f) => ({ ...f, sha256: '0'.repeat(64) })) };
    await writeFile(join(cache, 'manifest.json'), JSON.stringify(forged));
    await expect(stageCacheDir({ cacheDir: cache }, join(root, 'c3'))).rejects.toThrow(/other bytes than its pin/);
  });
});
