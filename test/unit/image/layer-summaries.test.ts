// Layer summaries: a base read once is not read again by a later verification; a summary is
// trusted only if it names exactly that layer and its checksum holds, and only written after
// a read whose digest check passed. The base layer's blob is corrupted after the first run, so
// a test sees at once whether the second run read it (the digest check would fail) or not.
import { chmod, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layerSummaries } from '../../../src/image/layer-summaries.js';
import type { Expectations } from '../../../src/image/report.js';
import { verifyImage } from '../../../src/image/verify-image.js';
import { memoryLogger } from '../../../src/log/logger.js';
import { image, index, layer, sha256, writeLayout, type Blob, type TarItem } from './build-tar.js';

const A = { name: '9b5ad71b2ce5302211f9c61530b329a4922fc6a4', data: 'rank table A\n'.repeat(50) };
const expectations: Expectations = { cachePath: '/tiktoken_cache', files: [{ cacheFile: A.name, sha256: sha256(A.data), size: Buffer.byteLength(A.data) }] };
const ENV = ['TIKTOKEN_CACHE_DIR=/tiktoken_cache', 'DATA_GYM_CACHE_DIR=/tiktoken_cache'];
const top = layer([{ type: 'dir', name: 'tiktoken_cache/' }, { type: 'file', name: `tiktoken_cache/${A.name}`, data: A.data }]);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layer-summaries-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function layout(name: string, base: Blob): Promise<string> {
  const built = image({ os: 'linux', architecture: 'amd64' }, ENV, [base, top]);
  const idx = index([built.manifest], false);
  return writeLayout(join(dir, name), idx.index, [...built.blobs, ...idx.blobs]);
}

const blobPath = (path: string, b: Blob) => join(path, 'blobs', 'sha256', b.digest.slice('sha256:'.length));

async function verify(path: string, summaryDir: string, notes: string[] = []) {
  const log = memoryLogger();
  const report = await verifyImage({ kind: 'oci-archive', path }, expectations, { log, summaries: layerSummaries(summaryDir, (why) => notes.push(why)) });
  return report;
}

const base = (items: TarItem[]): Blob => layer([{ type: 'dir', name: 'bin/' }, { type: 'file', name: 'bin/sh', data: 'sh' }, ...items]);

