import { describe, expect, it } from 'vitest';
import { downloadUrl, parseMirror } from '../../../src/prepare/mirror.js';

const canonical = 'https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken';

describe('downloadUrl', () => {
  it.each([
    ['https://openaipublic.blob.core.windows.net', canonical, canonical],
    ['https://m.example/openai', canonical, 'https://m.example/openai/encodings/cl100k_base.tiktoken'],
    ['http://127.0.0.1:9000', canonical, 'http://127.0.0.1:9000/encodings/cl100k_base.tiktoken'],
    ['https://m.example/openai', 'https://x.example/mine.tiktoken', 'https://x.example/mine.tiktoken'],
  ])('mirror %s, file %s → %s', (mirror, url, expected) => {
    expect(downloadUrl(mirror, url)).toBe(expected);
  });

  it('keeps mirror credentials for the request (they are redacted when shown)', () => {
    expect(downloadUrl(parseMirror('https://u:p@m.example/base/'), canonical)).toBe('https://u:p@m.example/base/encodings/cl100k_base.tiktoken');
  });
});
