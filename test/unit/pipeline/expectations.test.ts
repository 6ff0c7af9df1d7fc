import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PINNED_FILES } from '../../../src/pins.js';
import { expectationsOf } from '../../../src/pipeline/expectations.js';
import { parseConsumers, parseVerifyInputs } from '../../../src/pipeline/verify-options.js';
import { rawInputsFrom } from '../../../src/inputs/names.js';
import { InputError } from '../../../src/errors.js';

const EXTRA_URL = 'https://models.example/enc/my_base.tiktoken';
const EXTRA_SHA = 'a'.repeat(64);
const extras = [{ name: 'my_base', url: EXTRA_URL, sha256: EXTRA_SHA }];

describe('expectationsOf without a prepare (merge, verify)', () => {
  it('takes pinned files with their sizes and extras by hash only', () => {
    const exp = expectationsOf('/tiktoken_cache', undefined, { encodings: ['cl100k_base'], extras });
    expect(exp.cachePath).toBe('/tiktoken_cache');
    expect(exp.fromImage).toBeUndefined();
    expect(exp.files).toEqual([
      { cacheFile: '9b5ad71b2ce5302211f9c61530b329a4922fc6a4', sha256: PINNED_FILES.cl100k_base.sha256, size: PINNED_FILES.cl100k_base.size, id: 'cl100k_base', encodings: ['cl100k_base'] },
      { cacheFile: createHash('sha1').update(EXTRA_URL).digest('hex'), sha256: EXTRA_SHA, id: 'my_base', encodings: ['my_base'] },
    ]);
    expect(exp.consumers).toEqual(['tiktoken', 'tiktoken-go']);
  });

  it('reads the set from the image when verify has no encoders: every pin and extra is known, nothing else', () => {
    const exp = expectationsOf('/tiktoken_cache', undefined, { encodings: ['cl100k_base'], extras }, { consumers: ['tiktoken-go'], encodersFromImage: true });
    expect(exp.fromImage).toBe(true);
    expect(exp.files).toEqual([]);
    expect(exp.known?.map((f) => f.id)).toEqual([...Object.keys(PINNED_FILES), 'my_base']);
    expect(exp.consumers).toEqual(['tiktoken-go']);
  });
});

describe('consumers input', () => {
  it('defaults to both and accepts either', () => {
    expect(parseConsumers('')).toEqual(['tiktoken', 'tiktoken-go']);
    expect(parseConsumers('tiktoken-go')).toEqual(['tiktoken-go']);
    expect(parseConsumers('TikToken, tiktoken')).toEqual(['tiktoken']);
  });
  it('names the input and the choices for anything else', () => {
    expect(() => parseConsumers('tiktoken,langchain')).toThrow(InputError);
    expect(() => parseConsumers('langchain')).toThrow(/consumers[\s\S]*tiktoken, tiktoken-go/);
  });
  it('reads the encoder set from the image only in verify without encoders', () => {
    expect(parseVerifyInputs(rawInputsFrom({}), true).encodersFromImage).toBe(true);
    expect(parseVerifyInputs(rawInputsFrom({ encoders: 'gpt2' }), true).encodersFromImage).toBe(false);
    expect(parseVerifyInputs(rawInputsFrom({}), false).encodersFromImage).toBe(false);
  });
});
