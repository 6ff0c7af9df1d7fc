import { describe, expect, it } from 'vitest';
import { chooseProvenance, proxyBuildArgs, proxySecrets, redactArgv, redactBuildArg } from '../../../src/build/proxy-args.js';

describe('proxy build-args', () => {
  it('gives upper- and lower-case predefined args for what is set', () => {
    expect(proxyBuildArgs({ https: 'http://p:1', noProxy: 'a,b' })).toEqual([
      ['HTTPS_PROXY', 'http://p:1'],
      ['https_proxy', 'http://p:1'],
      ['NO_PROXY', 'a,b'],
      ['no_proxy', 'a,b'],
    ]);
    expect(proxyBuildArgs({})).toEqual([]);
  });

  it('finds the secret parts of both proxies', () => {
    expect(proxySecrets({ http: 'http://u:p%40ss@h:1', https: 'http://h:2' }).sort()).toEqual(['p%40ss', 'p@ss', 'u:p%40ss', 'u:p@ss'].sort());
  });

  it.each([
    ['HTTPS_PROXY=http://user:s3cr3t@proxy:3128', 'HTTPS_PROXY=http://***@proxy:3128/'],
    ['http_proxy=http://proxy:3128', 'http_proxy=http://proxy:3128'],
    ['NO_PROXY=localhost,.corp', 'NO_PROXY=localhost,.corp'],
    ['SOURCE_DATE_EPOCH=17', 'SOURCE_DATE_EPOCH=17'],
    ['TOKEN=abc', 'TOKEN=***'],
  ])('redactBuildArg(%s) = %s', (arg, expected) => {
    expect(redactBuildArg(arg)).toBe(expected);
  });

  it('redacts only build-arg values in an argv', () => {
    expect(redactArgv(['buildx', 'build', '--build-arg', 'HTTP_PROXY=http://u:pw@h:1', '--label', 'a=pw', 'ctx'])).toEqual([
      'buildx',
      'build',
      '--build-arg',
      'HTTP_PROXY=http://***@h:1/',
      '--label',
      'a=pw',
      'ctx',
    ]);
  });

  it.each([
    ['', {}, {}],
    ['true', {}, { flag: 'mode=min' }],
    ['mode=max', { http: 'http://h:1' }, { flag: 'mode=max' }],
    ['false', { http: 'http://u:p@h:1' }, { flag: 'false' }],
  ] as const)('chooseProvenance(%j, %j)', (requested, proxy, expected) => {
    expect(chooseProvenance(requested, proxy)).toEqual(expected);
  });

  it('downgrades mode=max to mode=min when a proxy URL carries credentials, with a notice free of them', () => {
    const choice = chooseProvenance('mode=max', { http: 'http://u:topsecret@h:1' });
    expect(choice.flag).toBe('mode=min');
    expect(choice.notice).toMatch(/mode=min/);
    expect(choice.notice).not.toContain('topsecret');
  });
});
