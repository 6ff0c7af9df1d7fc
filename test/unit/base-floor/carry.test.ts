// Where the carried files go, on each engine, and how the result is verified: the registry
// engine's layer (encoderTar), buildx's staged context (stageCarried), and merge mode's
// expectations read by the real verifier. Real temp folders, the real gpt2 bytes.
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BaseFloor } from '../../../src/base-floor/decide.js';
import { imageManifest, imageSet, mergeExpectations } from '../../../src/base-floor/image-set.js';
import { stageCarried } from '../../../src/base-floor/stage-carried.js';
import { contextLayout, stageSources } from '../../../src/build/stage-cache.js';
import { MANIFEST_FILE, buildManifest, serializeManifest } from '../../../src/encoders/manifest.js';
import { selectFiles, type ExtraEncoder, type SelectedFile } from '../../../src/encoders/selection.js';
import { IntegrityError } from '../../../src/errors.js';
import { expectationsFrom } from '../../../src/image/expectations.js';
import { verifyImage } from '../../../src/image/verify-image.js';
import { memoryLogger } from '../../../src/log/logger.js';
import { sha256Hex } from '../../../src/oci/digest.js';
import { encoderTar } from '../../../src/oci/encoder-layer.js';
import { tarEntries } from '../../../src/tar/tar-entries.js';
import { encoderBytes } from '../../support/encoder-bytes.js';
import { image, layer, writeLayout, type TarItem } from '../image/build-tar.js';

const DATA = 'a small rank table\n'.repeat(20);
const EXTRA: ExtraEncoder = { name: 'small', url: 'https://example.com/small.tiktoken', sha256: sha256Hex(DATA) };
const extraFile = selectFiles([], [EXTRA])[0] as SelectedFile;
const gpt2 = selectFiles(['gpt2']);
let root: string;
let floor: BaseFloor;
let prepared: { cacheDir: string; manifest: ReturnType<typeof buildManifest> };

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'carry-test-'));
  const cacheDir = join(root, 'cache');
  await stageSources([{ file: extraFile, from: { bytes: Buffer.from(DATA) } }], cacheDir);
  prepared = { cacheDir, manifest: buildManifest([extraFile], new Map([['small', DATA.length]])) };
  floor = { baseImage: 'b', served: gpt2, carried: await Promise.all(gpt2.map(async (file) => ({ file, bytes: await encoderBytes(file.id as 'gpt2-vocab-bpe') }))) };
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function entriesOf(tar: Buffer): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const entry of tarEntries((async function* () {
    yield tar;
  })())) {
    const parts: Buffer[] = [];
    for await (const part of entry.body) parts.push(Buffer.from(part));
    out.set(entry.name, sha256Hex(Buffer.concat(parts)));
  }
  return out;
}

describe('the registry engine layer', () => {
  it('holds the prepared files, the carried ones from their bytes, and the manifest that lists all', async () => {
    const set = imageSet(prepared, floor);
    const { tar, files } = await encoderTar({ cacheDir: set.cacheDir, manifest: set.manifest, cachePath: '/tiktoken_cache', carried: set.carried });
    expect(files).toEqual([...gpt2.map((f) => f.cacheFile), extraFile.cacheFile, MANIFEST_FILE].sort());
    const entries = await entriesOf(tar);
    for (const f of gpt2) expect(entries.get(`tiktoken_cache/${f.cacheFile}`)).toBe(f.sha256);
    expect(entries.get(`tiktoken_cache/${MANIFEST_FILE}`)).toBe(sha256Hex(serializeManifest(imageManifest(prepared.manifest, floor))));
  });

  it('refuses carried bytes that miss the entry', async () => {
    const set = imageSet(prepared, floor);
    const bad = new Map(set.carried);
    bad.set(gpt2[0]!.cacheFile, Buffer.from('tampered'));
    await expect(encoderTar({ cacheDir: set.cacheDir, manifest: set.manifest, cachePath: '/tiktoken_cache', carried: bad })).rejects.toThrow(IntegrityError);
  });
});

