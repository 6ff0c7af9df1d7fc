// The carry/refuse decision (decide.ts) and the image's encoder set it leads to (image-set.ts):
// pure, from hand-made readings of a base.
import { describe, expect, it } from 'vitest';
import { decideFloor, type BaseFloor } from '../../../src/base-floor/decide.js';
import { imageManifest, imageSet, mergeExpectations } from '../../../src/base-floor/image-set.js';
import type { BaseServed, ReaderServes } from '../../../src/base-floor/served.js';
import { InputError } from '../../../src/errors.js';
import { buildManifest } from '../../../src/encoders/manifest.js';
import { selectFiles, type ExtraEncoder, type SelectedFile } from '../../../src/encoders/selection.js';
import { expectedFile } from '../../../src/image/expectations.js';
import { DEFAULT_ENCODINGS, ENCODING_NAMES, type EncodingName } from '../../../src/pins.js';

const DIFY = '/app/api/.tiktoken_cache';
const all = selectFiles(ENCODING_NAMES);
const pinned = (id: string): SelectedFile => all.find((f) => f.id === id) as SelectedFile;
const bytesOf = (id: string): Buffer => Buffer.from(`bytes of ${id}`);
const EXTRA: ExtraEncoder = { name: 'my-enc', url: 'https://example.com/enc/my.tiktoken', sha256: 'a'.repeat(64) };

function reader(who: 'tiktoken' | 'tiktoken-go', over: Partial<ReaderServes> = {}, ids: readonly string[] = []): ReaderServes {
  return { reader: who, directory: DIFY, why: `TIKTOKEN_CACHE_DIR=${DIFY}`, served: ids.map((id) => ({ file: expectedFile(pinned(id)), bytes: bytesOf(id) })), wrong: [], unreadable: [], unpinned: [], ...over };
}

function base(perPlatform: Record<string, ReaderServes[]>): BaseServed {
  return { image: 'r.io/dify-api:1', digest: `sha256:${'b'.repeat(64)}`, platforms: Object.entries(perPlatform).map(([platform, readers]) => ({ platform, readers })) };
}

const GPT2 = ['gpt2-vocab-bpe', 'gpt2-encoder-json'];
const input = (encodings: readonly EncodingName[] = DEFAULT_ENCODINGS, extras: readonly ExtraEncoder[] = []) => ({ baseImage: 'r.io/dify-api:1', cachePath: '/tiktoken_cache', selection: selectFiles(encodings, extras) });

