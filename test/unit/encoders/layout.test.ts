import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { layOutBytes } from '../../../src/encoders/lay-out-bytes.js';
import { writeLayout, type LayoutEntry } from '../../../src/encoders/layout.js';
import { selectFiles } from '../../../src/encoders/selection.js';
import { IntegrityError } from '../../../src/errors.js';
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
    expect([...result.written].sort()).toEqual(entries.map((e) => e.file.cacheFile).sort());
    expect(await readFile(a!)).toEqual(one);
    expect(await readFile(b!)).toEqual(two);
  });

  it('refuses bytes that miss their pin: nothing under the final name, no temp file', async () => {
    const [entry] = extras(['one', one]);
    await expect(writeLayout(dir, [{ file: entry!.file, from: { bytes: two } }])).rejects.toBeInstanceOf(IntegrityError);
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes files only its previous manifest listed and its own stale temp files; leaves others alone', async () => {
    await writeLayout(dir, extras(['one', one], ['two', two]));
    await writeFile(join(dir, 'README'), 'not ours');
    await writeFile(join(dir, '.oneapi-offline-deadbeef.tmp'), 'left by a crash');
    const [keep] = extras(['one', one]);
    const result = await writeLayout(dir, [keep!]);
    expect((await readdir(dir)).sort()).toEqual([keep!.file.cacheFile, 'README', 'manifest.json'].sort());
    expect(result.foreign).toEqual(['README']);
    expect(result.removed).toHaveLength(2);
  });

  it('lays out real pinned bytes with their size checked (layOutBytes for other suites)', async () => {
    const result = await layOutBytes(dir, ['r50k_base'], (file) => encoderBytes(file.id as 'r50k_base'));
    expect(result.written).toEqual(['0ea1e91bbb3a60f729a8dc8f777fd2fc07cd8df4']);
    const bytes = await readFile(join(dir, '0ea1e91bbb3a60f729a8dc8f777fd2fc07cd8df4'));
    expect(sha256(bytes)).toBe(PINNED_FILES.r50k_base.sha256);
    await expect(layOutBytes(dir, ['cl100k_base'], async () => one)).rejects.toThrow(/cl100k_base/);
  });
});