describe("buildx's staged context", () => {
  it('gets the carried files and the whole manifest, dated 1970 and 0444 like the rest, beside a context staged from the acquired bytes', async () => {
    const { name, layout } = contextLayout(true, '/opt/tk');
    const staged = await stageSources([{ file: extraFile, from: { bytes: Buffer.from(DATA) } }], join(root, 'ctx', name), layout);
    const dir = await stageCarried(staged, '/opt/tk', floor, join(root, 'ctx'));
    expect(dir).toBe(staged.dir);
    const folder = join(dir, 'opt/tk');
    expect((await readdir(folder)).sort()).toEqual(['.wh..wh..opq', MANIFEST_FILE, extraFile.cacheFile, ...gpt2.map((f) => f.cacheFile)].sort());
    expect(await readFile(join(folder, MANIFEST_FILE), 'utf8')).toBe(serializeManifest(imageManifest(staged.manifest, floor)));
    for (const f of gpt2) {
      const info = await stat(join(folder, f.cacheFile));
      expect([info.mode & 0o777, info.mtimeMs]).toEqual([0o444, 0]);
      expect(sha256Hex(await readFile(join(folder, f.cacheFile)))).toBe(f.sha256);
    }
    expect((await stat(folder)).mtimeMs).toBe(0);
  });

  it('stages from cache-dir first when nothing was staged beside prepare', async () => {
    const dir = await stageCarried({ ...prepared, source: 'source', cacheHit: true, manifestPath: join(prepared.cacheDir, MANIFEST_FILE), drift: false, files: [] }, '/tiktoken_cache', floor, join(root, 'fallback'));
    expect((await readdir(join(dir, 'tiktoken_cache'))).sort()).toEqual(['.wh..wh..opq', MANIFEST_FILE, extraFile.cacheFile, ...gpt2.map((f) => f.cacheFile)].sort());
  });

  it('refuses carried bytes that miss their pin, and leaves no file under the name', async () => {
    const { name, layout } = contextLayout(true, '/opt/tk');
    const staged = await stageSources([{ file: extraFile, from: { bytes: Buffer.from(DATA) } }], join(root, 'bad', name), layout);
    const bad: BaseFloor = { ...floor, carried: [{ file: gpt2[0]!, bytes: Buffer.from('tampered') }] };
    await expect(stageCarried(staged, '/opt/tk', bad, join(root, 'bad'))).rejects.toThrow(IntegrityError);
    expect(await readdir(join(staged.dir, 'opt/tk'))).not.toContain(gpt2[0]!.cacheFile);
  });
});

describe('verification of the image set', () => {
  const folder = async (files: ReadonlyArray<readonly [string, Buffer | string]>): Promise<string> => {
    const items: TarItem[] = [{ type: 'dir', name: 'tiktoken_cache/' }, ...files.map(([n, data]): TarItem => ({ type: 'file', name: `tiktoken_cache/${n}`, data }))];
    const img = image({ os: 'linux', architecture: 'amd64' }, ['TIKTOKEN_CACHE_DIR=/tiktoken_cache'], [layer(items)]);
    return writeLayout(await mkdtemp(join(root, 'img-')), img.manifest, img.blobs);
  };
  const full = async (): Promise<Array<readonly [string, Buffer | string]>> => [
    [extraFile.cacheFile, DATA],
    ...floor.carried.map((c) => [c.file.cacheFile, c.bytes] as const),
    [MANIFEST_FILE, serializeManifest(imageManifest(prepared.manifest, floor))],
  ];
  const verify = async (path: string, merge: boolean) => {
    const named = expectationsFrom(prepared.manifest, '/tiktoken_cache');
    return verifyImage({ kind: 'oci-archive', path }, merge ? mergeExpectations(named, [EXTRA]) : named, { log: memoryLogger() });
  };

  it('a build expects the carried files by name (the image set), and passes', async () => {
    const path = await folder(await full());
    const report = await verifyImage({ kind: 'oci-archive', path }, expectationsFrom(imageManifest(prepared.manifest, floor), '/tiktoken_cache'), { log: memoryLogger() });
    expect(report.ok).toBe(true);
    expect(report.platforms[0]?.files.map((f) => f.status)).toEqual(['ok', 'ok', 'ok']);
  });

  it('merge mode: the named files plus what manifest.json lists, each against its pin; without it the carried files would be "other files"', async () => {
    const path = await folder(await full());
    const merged = await verify(path, true);
    expect(merged.ok).toBe(true);
    expect(merged.platforms[0]?.files.map((f) => f.cacheFile).sort()).toEqual([extraFile.cacheFile, ...gpt2.map((f) => f.cacheFile)].sort());
    const plain = await verify(path, false);
    expect(plain.ok).toBe(false);
    expect([...(plain.platforms[0]?.consumers[0]?.otherFiles ?? [])].sort()).toEqual(gpt2.map((f) => f.cacheFile).sort());
  });

  it('merge mode: a listed file with other bytes, or missing, fails; an unknown listed name fails; no manifest.json expects the named files only', async () => {
    const files = await full();
    const wrong = files.map(([n, d]) => (n === gpt2[0]!.cacheFile ? ([n, Buffer.from('tampered')] as const) : ([n, d] as const)));
    expect((await verify(await folder(wrong), true)).platforms[0]?.files.find((f) => f.cacheFile === gpt2[0]!.cacheFile)?.status).toBe('wrong-bytes');
    const missing = files.filter(([n]) => n !== gpt2[1]!.cacheFile);
    expect((await verify(await folder(missing), true)).ok).toBe(false);
    const unknown = JSON.parse(serializeManifest(imageManifest(prepared.manifest, floor))) as { files: Array<{ cacheFile: string }> };
    unknown.files.push({ ...unknown.files[0]!, cacheFile: 'e'.repeat(40) });
    const withUnknown = files.map(([n, d]) => (n === MANIFEST_FILE ? ([n, JSON.stringify(unknown)] as const) : ([n, d] as const)));
    const report = await verify(await folder(withUnknown), true);
    expect(report.ok).toBe(false);
    expect(report.platforms[0]?.consumers[0]?.findings.map((f) => f.problem).join('\n')).toMatch(/lists e{40}, which no pin and no extra-encoders entry names/);
    expect((await verify(await folder([[extraFile.cacheFile, DATA]]), true)).ok).toBe(true);
  });
});