describe('decideFloor', () => {
  it('carries the pinned files the base serves and the encoder set lacks, with the base bytes, and says so', () => {
    const served = base({ 'linux/amd64': [reader('tiktoken', {}, GPT2), reader('tiktoken-go', {}, GPT2)], 'linux/arm64': [reader('tiktoken', {}, GPT2), reader('tiktoken-go', {}, GPT2)] });
    const { floor, notes, warnings } = decideFloor(served, input());
    expect(floor.carried.map((c) => [c.file.id, c.file.encodings, c.bytes.toString()])).toEqual([
      ['gpt2-vocab-bpe', ['gpt2'], 'bytes of gpt2-vocab-bpe'],
      ['gpt2-encoder-json', ['gpt2'], 'bytes of gpt2-encoder-json'],
    ]);
    expect(floor.served.map((f) => f.id)).toEqual(GPT2);
    expect(warnings).toEqual([]);
    expect(notes.join('\n')).toContain(`the base serves ${DIFY} (TIKTOKEN_CACHE_DIR=${DIFY}; read by tiktoken and tiktoken-go on linux/amd64, linux/arm64)`);
    expect(notes.join('\n')).toMatch(/carried from the base into \/tiktoken_cache \(verified bytes, no download\): .*\(gpt2-vocab-bpe\) \[gpt2\]/);
  });

  it('carries nothing the encoder set already has (prepare acquires it)', () => {
    const served = base({ 'linux/amd64': [reader('tiktoken', {}, [...GPT2, 'cl100k_base'])] });
    const { floor } = decideFloor(served, input(['gpt2', 'cl100k_base']));
    expect(floor.carried).toEqual([]);
    expect(floor.served.map((f) => f.id).sort()).toEqual(['cl100k_base', ...GPT2].sort());
  });

  it('the union over platforms and readers: a file served on one platform only is carried for all', () => {
    const served = base({ 'linux/amd64': [reader('tiktoken', {}, ['o200k_base'])], 'linux/arm64': [reader('tiktoken-go', { directory: '/tmp/data-gym-cache', why: 'no cache variable' }, GPT2)] });
    const { floor } = decideFloor(served, input(['cl100k_base']));
    expect(floor.carried.map((c) => [c.file.id, c.file.encodings])).toEqual([
      ['o200k_base', ['o200k_base', 'o200k_harmony']],
      ['gpt2-vocab-bpe', ['gpt2']],
      ['gpt2-encoder-json', ['gpt2']],
    ]);
  });

  it('half an encoding (encoder.json without vocab.bpe) is still carried, named by no encoding', () => {
    const { floor } = decideFloor(base({ 'linux/amd64': [reader('tiktoken', {}, ['gpt2-encoder-json'])] }), input());
    expect(floor.carried.map((c) => [c.file.id, c.file.encodings])).toEqual([['gpt2-encoder-json', []]]);
  });

  it('a pinned name with other bytes: an input error on base-image, naming the folder, the file and both hashes; nothing carried', () => {
    const wrong = { file: expectedFile(pinned('gpt2-vocab-bpe')), sha256: 'c'.repeat(64), size: 12 };
    const served = base({ 'linux/amd64': [reader('tiktoken', { wrong: [wrong] }, ['gpt2-encoder-json']), reader('tiktoken-go', { wrong: [wrong] }, ['gpt2-encoder-json'])] });
    const error = (() => {
      try {
        decideFloor(served, input());
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InputError);
    const e = error as InputError;
    expect(e.input).toBe('base-image');
    expect(e.message).toContain(`base-image r.io/dify-api:1 holds a pinned file name with other bytes than its pin, in ${DIFY} (TIKTOKEN_CACHE_DIR=${DIFY}; read by tiktoken and tiktoken-go on linux/amd64)`);
    expect(e.message).toContain(`${DIFY}/${pinned('gpt2-vocab-bpe').cacheFile} (gpt2-vocab-bpe): sha256 ${'c'.repeat(64)} (12 B), pinned ${pinned('gpt2-vocab-bpe').sha256}`);
    expect(e.message).toContain('the base is not trusted, and its copy is not carried');
    // named once, though both readers read it
    expect(e.problem.got?.split(';')).toHaveLength(1);
  });

  it('a pinned name with other bytes is refused even when the encoder set replaces that file', () => {
    const wrong = { file: expectedFile(pinned('cl100k_base')), sha256: 'd'.repeat(64), size: 3 };
    expect(() => decideFloor(base({ 'linux/amd64': [reader('tiktoken', { wrong: [wrong] })] }), input(['cl100k_base']))).toThrow(InputError);
  });

  it('files that match no pin are named in one warning per folder, with extra-encoders as the way to keep them, and are not carried', () => {
    const served = base({ 'linux/amd64': [reader('tiktoken', { unpinned: ['notes.txt', 'f'.repeat(40)] }, GPT2)], 'linux/arm64': [reader('tiktoken', { unpinned: ['notes.txt'] }, GPT2)] });
    const { floor, warnings } = decideFloor(served, input());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`${DIFY} (TIKTOKEN_CACHE_DIR=${DIFY}; read by tiktoken on linux/amd64, linux/arm64) holds files that match no pin: notes.txt, ${'f'.repeat(40)}`);
    expect(warnings[0]).toMatch(/extra-encoders as "name url sha256"/);
    expect(floor.carried.map((c) => c.file.id)).toEqual(GPT2);
  });

  it('names and folders the base chose are quoted when they hold control characters: no forged log lines', () => {
    const evil = '/x\n::warning::forged';
    const served = base({ 'linux/amd64': [reader('tiktoken', { directory: evil, why: `TIKTOKEN_CACHE_DIR=${evil}`, unpinned: ['a\r\n::add-mask::b', 'plain.txt'] })] });
    const { warnings } = decideFloor(served, input());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).not.toMatch(/[\r\n]/);
    expect(warnings[0]).toContain('"/x\\n::warning::forged"');
    expect(warnings[0]).toContain('"a\\r\\n::add-mask::b", plain.txt');
  });

  it('an unreadable pinned name is named in a warning and not carried', () => {
    const { floor, warnings } = decideFloor(base({ 'linux/amd64': [reader('tiktoken', { unreadable: [{ file: expectedFile(pinned('o200k_base')), detail: '/x is a directory' }] })] }), input());
    expect(floor.carried).toEqual([]);
    expect(warnings[0]).toMatch(/cannot be read as files.*\(o200k_base\) \(\/x is a directory\)/);
  });

  it('an extra-encoders file the base serves is in the encoder set: served, never carried', () => {
    const extra = selectFiles([], [EXTRA])[0] as SelectedFile;
    const served = base({ 'linux/amd64': [{ ...reader('tiktoken'), served: [{ file: expectedFile(extra) }] }] });
    const { floor } = decideFloor(served, input(['cl100k_base'], [EXTRA]));
    expect(floor.carried).toEqual([]);
    expect(floor.served.map((f) => f.id)).toEqual(['my-enc']);
  });

  it('a reader with no folder (cache off) serves nothing and names no folder', () => {
    const { directory: _dir, ...off } = reader('tiktoken');
    const { floor, notes } = decideFloor(base({ 'linux/amd64': [{ ...off, why: 'TIKTOKEN_CACHE_DIR is set to an empty value' }] }), input());
    expect(floor).toEqual({ baseImage: 'r.io/dify-api:1', served: [], carried: [] });
    expect(notes).toEqual([]);
  });
});

describe('the image set', () => {
  const prepared = buildManifest(selectFiles(DEFAULT_ENCODINGS));
  const floor: BaseFloor = { baseImage: 'b', served: [], carried: GPT2.map((id) => ({ file: pinned(id), bytes: bytesOf(id) })) };

  it("the image's manifest is the one prepare would write for the encoder set plus the carried files", () => {
    expect(imageManifest(prepared, floor)).toEqual(buildManifest(selectFiles([...DEFAULT_ENCODINGS, 'gpt2'])));
    expect(imageManifest(prepared, undefined)).toBe(prepared);
  });

  it('imageSet hands the engines the carried bytes by cache name', () => {
    const set = imageSet({ cacheDir: '/c', manifest: prepared }, floor);
    expect(set.cacheDir).toBe('/c');
    expect([...(set.carried?.keys() ?? [])]).toEqual(GPT2.map((id) => pinned(id).cacheFile));
    expect(imageSet({ cacheDir: '/c', manifest: prepared }, { ...floor, carried: [] }).carried).toBeUndefined();
  });

  it('merge mode expects what the manifest.json lists too, against every pin and extra', () => {
    const e = mergeExpectations({ cachePath: '/t', files: [] }, [EXTRA]);
    expect(e.listedToo).toBe(true);
    expect(e.known?.map((f) => f.id)).toEqual([...all.map((f) => f.id), 'my-enc']);
    expect(mergeExpectations({ cachePath: '/t', files: [], fromImage: true }, [])).toEqual({ cachePath: '/t', files: [], fromImage: true });
  });
});
