import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { proxyEnvironment, proxySecrets, resolveProxySettings, type ProxySettings } from '../../../src/proxy/settings.js';

const none = { httpProxy: '', httpsProxy: '', noProxy: '' };
const P = 'http://proxyuser:s3cr3t-proxy-pass@127.0.0.1:8888';

describe('resolveProxySettings', () => {
  it.each<[string, typeof none, Record<string, string | undefined>, ProxySettings]>([
    ['nothing set', none, {}, {}],
    ['blank env values count as unset', none, { HTTP_PROXY: '  ', https_proxy: '' }, {}],
    ['upper-case env', none, { HTTP_PROXY: 'http://a:1', HTTPS_PROXY: 'http://b:2', NO_PROXY: 'x' }, { http: 'http://a:1', https: 'http://b:2', noProxy: 'x' }],
    ['lower-case env', none, { http_proxy: 'http://a:1', https_proxy: 'https://b:2', no_proxy: 'y' }, { http: 'http://a:1', https: 'https://b:2', noProxy: 'y' }],
    ['lower-case env wins over upper-case (as http-client reads them)', none, { http_proxy: 'http://low:1', HTTP_PROXY: 'http://up:1' }, { http: 'http://low:1' }],
    ['inputs win over env', { httpProxy: 'http://in:1', httpsProxy: 'http://in:2', noProxy: 'in' }, { HTTP_PROXY: 'http://env:1', https_proxy: 'http://env:2', NO_PROXY: 'env' }, { http: 'http://in:1', https: 'http://in:2', noProxy: 'in' }],
    ['inputs are trimmed', { httpProxy: ' http://in:1 \n', httpsProxy: '', noProxy: ' a,b ' }, {}, { http: 'http://in:1', noProxy: 'a,b' }],
    ['one input, rest from env', { ...none, httpsProxy: P }, { http_proxy: 'http://env:1' }, { http: 'http://env:1', https: P }],
    ['no scheme means http:// (as curl reads it)', { ...none, httpProxy: '127.0.0.1:8888' }, { https_proxy: 'user:pw@proxy.corp:3128' }, { http: 'http://127.0.0.1:8888', https: 'http://user:pw@proxy.corp:3128' }],
  ])('%s', (_name, inputs, env, expected) => {
    expect(resolveProxySettings(inputs, env)).toEqual(expected);
  });

  it.each<[string, Partial<typeof none>, Record<string, string>, 'http-proxy' | 'https-proxy', string]>([
    ['socks scheme', { httpsProxy: 'socks5://user:hunter2pass@h:1080' }, {}, 'https-proxy', 'got:      "socks5://***@h:1080"'],
    ['user:password, no host', { httpProxy: 'user:hunter2pass@' }, {}, 'http-proxy', 'got:      "***@"'],
    ['bad env value', {}, { HTTPS_PROXY: 'ftp://user:hunter2pass@h' }, 'https-proxy', 'input "https-proxy" is empty and the runner\'s HTTPS_PROXY is not a usable proxy URL'],
    ['bad lower-case env value', {}, { http_proxy: 'proxy corp:3128' }, 'http-proxy', 'the runner\'s http_proxy is not a usable proxy URL'],
    ['not a URL at all', { httpProxy: 'not a url' }, {}, 'http-proxy', 'got:      "not a url"'],
  ])('rejects %s naming %s, without the password', (_name, inputs, env, input, says) => {
    let thrown: unknown;
    try {
      resolveProxySettings({ ...none, ...inputs }, env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    const error = thrown as InputError;
    expect(error.input).toBe(input);
    expect(error.message).toContain(`input "${input}"`);
    expect(error.message).toContain(says);
    expect(error.message).toContain('http:// or https://');
    expect(error.message).not.toContain('hunter2pass');
  });
});

describe('proxyEnvironment', () => {
  it.each<[string, ProxySettings, Record<string, string>]>([
    ['empty', {}, {}],
    ['all three in both cases', { http: 'http://a:1', https: 'http://b:2', noProxy: 'localhost,.corp' }, {
      HTTP_PROXY: 'http://a:1', http_proxy: 'http://a:1',
      HTTPS_PROXY: 'http://b:2', https_proxy: 'http://b:2',
      NO_PROXY: 'localhost,.corp', no_proxy: 'localhost,.corp',
    }],
    ['only https', { https: P }, { HTTPS_PROXY: P, https_proxy: P }],
  ])('%s', (_name, settings, expected) => {
    expect(proxyEnvironment(settings)).toEqual(expected);
  });
});

describe('proxySecrets', () => {
  it.each<[string, ProxySettings, string[]]>([
    ['no credentials', { http: 'http://a:1', noProxy: 'x' }, []],
    ['password and user:password', { http: P }, ['s3cr3t-proxy-pass', 'proxyuser:s3cr3t-proxy-pass']],
    ['same proxy twice is listed once', { http: P, https: P }, ['s3cr3t-proxy-pass', 'proxyuser:s3cr3t-proxy-pass']],
    ['percent-encoded password: raw and decoded', { https: 'http://u:p%40ss@h:1' }, ['p%40ss', 'p@ss', 'u:p%40ss', 'u:p@ss']],
  ])('%s', (_name, settings, expected) => {
    expect(proxySecrets(settings).sort()).toEqual([...expected].sort());
  });
});
