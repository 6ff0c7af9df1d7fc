import { describe, expect, it } from 'vitest';
import { splitCredentials } from '../../../src/download/credentials.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('splitCredentials', () => {
  it.each<[string, string, string | undefined]>([
    ['https://mirror.example/encodings/a.tiktoken', 'https://mirror.example/encodings/a.tiktoken', undefined],
    ['https://u:p@mirror.example/encodings/a.tiktoken', 'https://mirror.example/encodings/a.tiktoken', `Basic ${b64('u:p')}`],
    ['http://u%40corp:p%3Aw@h:8080/x?y=1', 'http://h:8080/x?y=1', `Basic ${b64('u@corp:p:w')}`],
    ['https://token@h/x', 'https://h/x', `Basic ${b64('token:')}`],
  ])('%s', (input, url, authorization) => {
    expect(splitCredentials(input)).toEqual(authorization === undefined ? { url } : { url, authorization });
  });

  it('throws on a non-URL', () => {
    expect(() => splitCredentials('not a url')).toThrow();
  });
});
