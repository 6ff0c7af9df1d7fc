import { describe, expect, it } from 'vitest';
import { parseImageReference, registryScheme } from '../../../src/oci/reference.js';
import { parseChallenge, tokenUrl } from '../../../src/oci/www-authenticate.js';

const D = `sha256:${'a'.repeat(64)}`;

describe('parseImageReference', () => {
  it.each([
    ['127.0.0.1:5000/x/y:t', { registry: '127.0.0.1:5000', apiHost: '127.0.0.1:5000', repository: 'x/y', tag: 't' }],
    [`127.0.0.1:5000/x/y@${D}`, { registry: '127.0.0.1:5000', apiHost: '127.0.0.1:5000', repository: 'x/y', digest: D }],
    [`ghcr.io/o/r:v1@${D}`, { registry: 'ghcr.io', apiHost: 'ghcr.io', repository: 'o/r', tag: 'v1', digest: D }],
    ['alpine', { registry: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'library/alpine', tag: 'latest' }],
    ['localhost/a', { registry: 'localhost', apiHost: 'localhost', repository: 'a', tag: 'latest' }],
  ])('%s', (input, want) => {
    expect(parseImageReference(input)).toEqual(want);
  });

  it.each(['x@sha256:1234', 'Upper/Case', 'x:bad tag'])('rejects %s', (input) => {
    expect(() => parseImageReference(input)).toThrow();
  });

  it.each([
    ['127.0.0.1:5000', false, 'http'],
    ['localhost:5000', false, 'http'],
    ['[::1]:5000', false, 'http'],
    ['ghcr.io', false, 'https'],
    ['reg.internal:5000', true, 'http'],
  ] as const)('scheme of %s (insecure %s) is %s', (host, insecure, want) => {
    expect(registryScheme(host, insecure)).toBe(want);
  });
});

describe('WWW-Authenticate', () => {
  it('parses a Bearer challenge and builds the token URL', () => {
    const c = parseChallenge('Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:o/r:pull"');
    expect(c).toEqual({ scheme: 'bearer', params: { realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: 'repository:o/r:pull' } });
    expect(tokenUrl(c!, 'o/r')).toBe('https://ghcr.io/token?service=ghcr.io&scope=repository%3Ao%2Fr%3Apull');
  });

  it('defaults the scope to pull on the repository', () => {
    expect(tokenUrl(parseChallenge('Bearer realm="http://127.0.0.1:1/t"')!, 'a/b')).toBe('http://127.0.0.1:1/t?scope=repository%3Aa%2Fb%3Apull');
  });

  it('parses Basic', () => {
    expect(parseChallenge('Basic realm="Registry"')?.scheme).toBe('basic');
  });
});

describe('one grammar for references and names', () => {
  it("normalises Docker Hub's aliases to docker.io with library/", () => {
    for (const ref of ['busybox', 'docker.io/busybox', 'index.docker.io/library/busybox', 'registry-1.docker.io/busybox:latest']) {
      expect(parseImageReference(ref)).toEqual({ registry: 'docker.io', apiHost: 'registry-1.docker.io', repository: 'library/busybox', tag: 'latest' });
    }
  });

  it('rejects what the name checks reject, with the same reason', () => {
    expect(() => parseImageReference('Org/app:1')).toThrow(/lowercase/);
    expect(() => parseImageReference('ghcr.io/Org/app:1')).toThrow(/lowercase/);
    expect(() => parseImageReference(`r.io/${'a'.repeat(260)}`)).toThrow(/longer than 255/);
    expect(() => parseImageReference('bad_host.io:x/app')).toThrow(/not a valid repository name/);
  });

  it('keeps a registry with a port and its tag apart', () => {
    expect(parseImageReference('127.0.0.1:5000/team/app:v1')).toEqual({ registry: '127.0.0.1:5000', apiHost: '127.0.0.1:5000', repository: 'team/app', tag: 'v1' });
    expect(parseImageReference(`localhost/app@${D}`)).toEqual({ registry: 'localhost', apiHost: 'localhost', repository: 'app', digest: D });
  });
});
