import { describe, expect, it } from 'vitest';
import { chooseProvenance, PROXY_ARG_NAMES, proxyBuildArgs, proxyOfBuildArgs, proxySecrets, redactArgv, redactBuildArg } from '../../../src/build/proxy-args.js';

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

  it('knows all five predefined proxy args in both cases', () => {
    expect([...PROXY_ARG_NAMES].sort()).toEqual(
      ['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY'].flatMap((n) => [n, n.toLowerCase()]).sort(),
    );
  });
});

// Every predefined name that can carry a URL, in both cases, with and without a scheme, and a
// token as the user name: masked in the argv, found as secrets, and mode=max downgraded.
const NAMES = ['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'ALL_PROXY'].flatMap((n) => [n, n.toLowerCase()]);
const VALUES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['http://puser:pw-x1@proxy.corp:8888', ['pw-x1', 'puser:pw-x1']],
  ['puser:pw-x1@proxy.corp:8888', ['pw-x1', 'puser:pw-x1']],
  ['socks5://tok-y2@proxy.corp:1080', ['tok-y2']],
  ['tok-y2@proxy.corp:8888', ['tok-y2']],
];

describe.each(NAMES)('build-arg %s', (name) => {
  it.each(VALUES)('=%s: found, masked in the argv, and mode=max becomes mode=min', (value, secrets) => {
    const args = [['A', '1'], [name, value], ['SOURCE_DATE_EPOCH', '1']] as const;
    const proxy = proxyOfBuildArgs(args);
    expect(proxySecrets(proxy).sort()).toEqual([...secrets].sort());
    const shown = redactArgv(['buildx', 'build', '--build-arg', `${name}=${value}`, 'ctx']).join(' ');
    for (const secret of secrets) expect(shown).not.toContain(secret);
    expect(shown).toContain(`${name}=`);
    expect(shown).toContain('***@proxy.corp:');
    const choice = chooseProvenance('mode=max', proxy);
    expect(choice.flag).toBe('mode=min');
    for (const secret of secrets) expect(choice.notice).not.toContain(secret);
  });

  it('=proxy.corp:8888 (no credentials) keeps mode=max', () => {
    expect(chooseProvenance('mode=max', proxyOfBuildArgs([[name, 'proxy.corp:8888']]))).toEqual({ flag: 'mode=max' });
  });
});

describe('proxyOfBuildArgs', () => {
  it('sees a second credentialed spelling and URL credentials in any build-arg', () => {
    const proxy = proxyOfBuildArgs([
      ['HTTPS_PROXY', 'http://a:pw-1@p:1'],
      ['https_proxy', 'b:pw-2@p:1'],
      ['Ftp_Proxy', 'c:pw-3@p:1'],
      ['GIT_URL', 'https://tok-4@git.example/r.git'],
      ['MAINTAINER', 'me@example.com'],
    ]);
    expect(proxySecrets(proxy).sort()).toEqual(['pw-1', 'a:pw-1', 'pw-2', 'b:pw-2', 'pw-3', 'c:pw-3', 'tok-4'].sort());
    expect(chooseProvenance('mode=max', proxyOfBuildArgs([['GIT_URL', 'https://tok-4@git.example/r.git']])).flag).toBe('mode=min');
    expect(chooseProvenance('mode=max', proxyOfBuildArgs([['MAINTAINER', 'me@example.com']])).flag).toBe('mode=max');
  });
});
