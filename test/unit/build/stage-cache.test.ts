import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contextLayout, stageCacheDir, stageSources } from '../../../src/build/stage-cache.js';
import { selectFiles } from '../../../src/encoders/selection.js';
import { sha256Hex } from '../../../src/oci/digest.js';
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

  it('dates every entry at 1970-01-01 whatever the source says (a cached COPY must not bring back another date), leaving the source alone', async () => {
    const layout = await layOutBytes(cache, ['r50k_base'], (file) => encoderBytes(file.id as 'r50k_base'));
    const name = layout.manifest.files[0]!.cacheFile;
    await utimes(join(cache, name), 1_000, 1_000);
    const staged = await stageCacheDir({ cacheDir: cache, manifest: layout.manifest }, join(root, 'staged'));
    for (const path of ['', name, 'manifest.json']) {
      expect((await stat(join(staged, path))).mtimeMs).toBe(0);
    }
    expect((await stat(join(cache, name))).mtimeMs).toBe(1_000_000);
  });

  it('tree layout: the files at cache-path inside, every folder from the context, fixed modes and dates whatever the umask', async () => {
    const layout = await layOutBytes(cache, ['r50k_base'], (file) => encoderBytes(file.id as 'r50k_base'));
    const name = layout.manifest.files[0]!.cacheFile;
    const previous = process.umask(0o077);
    let staged: string;
    try {
      staged = await stageCacheDir({ cacheDir: cache, manifest: layout.manifest }, join(root, 'tree'), { cachePath: '/opt/oneapi/tiktoken/' });
    } finally {
      process.umask(previous);
    }
    expect(staged).toBe(join(root, 'tree'));
    expect(await readdir(staged)).toEqual(['opt']);
    expect(await readdir(join(staged, 'opt'))).toEqual(['oneapi']);
    const folder = join(staged, 'opt', 'oneapi', 'tiktoken');
    // The opaque marker: the base's entries at cache-path are hidden in the image.
    expect((await readdir(folder)).sort()).toEqual([name, 'manifest.json', '.wh..wh..opq'].sort());
    expect((await stat(join(folder, '.wh..wh..opq'))).size).toBe(0);
    for (const dir of ['opt', 'opt/oneapi', 'opt/oneapi/tiktoken']) {
      const info = await stat(join(staged, dir));
      expect([dir, info.mode & 0o777, info.mtimeMs]).toEqual([dir, 0o755, 0]);
    }
    for (const file of [name, 'manifest.json', '.wh..wh..opq']) {
      const info = await stat(join(folder, file));
      expect([file, info.mode & 0o777, info.mtimeMs]).toEqual([file, 0o444, 0]);
    }
    // A second staging into the same place (the next run) replaces it.
    await stageCacheDir({ cacheDir: cache, manifest: layout.manifest }, join(root, 'tree'), { cachePath: '/tiktoken_cache' });
    expect(await readdir(join(root, 'tree'))).toEqual(['tiktoken_cache']);
    await expect(stageCacheDir({ cacheDir: cache, manifest: layout.manifest }, join(root, 'tree'), { cachePath: '/../etc' })).rejects.toThrow(/cache-path/);
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

describe('stageSources (the context staged beside prepare, from the bytes it acquired)', () => {
  it('gives the very tree and manifest.json that staging from the laid-out cache-dir gives', async () => {
    const layout = await layOutBytes(cache, ['r50k_base', 'gpt2'], (file) => encoderBytes(file.id as 'r50k_base'));
    const sources = await Promise.all(selectFiles(['r50k_base', 'gpt2']).map(async (file) => ({ file, from: { bytes: await encoderBytes(file.id as 'r50k_base') } })));
    const { name, layout: shape } = contextLayout(true, '/tiktoken_cache');
    expect(name).toBe('overlay-context');
    const beside = await stageSources(sources, join(root, 'beside'), shape);
    const after = await stageCacheDir({ cacheDir: cache, manifest: layout.manifest }, join(root, 'after'), shape);
    expect(beside.dir).toBe(join(root, 'beside'));
    expect(beside.manifest).toEqual(layout.manifest);
    const folder = (dir: string) => join(dir, 'tiktoken_cache');
    const names = (await readdir(folder(after))).sort();
    expect((await readdir(folder(beside.dir))).sort()).toEqual(names);
    for (const entry of names) {
      const [a, b] = await Promise.all([stat(join(folder(beside.dir), entry)), stat(join(folder(after), entry))]);
      expect([entry, a.mode & 0o777, a.mtimeMs, sha256Hex(await readFile(join(folder(beside.dir), entry)))]).toEqual([entry, b.mode & 0o777, b.mtimeMs, sha256Hex(await readFile(join(folder(after), entry)))]);
    }
    for (const dir of ['', 'tiktoken_cache']) expect((await stat(join(beside.dir, dir))).mtimeMs).toBe(0);
  });

  it('measures an extra pinned by hash only, and refuses bytes that miss a pin', async () => {
    const extra = Buffer.from('bXk= 0\n');
    const [file] = selectFiles([], [{ name: 'mine', url: 'https://example.test/mine.tiktoken', sha256: sha256Hex(extra) }]);
    const staged = await stageSources([{ file: file!, from: { bytes: extra } }], join(root, 'extra'), contextLayout(false, '/unused').layout);
    expect(staged.manifest.files.map((f) => [f.id, f.size])).toEqual([['mine', extra.length]]);
    expect(JSON.parse(await readFile(join(staged.dir, 'manifest.json'), 'utf8'))).toEqual(staged.manifest);
    const [r50k] = selectFiles(['r50k_base']);
    await expect(stageSources([{ file: r50k!, from: { bytes: Buffer.from('not the encoder') } }], join(root, 'bad'))).rejects.toBeInstanceOf(IntegrityError);
  });
});
