import { describe, expect, it } from 'vitest';
import { redactUrl, stripCredentials, textSecrets, urlSecrets } from '../../../src/proxy/redact.js';

describe('urlSecrets', () => {
  it.each<[string, string, string[]]>([
    ['no credentials', 'https://mirror.example/openai', []],
    ['no credentials, no scheme', 'proxy.corp:3128', []],
    ['user and password', 'http://alice:pw-123@proxy:3128', ['pw-123', 'alice:pw-123']],
    ['user and password, no scheme', 'alice:pw-123@proxy:3128', ['pw-123', 'alice:pw-123']],
    ['a token as the user name', 'https://ghp_tok3n@mirror.example/openai', ['ghp_tok3n']],
    ['a token as the user name, no scheme', 'ghp_tok3n@proxy:3128', ['ghp_tok3n']],
    ['a token with an empty password', 'https://ghp_tok3n:@mirror.example', ['ghp_tok3n']],
    ['only a password', 'http://:pw-123@proxy:3128', ['pw-123', ':pw-123']],
    ['%-encoded: as written and decoded', 'http://u:p%40ss@h:1', ['p%40ss', 'p@ss', 'u:p%40ss', 'u:p@ss']],
    ['a raw "@" in the password: as written and as URL serializes it', 'http://u:p@ss@h:1', ['p@ss', 'u:p@ss', 'p%40ss', 'u:p%40ss']],
    ['socks scheme', 'socks5h://u:pw-9@h:1080', ['pw-9', 'u:pw-9']],
    ['an "@" in the path is no credential', 'https://h.example/a@b', []],
    ['surrounding blanks', '  http://u:pw-123@h:1 \n', ['pw-123', 'u:pw-123']],
  ])('%s', (_name, value, expected) => {
    expect(urlSecrets(value).sort()).toEqual([...expected].sort());
  });
});

describe('redactUrl', () => {
  it.each<[string, string]>([
    ['http://alice:pw-123@proxy:3128', 'http://***@proxy:3128/'],
    ['https://ghp_tok3n@mirror.example/openai', 'https://***@mirror.example/openai'],
    ['alice:pw-123@proxy:3128', '***@proxy:3128'],
    ['ghp_tok3n@proxy:3128', '***@proxy:3128'],
    ['proxy:3128', 'proxy:3128'],
    ['https://mirror.example/openai', 'https://mirror.example/openai'],
    ['not a url', 'not a url'],
  ])('%s → %s', (value, expected) => {
    expect(redactUrl(value)).toBe(expected);
  });
});

describe('stripCredentials', () => {
  it.each<[string, string]>([
    ['https://u:pw@files.example/x.tiktoken', 'https://files.example/x.tiktoken'],
    ['https://tok@files.example/x.tiktoken', 'https://files.example/x.tiktoken'],
    ['u:pw@proxy:3128', 'proxy:3128'],
    ['https://files.example/x.tiktoken', 'https://files.example/x.tiktoken'],
  ])('%s → %s', (value, expected) => {
    expect(stripCredentials(value)).toBe(expected);
  });
});

describe('textSecrets', () => {
  it('finds every URL credential in free text and nothing in e-mail addresses or plain words', () => {
    const text = 'a https://tok1@h/x.tiktoken and git+https://u:pw2@h2/r.git; maintainer me@example.com';
    expect(textSecrets(text).sort()).toEqual(['tok1', 'pw2', 'u:pw2'].sort());
    expect(textSecrets('MAINTAINER=me@example.com')).toEqual([]);
  });
});
