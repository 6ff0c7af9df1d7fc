import { describe, expect, it } from 'vitest';
import { cacheFileName } from '../../../src/encoders/cache-name.js';
import { PINNED_FILES, canonicalUrl } from '../../../src/pins.js';

// Names tiktoken itself computes (sha1 of the canonical URL), as known values.
describe('cacheFileName', () => {
  it.each([
    ['cl100k_base', '9b5ad71b2ce5302211f9c61530b329a4922fc6a4'],
    ['r50k_base', '0ea1e91bbb3a60f729a8dc8f777fd2fc07cd8df4'],
    ['o200k_base', 'fb374d419588a4632f3f557e76b4b70aebbca790'],
  ] as const)('%s → %s', (id, expected) => {
    expect(cacheFileName(canonicalUrl(PINNED_FILES[id]))).toBe(expected);
  });

  it('depends on the canonical URL only, so a mirror URL gives another name', () => {
    const canonical = cacheFileName('https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken');
    expect(cacheFileName('https://mirror.example/encodings/cl100k_base.tiktoken')).not.toBe(canonical);
  });
});
