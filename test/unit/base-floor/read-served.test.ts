// What a base serves, read by the verifier's own reading (OCI layouts written here, real
// zlib, the real gpt2 bytes): the folder each reader's rules pick, pinned files with their
// bytes, pinned names with other bytes, files no pin names; only the platforms asked for;
// layer summaries reused; a layer that cannot be read stops the reading.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBaseServed, UnreadableBase, type ServedRequest } from '../../../src/base-floor/read-served.js';
import type { BaseServed, ReaderServes } from '../../../src/base-floor/served.js';
import { selectFiles } from '../../../src/encoders/selection.js';
import { VerifyError } from '../../../src/errors.js';
import { layerSummaries } from '../../../src/image/layer-summaries.js';
import { memoryLogger } from '../../../src/log/logger.js';
import { ENCODING_NAMES } from '../../../src/pins.js';
import { encoderBytes } from '../../support/encoder-bytes.js';
import { blob, image, index, layer, writeLayout, writeLayoutTar, type Blob, type TarItem } from '../image/build-tar.js';

const DIFY = '/app/api/.tiktoken_cache';
const amd64 = { os: 'linux', architecture: 'amd64' };
const arm64 = { os: 'linux', architecture: 'arm64' };
const s390x = { os: 'linux', architecture: 's390x' };
const known = selectFiles(ENCODING_NAMES);
const name = (id: string): string => known.find((f) => f.id === id)?.cacheFile ?? id;
const VOCAB = name('gpt2-vocab-bpe');
const ENCODER = name('gpt2-encoder-json');
const CL100K = name('cl100k_base');
const baseLayer = layer([{ type: 'dir', name: 'bin/' }, { type: 'file', name: 'bin/sh', data: 'not a shell' }, { type: 'dir', name: 'tmp/' }]);

