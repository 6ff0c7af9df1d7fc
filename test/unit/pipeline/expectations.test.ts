import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PINNED_FILES } from '../../../src/pins.js';
import { expectationsOf } from '../../../src/pipeline/expectations.js';

const EXTRA_URL = 'https://models.example/enc/my_base.tiktoken';
const EXTRA_SHA = 'a'.repeat(64);

describe('expectationsOf without a prepare (merge, verify)', () => {
  it('takes pinned files with their sizes and extras by hash only', () => {
    const exp = expectationsOf('/tiktoken_cache', undefined, { encodings: ['cl100k_base'], extras: [{ name: 'my_base', url: EXTRA_URL, sha256: EXTRA_SHA }] });
    expect(exp.cachePath).toBe('/tiktoken_cache');
    expect(exp.files).toEqual([
      { cacheFile: '9b5ad71b2ce5302211f9c61530b329a4922fc6a4', sha256: PINNED_FILES.cl100k_base.sha256, size: PINNED_FILES.cl100k_base.size },
      { cacheFile: createHash('sha1').update(EXTRA_URL).digest('hex'), sha256: EXTRA_SHA },
    ]);
  });
});
