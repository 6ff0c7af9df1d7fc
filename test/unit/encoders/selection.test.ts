import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { selectFiles } from '../../../src/encoders/selection.js';
import { ENCODING_NAMES, type EncodingName } from '../../../src/pins.js';

describe('selectFiles', () => {
  it.each<[readonly EncodingName[], string[]]>([
    [['cl100k_base'], ['cl100k_base']],
    [['p50k_edit', 'p50k_base'], ['p50k_base']],
    [['o200k_harmony'], ['o200k_base']],
    [['gpt2'], ['gpt2-vocab-bpe', 'gpt2-encoder-json']],
    [['o200k_base', 'r50k_base'], ['r50k_base', 'o200k_base']],
    [ENCODING_NAMES, ['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base', 'gpt2-vocab-bpe', 'gpt2-encoder-json']],
  ])('%j → files %j', (encodings, ids) => {
    expect(selectFiles(encodings).map((file) => file.id)).toEqual(ids);
  });

  it('records every encoding that shares a file', () => {
    const [file] = selectFiles(['p50k_edit', 'p50k_base']);
    expect(file?.encodings).toEqual(['p50k_edit', 'p50k_base']);
    expect(file?.url).toBe('https://openaipublic.blob.core.windows.net/encodings/p50k_base.tiktoken');
    expect(file?.sourceNames).toEqual(['p50k_base.tiktoken']);
  });

  it('names gpt2 files by their upstream file names for local sources', () => {
    expect(selectFiles(['gpt2']).map((file) => file.sourceNames)).toEqual([['vocab.bpe'], ['encoder.json']]);
  });

  it('adds extras after the pinned files, cached under sha1(url), hash lower-cased, size unknown', () => {
    const files = selectFiles(['r50k_base'], [{ name: 'mine', url: 'https://x.example/a/my.tiktoken', sha256: 'AB'.repeat(32) }]);
    expect(files.map((file) => file.id)).toEqual(['r50k_base', 'mine']);
    expect(files[1]).toMatchObject({
      extra: true,
      sha256: 'ab'.repeat(32),
      cacheFile: createHash('sha1').update('https://x.example/a/my.tiktoken').digest('hex'),
      sourceNames: ['mine', 'my.tiktoken'],
    });
    expect(files[1]?.size).toBeUndefined();
  });
});
