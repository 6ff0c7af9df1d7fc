import { chmod, mkdir, mkdtemp, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { LAYOUT_LOCK_NOISE, openLayoutRun } from '../../../src/build/layout-pool.js';
import { engineBlobsDir } from '../../../src/cache/kept-folders.js';
import { sha256Hex } from '../../../src/oci/digest.js';

let root: string;
let pool: string;
let temp: string;
let ignored: string[];
const note = (why: string): void => void ignored.push(why);

/**
 * What buildx writes into a layout folder: blobs named by digest (a manifest, its config and
 * these layers), index.json naming the manifest. Returns the layers' hex digests.
 */
async function exportInto(dir: string, layers: readonly string[]): Promise<string[]> {
  const blobs = join(dir, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  const put = async (bytes: string): Promise<{ digest: string; size: number }> => {
    const hex = sha256Hex(bytes);
    await writeFile(join(blobs, hex), bytes);
    return { digest: `sha256:${hex}`, size: Buffer.byteLength(bytes) };
  };
  const config = await put(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }));
  const layerDescriptors = await Promise.all(layers.map(async (l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...(await put(l)) })));
  const manifest = await put(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config }, layers: layerDescriptors }));
  await writeFile(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest }] }));
  return layers.map((l) => sha256Hex(l));
}

const kept = async (): Promise<string[]> => (await readdir(join(pool, 'blobs', 'sha256'))).sort();

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'layout-pool-'));
  pool = join(root, 'pool');
  temp = join(root, 'temp');
  ignored = [];
});

describe("Engine's layout folders, seeded with the blobs earlier runs kept", () => {
  it('lives under RUNNER_TEMP in Actions, else the cache root', () => {
    expect(engineBlobsDir('/r', '/c')).toBe('/r/oneapi-offline-engine-blobs');
    expect(engineBlobsDir(undefined, '/c')).toBe('/c/oneapi-offline-engine-blobs');
  });

  it('a second run starts with the first run\'s blobs (same files), never its index.json; close removes the run folder only', async () => {
    const first = await openLayoutRun(pool, temp, note);
    expect(first.dir.startsWith(join(pool, 'runs'))).toBe(true);
    const names = await exportInto(first.dir, ['base layer', 'encoder layer']);
    await first.keep();
    await first.close();
    const second = await openLayoutRun(pool, temp, note);
    const seeded = (await readdir(join(second.dir, 'blobs', 'sha256'))).sort();
    expect(seeded).toEqual(await kept());
    expect(seeded).toEqual(expect.arrayContaining(names));
    expect(await readdir(second.dir)).toEqual(['blobs']);
    const a = await stat(join(second.dir, 'blobs', 'sha256', names[0] as string));
    const b = await stat(join(pool, 'blobs', 'sha256', names[0] as string));
    expect(a.ino).toBe(b.ino);
    await second.close();
    expect(await readdir(join(pool, 'runs'))).toEqual([]);
    expect((await kept()).length).toBe(4);
    expect(ignored).toEqual([]);
  });

  it('two runs at once each get their own folder; both keep their blobs', async () => {
    const [x, y] = await Promise.all([openLayoutRun(pool, temp, note), openLayoutRun(pool, temp, note)]);
    expect(x?.dir).not.toBe(y?.dir);
    await exportInto(x!.dir, ['shared', 'only x']);
    await exportInto(y!.dir, ['shared', 'only y']);
    await Promise.all([x!.keep(), y!.keep()]);
    // shared, only x, only y, one config (the same bytes), two manifests
    expect((await kept()).length).toBe(6);
  });

  it('a pool folder others may write to is not used: a plain folder under tempDir instead, and it is said', async () => {
    await mkdir(pool, { recursive: true });
    await chmod(pool, 0o777);
    const run = await openLayoutRun(pool, temp, note);
    expect(run.dir.startsWith(temp)).toBe(true);
    await exportInto(run.dir, ['x']);
    await run.keep();
    expect(await readdir(pool)).toEqual([]);
    expect(ignored.join('\n')).toMatch(/not one only this user may write to/);
    await run.close();
  });

  it("forgets blobs no run's image used for two weeks and run folders left a day ago; what the image uses is kept", async () => {
    const run = await openLayoutRun(pool, temp, note);
    const [oldBase, encoder] = await exportInto(run.dir, ['base v1', 'encoder layer']);
    await run.keep();
    await run.close();
    const longAgo = new Date(Date.now() - 15 * 24 * 3600 * 1000);
    for (const name of await kept()) await utimes(join(pool, 'blobs', 'sha256', name), longAgo, longAgo);
    await mkdir(join(pool, 'runs', 'run-crashed'));
    await utimes(join(pool, 'runs', 'run-crashed'), longAgo, longAgo);
    await writeFile(join(pool, 'blobs', 'sha256', 'not-a-digest'), 'not a blob name: left alone');
    // The base moved on: the next image uses the same encoder layer over another base layer.
    const next = await openLayoutRun(pool, temp, note);
    const [newBase] = await exportInto(next.dir, ['base v2', 'encoder layer']);
    await next.keep();
    await next.close();
    const left = await kept();
    expect(left).toEqual(expect.arrayContaining([encoder, newBase, 'not-a-digest']));
    expect(left).not.toContain(oldBase);
    expect(await readdir(join(pool, 'runs'))).toEqual([]);
    expect(await readFile(join(pool, 'blobs', 'sha256', 'not-a-digest'), 'utf8')).toBe('not a blob name: left alone');
  });

  it("buildx's lock message while both platforms write one blob is recognised exactly (and nothing else)", () => {
    // As buildx 0.13 printed it here, exporting to a layout folder on Engine's builder.
    const line = 'ERROR: (*service).Write failed: rpc error: code = Unavailable desc = ref layer-sha256:d70b645303679317772dfbdd9d0473dbd18abbf5f91c6783833da52b02d4932d locked for 203.281283ms (since 2026-11-29 20:20:49.353432878 +0000 UTC m=+1.064831682): unavailable';
    expect(LAYOUT_LOCK_NOISE.test(line)).toBe(true);
    expect(LAYOUT_LOCK_NOISE.test('ERROR: failed to solve: process "/bin/sh -c false" did not complete successfully: exit code: 1')).toBe(false);
    expect(LAYOUT_LOCK_NOISE.test(`${line} and more`)).toBe(false);
  });
});
