import { describe, expect, it } from 'vitest';
import { parseHeader } from '../../../src/tar/tar-header.js';
import { tarEntries } from '../../../src/tar/tar-entries.js';
import { tar, type TarItem } from '../image/build-tar.js';

async function* chunks(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(bytes: Buffer, chunkSize: number, readBodies = true) {
  const out: Array<{ name: string; type: string; linkname: string; data: string }> = [];
  for await (const entry of tarEntries(chunks(bytes, chunkSize))) {
    const parts: Buffer[] = [];
    if (readBodies) for await (const p of entry.body) parts.push(p);
    out.push({ name: entry.name, type: entry.type, linkname: entry.linkname, data: Buffer.concat(parts).toString() });
  }
  return out;
}

const longDir = `tiktoken_cache/${'d'.repeat(120)}`;
const items: TarItem[] = [
  { type: 'dir', name: 'tiktoken_cache/' },
  { type: 'file', name: 'tiktoken_cache/a', data: 'alpha\n' },
  { type: 'file', name: `${longDir}/pax-file`, data: 'x'.repeat(1500), longName: 'pax' },
  { type: 'file', name: `${longDir}/gnu-file`, data: '', longName: 'gnu' },
  { type: 'symlink', name: 'tiktoken_cache/s', target: 'a' },
  { type: 'hardlink', name: 'tiktoken_cache/h', target: 'tiktoken_cache/a' },
];

describe('tarEntries', () => {
  it.each([1, 7, 512, 4096, 1 << 20])('reads ustar, pax and GNU long names with %i-byte chunks', async (size) => {
    const entries = await collect(tar(items), size);
    expect(entries.map((e) => e.name)).toEqual(items.map((i) => i.name));
    expect(entries.map((e) => e.type)).toEqual(['directory', 'file', 'file', 'file', 'symlink', 'hardlink']);
    expect(entries[1]?.data).toBe('alpha\n');
    expect(entries[2]?.data).toBe('x'.repeat(1500));
    expect(entries[4]?.linkname).toBe('a');
  });

  it('reports modes (setuid kept, type bits dropped), numeric owners (pax uid/gid win) and device numbers', async () => {
    const out: Array<[string, string, number, number, number, string, number, number]> = [];
    const bytes = tar([
      { type: 'file', name: 'a', data: 'x', mode: 0o104755, uid: 1000, gid: 2000 },
      { type: 'pax', records: { uid: '70000', gid: '80000' } },
      { type: 'file', name: 'b', data: 'y', uid: 5, gid: 6 },
      { type: 'dir', name: 'd/', mode: 0o700 },
      { type: 'raw', flag: '3', name: 'null', devmajor: 1, devminor: 3 },
      { type: 'raw', flag: '6', name: 'fifo' },
    ]);
    for await (const e of tarEntries(chunks(bytes, 512))) out.push([e.name, e.type, e.mode, e.uid, e.gid, e.device, e.devmajor, e.devminor]);
    expect(out).toEqual([
      ['a', 'file', 0o4755, 1000, 2000, '', 0, 0],
      ['b', 'file', 0o644, 70000, 80000, '', 0, 0],
      ['d/', 'directory', 0o700, 0, 0, '', 0, 0],
      ['null', 'special', 0o644, 0, 0, '3', 1, 3],
      ['fifo', 'special', 0o644, 0, 0, '6', 0, 0],
    ]);
  });

  it('skips bodies the caller does not read', async () => {
    const entries = await collect(tar(items), 100, false);
    expect(entries.map((e) => e.name)).toEqual(items.map((i) => i.name));
  });

  it('rejects a corrupt header', async () => {
    const bytes = tar(items);
    bytes[600] = (bytes[600] ?? 0) ^ 0xff; // inside the second header
    await expect(collect(bytes, 512)).rejects.toThrow(/checksum/);
  });

  it('rejects a truncated stream', async () => {
    const bytes = tar([{ type: 'file', name: 'f', data: 'y'.repeat(2000) }]);
    await expect(collect(bytes.subarray(0, 1200), 512)).rejects.toThrow(/truncated/);
  });

  it('reads GNU base-256 sizes', () => {
    const block = tar([{ type: 'file', name: 'big', data: '' }]).subarray(0, 512);
    block.fill(0, 124, 136);
    block[124] = 0x80;
    block[135] = 0x05;
    block.fill(0x20, 148, 156);
    let sum = 0;
    for (const b of block) sum += b;
    block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    expect(parseHeader(block).size).toBe(5);
  });
});