let dir: string;
let vocab: Buffer;
let encoder: Buffer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'read-served-test-'));
  [vocab, encoder] = await Promise.all([encoderBytes('gpt2-vocab-bpe'), encoderBytes('gpt2-encoder-json')]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function cacheLayer(folder: string, files: ReadonlyArray<readonly [string, Buffer | string]>): Blob {
  const parts = folder.replace(/^\//, '').split('/');
  const dirs: TarItem[] = parts.map((_, i) => ({ type: 'dir', name: `${parts.slice(0, i + 1).join('/')}/` }));
  return layer([...dirs, ...files.map(([file, data]): TarItem => ({ type: 'file', name: `${parts.join('/')}/${file}`, data }))]);
}

let count = 0;
async function layout(platforms: ReadonlyArray<{ platform: typeof amd64; env: string[]; layers: Blob[] }>): Promise<string> {
  const images = platforms.map((p) => image(p.platform, p.env, p.layers));
  const idx = index(images.map((i) => i.manifest), false);
  return writeLayoutTar(join(dir, `base-${count++}.tar`), idx.index, [...images.flatMap((i) => i.blobs), ...idx.blobs]);
}

function request(path: string, over: Partial<ServedRequest> = {}): ServedRequest {
  const carry = new Set(known.filter((f) => f.id.startsWith('gpt2')).map((f) => f.cacheFile));
  return { target: { kind: 'oci-archive', path }, platforms: ['linux/amd64', 'linux/arm64'], cachePath: '/tiktoken_cache', readers: ['tiktoken', 'tiktoken-go'], known, carry, ...over };
}

const reader = (served: BaseServed, platform: string, who: string): ReaderServes | undefined => served.platforms.find((p) => p.platform === platform)?.readers.find((r) => r.reader === who);

describe('readBaseServed', () => {
  it('a Dify-style base: both readers, both platforms, read gpt2 in its TIKTOKEN_CACHE_DIR; the bytes to carry are kept', async () => {
    const dify = cacheLayer(DIFY, [[VOCAB, vocab], [ENCODER, encoder]]);
    const env = [`TIKTOKEN_CACHE_DIR=${DIFY}`, 'PATH=/bin'];
    const path = await layout([{ platform: amd64, env, layers: [baseLayer, dify] }, { platform: arm64, env, layers: [baseLayer, dify] }]);
    const served = await readBaseServed(request(path), { log: memoryLogger() });
    expect(served.platforms.map((p) => p.platform)).toEqual(['linux/amd64', 'linux/arm64']);
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      for (const who of ['tiktoken', 'tiktoken-go']) {
        const r = reader(served, platform, who);
        expect(r?.directory).toBe(DIFY);
        expect(r?.why).toBe(`TIKTOKEN_CACHE_DIR=${DIFY}`);
        expect(r?.served.map((s) => s.file.id).sort()).toEqual(['gpt2-encoder-json', 'gpt2-vocab-bpe']);
        expect(r?.served.find((s) => s.file.id === 'gpt2-vocab-bpe')?.bytes?.equals(vocab)).toBe(true);
        expect(r?.served.find((s) => s.file.id === 'gpt2-encoder-json')?.bytes?.equals(encoder)).toBe(true);
        expect([r?.wrong, r?.unreadable, r?.unpinned]).toEqual([[], [], []]);
      }
    }
  });

  it('a base with no cache variable: the temp folder each reader picks (/tmp/data-gym-cache); a file not to carry keeps no bytes', async () => {
    const cl100k = await encoderBytes('cl100k_base');
    const path = await layout([{ platform: amd64, env: ['PATH=/bin'], layers: [baseLayer, cacheLayer('/tmp/data-gym-cache', [[CL100K, cl100k]])] }]);
    const served = await readBaseServed(request(path, { platforms: ['linux/amd64'] }), { log: memoryLogger() });
    for (const who of ['tiktoken', 'tiktoken-go']) {
      const r = reader(served, 'linux/amd64', who);
      expect(r?.directory).toBe('/tmp/data-gym-cache');
      expect(r?.served).toEqual([{ file: expect.objectContaining({ id: 'cl100k_base' }) }]);
    }
  });

  it('wrong bytes under a pinned name, an unreadable pinned name and unpinned files are told apart (manifest.json is not unpinned)', async () => {
    const cl100k = await encoderBytes('cl100k_base');
    const folder = cacheLayer(DIFY, [[VOCAB, Buffer.concat([vocab, Buffer.from('#')])], [ENCODER, encoder], ['notes.txt', 'hi'], ['manifest.json', '{}'], [`${CL100K}/x`, cl100k]]);
    const path = await layout([{ platform: amd64, env: [`TIKTOKEN_CACHE_DIR=${DIFY}`], layers: [baseLayer, folder] }]);
    const served = await readBaseServed(request(path, { platforms: ['linux/amd64'], readers: ['tiktoken-go'] }), { log: memoryLogger() });
    expect(served.platforms[0]?.readers.map((r) => r.reader)).toEqual(['tiktoken-go']);
    const r = reader(served, 'linux/amd64', 'tiktoken-go');
    expect(r?.served.map((s) => s.file.id)).toEqual(['gpt2-encoder-json']);
    expect(r?.wrong).toEqual([{ file: expect.objectContaining({ id: 'gpt2-vocab-bpe' }), sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: vocab.length + 1 }]);
    expect(r?.unreadable).toEqual([{ file: expect.objectContaining({ id: 'cl100k_base' }), detail: expect.stringMatching(/directory/) }]);
    expect(r?.unpinned).toEqual(['notes.txt']);
  });

  it('an empty TIKTOKEN_CACHE_DIR: Python tiktoken reads no folder, tiktoken-go falls through to DATA_GYM_CACHE_DIR', async () => {
    const path = await layout([{ platform: amd64, env: ['TIKTOKEN_CACHE_DIR=', 'DATA_GYM_CACHE_DIR=/gym'], layers: [baseLayer, cacheLayer('/gym', [[VOCAB, vocab], [ENCODER, encoder]])] }]);
    const served = await readBaseServed(request(path, { platforms: ['linux/amd64'] }), { log: memoryLogger() });
    expect(reader(served, 'linux/amd64', 'tiktoken')?.directory).toBeUndefined();
    expect(reader(served, 'linux/amd64', 'tiktoken')?.served).toEqual([]);
    expect(reader(served, 'linux/amd64', 'tiktoken-go')?.served.map((s) => s.file.id).sort()).toEqual(['gpt2-encoder-json', 'gpt2-vocab-bpe']);
  });

  it('a folder reached through a symlink, and a later layer that deletes a file: what a container sees', async () => {
    const linked = layer([{ type: 'dir', name: 'app/' }, { type: 'symlink', name: 'app/cache', target: '/data/tk' }]);
    const files = cacheLayer('/data/tk', [[VOCAB, vocab], [ENCODER, encoder]]);
    const whiteout = layer([{ type: 'dir', name: 'data/' }, { type: 'dir', name: 'data/tk/' }, { type: 'file', name: `data/tk/.wh.${ENCODER}`, data: '' }]);
    const path = await layout([{ platform: amd64, env: ['TIKTOKEN_CACHE_DIR=/app/cache'], layers: [baseLayer, files, linked, whiteout] }]);
    const served = await readBaseServed(request(path, { platforms: ['linux/amd64'] }), { log: memoryLogger() });
    const r = reader(served, 'linux/amd64', 'tiktoken');
    expect(r?.directory).toBe('/app/cache');
    expect(r?.served.map((s) => [s.file.id, s.bytes?.equals(vocab)])).toEqual([['gpt2-vocab-bpe', true]]);
  });

  it('reads only the platforms asked for', async () => {
    const env = [`TIKTOKEN_CACHE_DIR=${DIFY}`];
    const broken = blob('application/vnd.oci.image.layer.v1.tar+gzip', 'not gzip at all');
    const path = await layout([{ platform: amd64, env, layers: [baseLayer] }, { platform: s390x, env, layers: [broken] }, { platform: arm64, env, layers: [baseLayer] }]);
    const served = await readBaseServed(request(path), { log: memoryLogger() });
    expect(served.platforms.map((p) => p.platform)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(reader(served, 'linux/arm64', 'tiktoken')?.served).toEqual([]);
  });

  it('a layer that cannot be read stops the reading, naming the platform', async () => {
    const broken = blob('application/vnd.oci.image.layer.v1.tar+gzip', 'not gzip at all');
    const path = await layout([{ platform: amd64, env: ['PATH=/bin'], layers: [broken, baseLayer] }]);
    const error = await readBaseServed(request(path, { platforms: ['linux/amd64'] }), { log: memoryLogger() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadableBase);
    expect((error as UnreadableBase).problems[0]?.platform).toBe('linux/amd64');
  });

  it('a base that cannot be opened is a VerifyError (the caller decides)', async () => {
    const error = await readBaseServed(request(join(dir, 'nothing-here')), { log: memoryLogger() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VerifyError);
  });

  it('a second read takes the layers from the summaries and still gets the bytes to carry', async () => {
    const dify = cacheLayer(DIFY, [[VOCAB, vocab], [ENCODER, encoder]]);
    const img = image(amd64, [`TIKTOKEN_CACHE_DIR=${DIFY}`], [baseLayer, dify]);
    const path = await writeLayout(join(dir, 'summaries-base'), img.manifest, img.blobs);
    const summaries = layerSummaries(join(dir, 'summaries'));
    const first = await readBaseServed(request(path, { platforms: ['linux/amd64'] }), { log: memoryLogger(), summaries });
    expect((await readdir(join(dir, 'summaries'))).filter((f) => f.endsWith('.json'))).toHaveLength(2);
    const second = await readBaseServed(request(path, { platforms: ['linux/amd64'] }), { log: memoryLogger(), summaries });
    const shape = (served: BaseServed) => served.platforms.flatMap((p) => p.readers.map((r) => [p.platform, r.reader, r.directory, r.served.map((s) => [s.file.id, s.bytes?.equals(s.file.id === 'gpt2-vocab-bpe' ? vocab : encoder)])]));
    expect(shape(second)).toEqual(shape(first));
    expect(shape(second)).toEqual(['tiktoken', 'tiktoken-go'].map((who) => ['linux/amd64', who, DIFY, [['gpt2-vocab-bpe', true], ['gpt2-encoder-json', true]]]));
  });
});
