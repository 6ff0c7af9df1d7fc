import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTarMember } from '../../support/oci-archive.js';
import { nameArchive, namedIndex, ustarHeader } from '../../../src/oci/name-archive.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function member(name: string, data: Buffer): Buffer {
  return Buffer.concat([ustarHeader(name, data.length), data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}

const ROOT = { mediaType: 'application/vnd.oci.image.index.v1+json', digest: `sha256:${'a'.repeat(64)}`, size: 10 };
const INDEX = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [ROOT] });

describe('nameArchive', () => {
  it('names the image once per tag in index.json, keeps every other member, and system tar still reads it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'name-archive-'));
    dirs.push(dir);
    const path = join(dir, 'image.oci.tar');
    const blob = Buffer.alloc(3000, 7);
    await writeFile(path, Buffer.concat([member('blobs/sha256/' + 'b'.repeat(64), blob), member('index.json', Buffer.from(INDEX)), member('oci-layout', Buffer.from('{"imageLayoutVersion":"1.0.0"}')), Buffer.alloc(1024)]));
    await nameArchive(path, ['r.io/a:offline-v1', 'r.io/a:offline']);
    const index = JSON.parse((await readTarMember(path, 'index.json'))!.toString()) as { manifests: Array<{ digest: string; annotations: Record<string, string> }> };
    expect(index.manifests.map((m) => [m.digest, m.annotations['io.containerd.image.name'], m.annotations['org.opencontainers.image.ref.name']])).toEqual([
      [ROOT.digest, 'r.io/a:offline-v1', 'offline-v1'],
      [ROOT.digest, 'r.io/a:offline', 'offline'],
    ]);
    expect((await readTarMember(path, 'oci-layout'))?.toString()).toContain('imageLayoutVersion');
    expect((await readTarMember(path, `blobs/sha256/${'b'.repeat(64)}`))?.equals(blob)).toBe(true);
    expect(execFileSync('tar', ['tf', path], { encoding: 'utf8' }).trim().split('\n')).toEqual([`blobs/sha256/${'b'.repeat(64)}`, 'index.json', 'oci-layout']);
  });

  it('an archive without index.json is an error and is left alone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'name-archive-'));
    dirs.push(dir);
    const path = join(dir, 'x.tar');
    const bytes = Buffer.concat([member('other', Buffer.from('x')), Buffer.alloc(1024)]);
    await writeFile(path, bytes);
    await expect(nameArchive(path, ['r.io/a:v1'])).rejects.toThrow(/no index.json/);
  });

  it('namedIndex refuses an index that lists no image', () => {
    expect(() => namedIndex('{"manifests":[]}', ['r.io/a:v1'])).toThrow(/no image/);
  });
});
