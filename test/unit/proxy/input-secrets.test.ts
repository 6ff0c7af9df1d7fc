// Every credential of a run, found in the raw inputs and the runner's proxy variables before
// anything parses them: every predefined proxy name in both cases, with and without a scheme,
// and a token given as the user name.
import { describe, expect, it } from 'vitest';
import { rawInputsFrom } from '../../../src/inputs/names.js';
import { inputSecrets } from '../../../src/proxy/input-secrets.js';

const PROXY_NAMES = ['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'ALL_PROXY'];
const CASES = PROXY_NAMES.flatMap((name) => [name, name.toLowerCase()]);

describe('inputSecrets: build-args', () => {
  it.each(CASES.flatMap((name) => [
    [name, 'http://', 'user:pw-a1@proxy.corp:3128', ['pw-a1', 'user:pw-a1']],
    [name, '', 'user:pw-a1@proxy.corp:3128', ['pw-a1', 'user:pw-a1']],
    [name, 'socks5://', 'tok-b2@proxy.corp:1080', ['tok-b2']],
    [name, '', 'tok-b2@proxy.corp:3128', ['tok-b2']],
    [name, 'http://', 'proxy.corp:3128', []],
  ] as const))('%s=%s%s', (name, scheme, rest, expected) => {
    expect(inputSecrets(rawInputsFrom({ 'build-args': `A=1\n${name}=${scheme}${rest}\nB=2` }), {}).sort()).toEqual([...expected].sort());
  });

  it('finds URL credentials in any other build-arg, but not in plain values', () => {
    const raw = rawInputsFrom({ 'build-args': 'GIT_URL=https://x-token:gh-c3@git.example/r.git\nMAINTAINER=me@example.com\nNO_PROXY=localhost' });
    expect(inputSecrets(raw, {}).sort()).toEqual(['gh-c3', 'x-token:gh-c3'].sort());
  });

  it('finds credentials in a line that is not KEY=VALUE (a parse error would quote it)', () => {
    expect(inputSecrets(rawInputsFrom({ 'build-args': 'https://u:pw-d4@h' }), {}).sort()).toEqual(['pw-d4', 'u:pw-d4'].sort());
  });
});

describe('inputSecrets: other inputs and the environment', () => {
  it.each<[string, Record<string, string>, string[]]>([
    ['mirror with user and password', { mirror: 'https://m:pw-e5@mirror.example/openai' }, ['pw-e5', 'm:pw-e5']],
    ['mirror with a token as user', { mirror: 'https://tok-f6@mirror.example/openai' }, ['tok-f6']],
    ['http-proxy without a scheme', { 'http-proxy': 'u:pw-g7@proxy:3128' }, ['pw-g7', 'u:pw-g7']],
    ['https-proxy with a token', { 'https-proxy': 'http://tok-h8@proxy:3128' }, ['tok-h8']],
    ['extra-encoders lines', { 'extra-encoders': `a https://tok-i9@files.example/a.tiktoken ${'0'.repeat(64)}\nb https://u:pw-j0@files.example/b.tiktoken ${'1'.repeat(64)}` }, ['tok-i9', 'pw-j0', 'u:pw-j0']],
    ['a remote build context', { context: 'https://tok-k1@git.example/org/repo.git#main' }, ['tok-k1']],
    ['nothing secret', { mirror: 'https://mirror.example', 'http-proxy': 'proxy:3128', 'build-args': 'A=b@c' }, []],
  ])('%s', (_name, inputs, expected) => {
    expect(inputSecrets(rawInputsFrom(inputs), {}).sort()).toEqual([...expected].sort());
  });

  it.each(CASES)('the runner variable %s, with and without a scheme', (name) => {
    expect(inputSecrets(rawInputsFrom({}), { [name]: 'http://u:pw-l2@p:1' }).sort()).toEqual(['pw-l2', 'u:pw-l2'].sort());
    expect(inputSecrets(rawInputsFrom({}), { [name]: 'tok-m3@p:1' })).toEqual(['tok-m3']);
  });

  it('ignores other variables', () => {
    expect(inputSecrets(rawInputsFrom({}), { HOME: 'u@h', NO_PROXY: 'a@b', PATH: 'http://u:p@h' })).toEqual([]);
  });
});
