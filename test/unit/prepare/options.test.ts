import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { rawInputsFrom, type InputName } from '../../../src/inputs/names.js';
import { DEFAULT_ENCODINGS, ENCODING_NAMES } from '../../../src/pins.js';
import { DEFAULT_DOWNLOAD_LIMITS, parsePrepareInputs, type PrepareEnv } from '../../../src/prepare/options.js';

const env: PrepareEnv = { runnerTemp: '/runner/_temp', defaultCacheRoot: '/home/me/.cache/oneapi-offline', processEnv: {} };
const parse = (values: Partial<Record<InputName, string>>, over: Partial<PrepareEnv> = {}) =>
  parsePrepareInputs(rawInputsFrom(values), { ...env, ...over });
const hex = 'ab'.repeat(32);

describe('parsePrepareInputs: defaults', () => {
  it('gives the default encodings, canonical mirror, RUNNER_TEMP cache dir, caches on, no refresh', () => {
    expect(parse({})).toEqual({
      encodings: [...DEFAULT_ENCODINGS],
      extras: [],
      mirror: 'https://openaipublic.blob.core.windows.net',
      cacheDir: '/runner/_temp/tiktoken_cache',
      cache: true,
      refresh: false,
      proxy: {},
      limits: DEFAULT_DOWNLOAD_LIMITS,
      guardedDirs: [
        { label: 'RUNNER_TEMP', path: '/runner/_temp' },
        { label: 'the staging folder', path: '/runner/_temp/oneapi-offline-staging', ownedByRun: true },
        { label: "the verifier's layer summaries", path: '/runner/_temp/oneapi-offline-layer-summaries' },
        { label: "the image blobs Engine's builds keep", path: '/runner/_temp/oneapi-offline-engine-blobs' },
      ],
    });
  });

  it.each([
    [{ runnerTemp: undefined }, '/home/me/.cache/oneapi-offline/tiktoken_cache'],
    [{ runnerTemp: '  ' }, '/home/me/.cache/oneapi-offline/tiktoken_cache'],
    [{}, '/runner/_temp/tiktoken_cache'],
  ])('cache-dir with env %j → %s', (over, expected) => {
    expect(parse({}, over).cacheDir).toBe(expected);
  });
});

describe('parsePrepareInputs: accepted values', () => {
  it.each<[Partial<Record<InputName, string>>, Record<string, unknown>]>([
    [{ encoders: 'cl100k_base' }, { encodings: ['cl100k_base'] }],
    [{ encoders: 'cl100k_base, o200k_base\n# comment\ngpt2' }, { encodings: ['cl100k_base', 'o200k_base', 'gpt2'] }],
    [{ encoders: 'all' }, { encodings: [...ENCODING_NAMES] }],
    [{ encoders: 'cl100k_base,cl100k_base' }, { encodings: ['cl100k_base'] }],
    [{ mirror: 'https://m.example/openai/' }, { mirror: 'https://m.example/openai' }],
    [{ mirror: 'http://127.0.0.1:8080' }, { mirror: 'http://127.0.0.1:8080' }],
    [{ 'cache-dir': ' ./tk ' }, { cacheDir: './tk' }],
    [{ source: '/media/usb/tiktoken.tar.gz' }, { source: '/media/usb/tiktoken.tar.gz' }],
    [{ cache: 'false', refresh: 'true' }, { cache: false, refresh: true }],
    [{ 'https-proxy': 'http://u:p@proxy:3128', 'no-proxy': 'localhost' }, { proxy: { https: 'http://u:p@proxy:3128', noProxy: 'localhost' } }],
    [
      { 'extra-encoders': `# mine\nmy_base.v2 https://x.example/my.tiktoken ${hex.toUpperCase()}` },
      { extras: [{ name: 'my_base.v2', url: 'https://x.example/my.tiktoken', sha256: hex }] },
    ],
  ])('%j', (values, expected) => {
    expect(parse(values)).toMatchObject(expected);
  });

  it('takes proxies from the environment when the inputs are empty', () => {
    expect(parse({}, { processEnv: { HTTPS_PROXY: 'http://proxy:3128' } }).proxy).toEqual({ https: 'http://proxy:3128' });
  });
});

describe('parsePrepareInputs: bad input names the input and the fix', () => {
  it.each<[string, Partial<Record<InputName, string>>, InputName, RegExp]>([
    ['unknown encoding', { encoders: 'cl100k_base,cl200k' }, 'encoders', /"cl200k"[\s\S]*r50k_base, p50k_base, p50k_edit, cl100k_base, o200k_base, o200k_harmony, gpt2/],
    ['empty list', { encoders: ' , \n,' }, 'encoders', /at least one encoding/],
    ['mirror not http(s)', { mirror: 'ftp://m.example/x' }, 'mirror', /ftp: is not http or https/],
    ['mirror not a URL', { mirror: 'm.example/openai' }, 'mirror', /not a URL/],
    ['mirror with query', { mirror: 'https://m.example/?a=1' }, 'mirror', /query or fragment/],
    ['extra with too few fields', { 'extra-encoders': 'mine https://x.example/m' }, 'extra-encoders', /name url sha256/],
    ['extra name with a slash', { 'extra-encoders': `a/b https://x.example/m ${hex}` }, 'extra-encoders', /without "\/", "\.\."/],
    ['extra name with ..', { 'extra-encoders': `a..b https://x.example/m ${hex}` }, 'extra-encoders', /"a\.\.b"/],
    ['extra name that is built in', { 'extra-encoders': `cl100k_base https://x.example/m ${hex}` }, 'extra-encoders', /built in/],
    ['extra url not http(s)', { 'extra-encoders': `mine file:///etc/passwd ${hex}` }, 'extra-encoders', /http:\/\/ or https:\/\//],
    ['extra sha256 too short', { 'extra-encoders': `mine https://x.example/m ${hex.slice(1)}` }, 'extra-encoders', /64 hexadecimal/],
    ['extra sha256 not hex', { 'extra-encoders': `mine https://x.example/m ${'g'.repeat(64)}` }, 'extra-encoders', /64 hexadecimal/],
    ['extra listed twice', { 'extra-encoders': `a https://x.example/m ${hex}\nb https://x.example/m ${hex}` }, 'extra-encoders', /twice/],
    ['extra for a pinned url', { 'extra-encoders': `mine https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken ${hex}` }, 'extra-encoders', /already pinned/],
    ['cache not a boolean', { cache: 'yes' }, 'cache', /true or false/],
    ['refresh not a boolean', { refresh: '1' }, 'refresh', /true or false/],
    ['refresh with source', { refresh: 'true', source: '/x' }, 'refresh', /not both/],
    ['source on two lines', { source: '/a\n/b' }, 'source', /single path/],
    ['proxy with another scheme', { 'https-proxy': 'socks5://proxy:1080' }, 'https-proxy', /http:\/\/ or https:\/\//],
  ])('%s', (_name, values, input, message) => {
    const error = (() => {
      try {
        parse(values);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe(input);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain('fix:');
  });

  it('never shows mirror or extra credentials', () => {
    for (const values of [
      { mirror: 'ftp://user:hunter2@m.example/' },
      { 'extra-encoders': `mine https://user:hunter2@x.example/m nothex` },
    ]) {
      expect(() => parse(values)).toThrow(InputError);
      try {
        parse(values);
      } catch (e) {
        expect((e as Error).message).not.toContain('hunter2');
      }
    }
  });
});
