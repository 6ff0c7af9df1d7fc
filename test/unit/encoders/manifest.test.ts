import { describe, expect, it } from 'vitest';
import { buildManifest, manifestOwnership, serializeManifest } from '../../../src/encoders/manifest.js';
import { selectFiles } from '../../../src/encoders/selection.js';
import { PINNED_FILES } from '../../../src/pins.js';

describe('buildManifest', () => {
  it('lists each file once with its encodings, url, pin and sha1 name, sorted by id', () => {
    const manifest = buildManifest(selectFiles(['p50k_edit', 'cl100k_base', 'p50k_base']));
    expect(manifest).toEqual({
      schema: 1,
      generator: 'oneapi-offline-action',
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
    const ownership = manifestOwnership(a);
    expect(ownership.kind === 'ours' && ownership.files).toHaveLength(3);
  });
});

describe('manifestOwnership', () => {
  const ours = buildManifest(selectFiles(['r50k_base']));
  const entry = ours.files[0]!;
  it('knows its own manifests, and the schema-1 shape written before the generator field', () => {
    expect(manifestOwnership(serializeManifest(ours))).toEqual({ kind: 'ours', files: [entry.cacheFile] });
    const { generator: _generator, ...legacy } = ours;
    expect(manifestOwnership(JSON.stringify(legacy))).toEqual({ kind: 'ours', files: [entry.cacheFile] });
  });

  it.each([
    ['not JSON', 'nope', /not JSON/],
    ['an array', '[]', /not a JSON object/],
    ['another generator', JSON.stringify({ ...ours, generator: 'other-tool' }), /generator "other-tool"/],
    ['no generator and another shape', '{"schema":1,"files":[],"name":"x"}', /not written by this action/],
    ['no file list', JSON.stringify({ schema: 1, generator: 'oneapi-offline-action' }), /no file list/],
    ['a later schema', JSON.stringify({ ...ours, schema: 2 }), /schema 2/],
    ['(no generator) a name that is not the sha1 of its URL', JSON.stringify({ schema: 1, encodings: ours.encodings, files: [{ ...entry, cacheFile: 'a'.repeat(40) }] }), /not one this action writes/],
    ['a path as a name', JSON.stringify({ ...ours, files: [{ ...entry, cacheFile: '../.env' }] }), /not one this action writes/],
    ['(no generator) an extra key in an entry', JSON.stringify({ schema: 1, encodings: ours.encodings, files: [{ ...entry, mode: 'rm' }] }), /not one this action writes/],
  ])('calls a manifest with %s foreign', (_name, text, reason) => {
    const ownership = manifestOwnership(text);
    expect(ownership.kind).toBe('foreign');
    expect(ownership.kind === 'foreign' && ownership.reason).toMatch(reason);
  });
});
