import { describe, expect, it } from 'vitest';
import { buildManifest, listedCacheFiles, serializeManifest } from '../../../src/encoders/manifest.js';
import { selectFiles } from '../../../src/encoders/selection.js';
import { PINNED_FILES } from '../../../src/pins.js';

describe('buildManifest', () => {
  it('lists each file once with its encodings, url, pin and sha1 name, sorted by id', () => {
    const manifest = buildManifest(selectFiles(['p50k_edit', 'cl100k_base', 'p50k_base']));
    expect(manifest).toEqual({
      schema: 1,
      encodings: ['cl100k_base', 'p50k_base', 'p50k_edit'],
      files: [
        {
          id: 'cl100k_base',
          encodings: ['cl100k_base'],
          url: 'https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken',
          sha256: PINNED_FILES.cl100k_base.sha256,
          size: PINNED_FILES.cl100k_base.size,
          cacheFile: '9b5ad71b2ce5302211f9c61530b329a4922fc6a4',
        },
        {
          id: 'p50k_base',
          encodings: ['p50k_edit', 'p50k_base'],
          url: 'https://openaipublic.blob.core.windows.net/encodings/p50k_base.tiktoken',
          sha256: PINNED_FILES.p50k_base.sha256,
          size: PINNED_FILES.p50k_base.size,
          cacheFile: expect.stringMatching(/^[0-9a-f]{40}$/),
        },
      ],
    });
  });

  it('takes measured sizes for extras and refuses to guess one', () => {
    const files = selectFiles([], [{ name: 'mine', url: 'https://x.example/m', sha256: 'a'.repeat(64) }]);
    expect(buildManifest(files, new Map([['mine', 42]])).files[0]?.size).toBe(42);
    expect(() => buildManifest(files)).toThrow(/no size for mine/);
  });

  it('serializes deterministically (same input, same bytes; no times or paths)', () => {
    const a = serializeManifest(buildManifest(selectFiles(['r50k_base', 'gpt2'])));
    const b = serializeManifest(buildManifest(selectFiles(['gpt2', 'r50k_base'])));
    expect(a).toBe(b);
    expect(a.endsWith('\n')).toBe(true);
    expect(listedCacheFiles(a)).toHaveLength(3);
  });

  it.each([
    ['not JSON', 'nope'],
    ['no files', '{"schema":1}'],
    ['names that are not sha1', '{"files":[{"cacheFile":"../etc/passwd"},{"cacheFile":"x"}]}'],
  ])('listedCacheFiles ignores a manifest with %s', (_name, text) => {
    expect(listedCacheFiles(text)).toEqual([]);
  });
});
