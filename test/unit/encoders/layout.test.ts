import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { layOutBytes } from '../../../src/encoders/lay-out-bytes.js';
import { RejectedEntries, writeLayout, type LayoutEntry } from '../../../src/encoders/layout.js';
import { UnreadableFile } from '../../../src/encoders/regular-file.js';
import { selectFiles } from '../../../src/encoders/selection.js';
import { IntegrityError, InputError } from '../../../src/errors.js';
import { PINNED_FILES } from '../../../src/pins.js';
import { encoderBytes } from '../../support/encoder-bytes.js';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const one = Buffer.from('YQ== 0\nYg== 1\n');
const two = Buffer.from('Yw== 0\n');

function extras(...specs: Array<[string, Buffer]>): LayoutEntry[] {
  const files = selectFiles(
    [],
    specs.map(([name, bytes]) => ({ name, url: `https://x.example/${name}.tiktoken`, sha256: sha256(bytes) })),
  );
  return files.map((file, i) => ({ file, from: { bytes: specs[i]![1] } }));
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layout-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeLayout', () => {
  it('writes sha1-named files and manifest.json, and leaves no temp files', async () => {
    const entries = extras(['one', one], ['two', two]);
    const result = await writeLayout(dir, entries);
    const names = entries.map((e) => e.file.cacheFile);
    expect((await readdir(dir)).sort()).toEqual([...names, 'manifest.json'].sort());
    expect(await readFile(join(dir, names[0]!))).toEqual(one);
    expect(result.written).toEqual(names);
    const manifest = JSON.parse(await readFile(result.manifestPath, 'utf8'));
    expect(manifest.files.map((f: { id: string; size: number }) => [f.id, f.size])).toEqual([
      ['one', one.length],
      ['two', two.length],
    ]);
  });

  it('is idempotent: a rerun writes nothing and leaves the same bytes', async () => {
    const entries = extras(['one', one], ['two', two]);
    await writeLayout(dir, entries);
    const before = await readFile(join(dir, 'manifest.json'), 'utf8');
    const again = await writeLayout(dir, entries);
    expect(again.written).toEqual([]);
    expect(again.unchanged).toHaveLength(2);
    expect(await readFile(join(dir, 'manifest.json'), 'utf8')).toBe(before);
  });

  it('repairs a damaged file and restores a missing one', async () => {
    const entries = extras(['one', one], ['two', two]);
    await writeLayout(dir, entries);
    const [a, b] = entries.map((e) => join(dir, e.file.cacheFile));
    await writeFile(a!, '<html>502 Bad Gateway</html>');
    await rm(b!);
    const result = await writeLayout(dir, entries);
    expect(result.written).toEqual([entries[1]!.file.cacheFile]);
    expect(result.replaced).toEqual([{ name: entries[0]!.file.cacheFile, was: { sha256: sha256(Buffer.from('<html>502 Bad Gateway</html>')), size: 28 } }]);
    expect(await readFile(a!)).toEqual(one);
    expect(await readFile(b!)).toEqual(two);
  });

  it('refuses bytes that miss their pin: nothing under the final name, no temp file', async () => {
    const [entry] = extras(['one', one]);
    await expect(writeLayout(dir, [{ file: entry!.file, from: { bytes: two } }])).rejects.toBeInstanceOf(IntegrityError);
    expect(await readdir(dir)).toEqual([]);
  });

  it('rejects unchecked bytes that miss their pin or cannot be read: nothing of theirs published, no manifest, its own new files removed', async () => {
    const [good, bad, gone] = extras(['one', one], ['two', two], ['three', one]);
    const wrong = join(dir, '..', `${dir.split('/').pop()}-wrong`);
    await writeFile(wrong, 'tampered\n');
    try {
      const error = await writeLayout(dir, [
        { file: good!.file, from: good!.from, unchecked: true },
        { file: bad!.file, from: { path: wrong }, unchecked: true },
        { file: gone!.file, from: { path: join(dir, '..', 'no-such-file') }, unchecked: true },
      ]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RejectedEntries);
      const rejected = (error as RejectedEntries).rejected;
      expect(rejected.map((r) => r.file.id)).toEqual(['two', 'three']);
      expect(rejected[0]!.problem).toBeInstanceOf(IntegrityError);
      expect(rejected[1]!.problem).toBeInstanceOf(UnreadableFile);
      // `one` was verified and written, then removed again: the folder is as it was found.
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await rm(wrong, { force: true });
    }
  });

  it('still fails the run on checked bytes that miss their pin, even beside unchecked ones', async () => {
    const [entry, other] = extras(['one', one], ['two', two]);
    const error = await writeLayout(dir, [
      { file: other!.file, from: other!.from, unchecked: true },
      { file: entry!.file, from: { bytes: two } },
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrityError);
    expect(await readdir(dir)).toEqual([other!.file.cacheFile]);
  });

  it('reports what each file holds, copied or already there', async () => {
    const entries = extras(['one', one], ['two', two]);
    await writeLayout(dir, entries.slice(0, 1));
    const result = await writeLayout(dir, entries);
    expect(Object.fromEntries(result.measured)).toEqual({ one: { sha256: sha256(one), size: one.length }, two: { sha256: sha256(two), size: two.length } });
  });

  it('removes only files its previous manifest listed, and reports them; others stay, .oneapi-offline-* too', async () => {
    await writeLayout(dir, extras(['one', one], ['two', two]));
    await writeFile(join(dir, 'README'), 'not ours');
    await writeFile(join(dir, '.oneapi-offline-deadbeef.tmp'), 'someone else named it so');
    const [keep, gone] = extras(['one', one], ['two', two]);
    const result = await writeLayout(dir, [keep!]);
    expect((await readdir(dir)).sort()).toEqual([keep!.file.cacheFile, '.oneapi-offline-deadbeef.tmp', 'README', 'manifest.json'].sort());
    expect(result.foreign).toEqual(['.oneapi-offline-deadbeef.tmp', 'README']);
    expect(result.removed).toEqual([gone!.file.cacheFile]);
    expect(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')).generator).toBe('oneapi-offline-action');
  });

  it('fails on a foreign manifest.json before writing anything, and deletes nothing it lists', async () => {
    const entries = extras(['one', one]);
    const victim = 'a'.repeat(40);
    const foreign = JSON.stringify({ tool: 'other', files: [{ cacheFile: victim }] });
    await writeFile(join(dir, 'manifest.json'), foreign);
    await writeFile(join(dir, victim), 'their data');
    const error = await writeLayout(dir, entries).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe('cache-dir');
    expect((error as InputError).message).toMatch(/manifest\.json was not written by this action[\s\S]*fix: .*empty folder[\s\S]*nothing in the folder was changed/);
    expect((await readdir(dir)).sort()).toEqual([victim, 'manifest.json'].sort());
    expect(await readFile(join(dir, 'manifest.json'), 'utf8')).toBe(foreign);
    expect(await readFile(join(dir, victim), 'utf8')).toBe('their data');
  });

  it('a manifest.json that is a folder, a symlink or a FIFO is foreign too (and never read)', async () => {
    const { execFileSync } = await import('node:child_process');
    const entries = extras(['one', one]);
    await mkdir(join(dir, 'manifest.json'));
    await expect(writeLayout(dir, entries)).rejects.toThrow(/not written by this action[\s\S]*is a folder/);
    await rm(join(dir, 'manifest.json'), { recursive: true });
    await symlink('/etc/hostname', join(dir, 'manifest.json'));
    await expect(writeLayout(dir, entries)).rejects.toThrow(/ELOOP/);
    await rm(join(dir, 'manifest.json'));
    execFileSync('mkfifo', [join(dir, 'manifest.json')]);
    await expect(writeLayout(dir, entries)).rejects.toThrow(/FIFO/);
  });

  it('does not overwrite a file of its name that no manifest of ours lists (e.g. a cached error page)', async () => {
    const [entry] = extras(['one', one]);
    await writeFile(join(dir, entry!.file.cacheFile), '<html>404</html>');
    const error = await writeLayout(dir, [entry!]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/no manifest\.json of this action lists it[\s\S]*fix: +delete/);
    expect(await readFile(join(dir, entry!.file.cacheFile), 'utf8')).toBe('<html>404</html>');
    expect(await readdir(dir)).toEqual([entry!.file.cacheFile]);
  });

  it('keeps a file of its name with the pinned bytes (an existing tiktoken cache) and adds its manifest', async () => {
    const [entry] = extras(['one', one]);
    await writeFile(join(dir, entry!.file.cacheFile), one);
    const result = await writeLayout(dir, [entry!]);
    expect(result.unchanged).toEqual([entry!.file.cacheFile]);
    expect(result.written).toEqual([]);
  });

  it('refuses a FIFO, a folder or a symlink under a cache name, fast and named', async () => {
    const { execFileSync } = await import('node:child_process');
    const [entry] = extras(['one', one]);
    const target = join(dir, entry!.file.cacheFile);
    execFileSync('mkfifo', [target]);
    await expect(writeLayout(dir, [entry!])).rejects.toThrow(/cache-dir .*FIFO/);
    await rm(target);
    await symlink('/dev/zero', target);
    await expect(writeLayout(dir, [entry!])).rejects.toThrow(/symlink/);
  });

  it('lays out real pinned bytes with their size checked (layOutBytes for other suites)', async () => {
    const result = await layOutBytes(dir, ['r50k_base'], (file) => encoderBytes(file.id as 'r50k_base'));
    expect(result.written).toEqual(['0ea1e91bbb3a60f729a8dc8f777fd2fc07cd8df4']);
    const bytes = await readFile(join(dir, '0ea1e91bbb3a60f729a8dc8f777fd2fc07cd8df4'));
    expect(sha256(bytes)).toBe(PINNED_FILES.r50k_base.sha256);
    await expect(layOutBytes(dir, ['cl100k_base'], async () => one)).rejects.toThrow(/cl100k_base/);
  });
});