describe('layer summaries', () => {
  it('a base read once is not read again: the second verification reads only the layers it has not seen', async () => {
    const b = base([]);
    const path = await layout('reuse', b);
    const summaries = join(dir, 'summaries-reuse');
    const first = await verify(path, summaries);
    expect(first.ok).toBe(true);
    expect(await readdir(summaries)).toHaveLength(2);
    // Corrupt the base's blob: reading it now would fail its digest check.
    await writeFile(blobPath(path, b), 'not the layer');
    const second = await verify(path, summaries);
    expect(second.ok).toBe(true);
    // Without the summaries the corruption is found: the test above could fail.
    const fresh = await verify(path, join(dir, 'summaries-none'));
    expect(fresh.ok).toBe(false);
    expect(fresh.platforms[0]?.problems.join()).toMatch(new RegExp(`layer 1/2 ${b.digest}`));
  });

  it('summaries in a folder others may write to are not trusted', async () => {
    const b = base([]);
    const path = await layout('shared-folder', b);
    const summaries = join(dir, 'summaries-shared');
    expect((await verify(path, summaries)).ok).toBe(true);
    await writeFile(blobPath(path, b), 'not the layer');
    await chmod(summaries, 0o777);
    const notes: string[] = [];
    const report = await verify(path, summaries, notes);
    expect(report.ok).toBe(false);
    expect(notes.join('\n')).toMatch(/not a folder only this user may write to/);
    await chmod(summaries, 0o700);
    expect((await verify(path, summaries)).ok).toBe(true);
  });

  it('a summary whose checksum does not hold is not trusted: the layer is read, and its stray file found', async () => {
    const b = base([{ type: 'file', name: 'tiktoken_cache/stray', data: 'TOKEN=x' }]);
    const path = await layout('tampered', b);
    const summaries = join(dir, 'summaries-tampered');
    expect((await verify(path, summaries)).ok).toBe(false);
    // Someone edits the base's summary to drop the stray file, without the checksum to match.
    for (const name of await readdir(summaries)) {
      const file = join(summaries, name);
      const text = await readFile(file, 'utf8');
      if (text.includes('tiktoken_cache/stray')) await writeFile(file, text.replace(/\["tiktoken_cache\/stray"[^\]]*\],?/, '').replace(',]', ']'));
    }
    const notes: string[] = [];
    const again = await verify(path, summaries, notes);
    expect(again.ok).toBe(false);
    expect(again.platforms[0]?.consumers[0]?.otherFiles).toEqual(['stray']);
    expect(notes.join('\n')).toMatch(/checksum does not hold; reading the layer/);
  });

  it("a summary of another layer put in this layer's place is not trusted", async () => {
    const clean = base([]);
    const dirty = base([{ type: 'file', name: 'tiktoken_cache/stray', data: 'TOKEN=x' }]);
    const summaries = join(dir, 'summaries-swapped');
    const cleanPath = await layout('swap-clean', clean);
    const dirtyPath = await layout('swap-dirty', dirty);
    expect((await verify(cleanPath, summaries)).ok).toBe(true);
    const before = new Set(await readdir(summaries));
    expect((await verify(dirtyPath, summaries)).ok).toBe(false);
    const dirtyFile = (await readdir(summaries)).find((n) => !before.has(n)) as string;
    let cleanText = '';
    for (const n of before) {
      const text = await readFile(join(summaries, n), 'utf8');
      if (text.includes(clean.digest)) cleanText = text;
    }
    expect(cleanText).not.toBe('');
    // The clean layer's (valid, checksummed) summary copied over the dirty layer's.
    await writeFile(join(summaries, dirtyFile), cleanText);
    const notes: string[] = [];
    const report = await verify(dirtyPath, summaries, notes);
    expect(report.ok).toBe(false);
    expect(report.platforms[0]?.consumers[0]?.otherFiles).toEqual(['stray']);
    expect(notes.join('\n')).toMatch(/summarizes another layer/);
  });

  it("keeps modes, owners and the bytes of /etc/passwd: a USER's verdict comes back without reading the base", async () => {
    const b = layer([
      { type: 'dir', name: 'etc/' },
      { type: 'file', name: 'etc/passwd', data: 'root:x:0:0::/:/bin/sh\napp:x:1000:1000::/:/bin/sh\n' },
      { type: 'dir', name: 'tiktoken_cache/', mode: 0o700, uid: 1000 },
    ]);
    const owned = layer([{ type: 'file', name: `tiktoken_cache/${A.name}`, data: A.data, mode: 0o600, uid: 1000 }]);
    const build = async (name: string, user: string): Promise<string> => {
      const built = image({ os: 'linux', architecture: 'amd64' }, ENV, [b, owned], undefined, user);
      const idx = index([built.manifest], false);
      return writeLayout(join(dir, name), idx.index, [...built.blobs, ...idx.blobs]);
    };
    const path = await build('owned', 'app');
    const summaries = join(dir, 'summaries-owned');
    expect((await verify(path, summaries)).ok).toBe(true);
    await writeFile(blobPath(path, b), 'not the layer');
    // The folder's owner and mode, the file's, and app's uid all come from the summaries.
    expect((await verify(path, summaries)).ok).toBe(true);
    const other = await build('owned-other', '1001');
    await writeFile(blobPath(other, b), b.bytes);
    const denied = await verify(other, summaries);
    expect(denied.ok).toBe(false);
    expect(denied.platforms[0]?.consumers[0]?.findings[0]?.problem).toMatch(/the folder \/tiktoken_cache is mode 0700 owned by 1000:0/);
  });

  it('is written only after a read whose digest check passed', async () => {
    const b = base([]);
    const path = await layout('corrupt', b);
    await writeFile(blobPath(path, b), Buffer.concat([b.bytes.subarray(0, b.bytes.length - 1), Buffer.from([b.bytes[b.bytes.length - 1]! ^ 1])]));
    const summaries = join(dir, 'summaries-corrupt');
    const report = await verify(path, summaries);
    expect(report.ok).toBe(false);
    const kept = await Promise.all((await readdir(summaries).catch(() => [] as string[])).map((n) => readFile(join(summaries, n), 'utf8')));
    expect(kept.some((text) => text.includes(b.digest))).toBe(false);
    expect(kept.some((text) => text.includes(top.digest))).toBe(true);
  });
});
