import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { parseBuildInputs, type BuildContextFacts } from '../../../src/build/options.js';
import { INPUT_DEFAULTS, rawInputsFrom, type InputName } from '../../../src/inputs/names.js';

const FACTS: BuildContextFacts = {
  proxy: {},
  cacheDir: '/tmp/cache',
  engineLoadsMultiPlatform: false,
  sha: '0123456789abcdef0123456789abcdef01234567',
  commitTime: 1_700_000_000,
  repositoryUrl: 'https://github.com/o/r',
};
// action.yml's defaults, as the runner hands them over.
const DEFAULTS = INPUT_DEFAULTS;
const parse = (values: Partial<Record<InputName, string>>, facts: Partial<BuildContextFacts> = {}) =>
  parseBuildInputs(rawInputsFrom({ ...DEFAULTS, ...values }), { ...FACTS, ...facts });

describe('parseBuildInputs', () => {
  it('defaults: Dockerfile mode, both platforms, short-sha version, epoch from the commit, OCI labels', () => {
    const options = parse({});
    expect(options).toMatchObject({
      mode: { kind: 'dockerfile', context: '.' },
      cacheDir: '/tmp/cache',
      cachePath: '/tiktoken_cache',
      platforms: ['linux/amd64', 'linux/arm64'],
      version: '0123456',
      tags: [],
      push: false,
      load: false,
      verify: true,
      sourceDateEpoch: 1_700_000_000,
      buildArgs: [['SOURCE_DATE_EPOCH', '1700000000']],
    });
    expect(options.labels).toEqual([
      ['org.opencontainers.image.version', '0123456'],
      ['org.opencontainers.image.revision', FACTS.sha],
      ['org.opencontainers.image.source', 'https://github.com/o/r'],
      ['org.opencontainers.image.created', '2023-11-14T22:13:20Z'],
    ]);
    expect(options.provenance).toBeUndefined();
  });

  it('takes the version from the git tag of the run and tags every image', () => {
    const options = parse({ images: 'ghcr.io/o/a\nr.io/b', tags: 'ghcr.io/o/a:edge' }, { gitRef: 'refs/tags/v2.0.1' });
    expect(options.version).toBe('v2.0.1');
    expect(options.tags).toEqual([
      'ghcr.io/o/a:offline-v2.0.1',
      'ghcr.io/o/a:offline-v2.0',
      'ghcr.io/o/a:offline-v2',
      'ghcr.io/o/a:offline',
      'r.io/b:offline-v2.0.1',
      'r.io/b:offline-v2.0',
      'r.io/b:offline-v2',
      'r.io/b:offline',
      'ghcr.io/o/a:edge',
    ]);
  });

  it('sanitizes a git-derived version but rejects a given one a tag cannot hold', () => {
    expect(parse({ images: 'a' }, { gitRef: 'refs/tags/release/2024' }).tags).toEqual(['a:offline-release-2024']);
    expect(() => parse({ images: 'a', version: 'release/2024' })).toThrowError(/input "version"/);
  });

  it('overlay mode, proxy build-args, user args winning, source-date-epoch input over the commit time', () => {
    const options = parse(
      { 'base-image': 'justsong/one-api:v0.6.10', 'build-args': 'A=1,2\nhttps_proxy=http://other:3128', 'source-date-epoch': '42', 'cache-path': '/opt/tk/' },
      { proxy: { http: 'http://p:3128', https: 'http://u:pw@p:3128', noProxy: 'localhost,.internal' } },
    );
    expect(options.mode).toEqual({ kind: 'overlay', baseImage: 'justsong/one-api:v0.6.10' });
    expect(options.cachePath).toBe('/opt/tk');
    expect(options.buildArgs).toEqual([
      ['HTTP_PROXY', 'http://p:3128'],
      ['http_proxy', 'http://p:3128'],
      ['HTTPS_PROXY', 'http://u:pw@p:3128'],
      ['https_proxy', 'http://other:3128'],
      ['NO_PROXY', 'localhost,.internal'],
      ['no_proxy', 'localhost,.internal'],
      ['A', '1,2'],
      ['SOURCE_DATE_EPOCH', '42'],
    ]);
    expect(options.secrets).toContain('pw');
  });

  it('a proxy with credentials written in build-args is treated like the proxy inputs (provenance, masking)', () => {
    const options = parse({ provenance: 'mode=max', 'build-args': 'https_proxy=http://u:s3cret@proxy:3128\nNODE_ENV=production' });
    expect(options.provenance).toBe('mode=min');
    expect(options.provenanceNotice).toContain('***@proxy:3128');
    expect(options.provenanceNotice).not.toContain('s3cret');
    expect(options.secrets).toContain('s3cret');
  });

  it.each([
    ['mode=max', { https: 'http://u:pw@p:3128' }, 'mode=min', true],
    ['mode=max', { https: 'http://p:3128' }, 'mode=max', false],
    ['true', { https: 'http://u:pw@p:3128' }, 'mode=min', false],
    ['false', { https: 'http://u:pw@p:3128' }, 'false', false],
    ['', { https: 'http://u:pw@p:3128' }, undefined, false],
  ])('provenance %j with proxy %j → %s (notice: %s)', (provenance, proxy, flag, notice) => {
    const options = parse({ provenance }, { proxy });
    expect(options.provenance).toBe(flag);
    expect(options.provenanceNotice !== undefined).toBe(notice);
    if (notice) {
      expect(options.provenanceNotice).not.toContain('pw');
      expect(options.provenanceNotice).toContain('***@p:3128');
    }
  });

  it('loads several platforms when the engine can, and push-by-digest implies push without tags', () => {
    expect(parse({ load: 'true' }, { engineLoadsMultiPlatform: true }).load).toBe(true);
    const byDigest = parse({ images: 'r.io/a', 'push-by-digest': 'true', platforms: 'linux/arm64', version: '' }, { sha: undefined });
    expect(byDigest).toMatchObject({ push: true, pushByDigest: true, tags: [] });
  });

  it.each<[string, Partial<Record<InputName, string>>, Partial<BuildContextFacts>, InputName, RegExp]>([
    ['unknown platform', { platforms: 'linux/amd64,linux/sparc' }, {}, 'platforms', /known architecture/],
    ['malformed platform', { platforms: 'amd64' }, {}, 'platforms', /os\/arch/],
    ['image with a space', { images: 'ghcr.io/org/x y' }, {}, 'images', /lowercase letters/],
    ['image with tag', { images: 'ghcr.io/o/x:v1' }, {}, 'images', /drop ":v1"/],
    ['bad explicit tag', { images: 'a', tags: 'a:-x' }, {}, 'tags', /not a valid tag/],
    ['bad bare tag', { images: 'a', tags: '.x' }, {}, 'tags', /bare tag/],
    ['load several platforms', { load: 'true' }, {}, 'load', /containerd image store/],
    ['push without images', { push: 'true' }, {}, 'push', /set images/],
    ['push-by-digest without images', { 'push-by-digest': 'true' }, {}, 'push-by-digest', /set images/],
    ['version a tag cannot hold', { version: 'v1.2.3+meta' }, {}, 'version', /build metadata/],
    ['version with a space', { version: 'v 1' }, {}, 'version', /tag can hold/],
    ['too long a version', { version: 'v'.repeat(125) }, {}, 'version', /tag can hold/],
    ['images but no version known', { images: 'a' }, { sha: undefined }, 'version', /set version/],
    ['build-arg without =', { 'build-args': 'A=1\nNOVALUE' }, {}, 'build-args', /KEY=VALUE/],
    ['build-arg with a bad name', { 'build-args': 'A-B=1' }, {}, 'build-args', /build-arg names/],
    ['SOURCE_DATE_EPOCH as build-arg', { 'build-args': 'SOURCE_DATE_EPOCH=1' }, {}, 'build-args', /source-date-epoch input/],
    ['label without =', { labels: 'justakey' }, {}, 'labels', /KEY=VALUE/],
    ['file and base-image', { file: 'Dockerfile', 'base-image': 'a:b' }, {}, 'base-image', /remove one/],
    ['two base images', { 'base-image': 'a:1,b:2' }, {}, 'base-image', /single image/],
    ['newline in base-image', { 'base-image': 'a:1\nb:2' }, {}, 'base-image', /line break/],
    ['newline in file', { file: 'Dockerfile\nx' }, {}, 'file', /line break/],
    ['relative cache-path', { 'cache-path': 'tiktoken_cache' }, {}, 'cache-path', /absolute path/],
    ['cache-path with ..', { 'cache-path': '/a/../b' }, {}, 'cache-path', /absolute path/],
    ['archive with a comma', { archive: '/tmp/a,b.tar' }, {}, 'archive', /commas/],
    ['bad epoch', { 'source-date-epoch': 'yesterday' }, {}, 'source-date-epoch', /seconds/],
    ['bad provenance', { provenance: 'mode=full' }, {}, 'provenance', /mode=min or mode=max/],
    ['cache-path is the image root', { 'cache-path': '/' }, {}, 'cache-path', /not \/ itself/],
    ['overlay cache-path a base fills (/usr: the layer would hide it)', { 'base-image': 'a:1', 'cache-path': '/usr' }, {}, 'cache-path', /folder of its own, such as \/tiktoken_cache .* or \/usr\/tiktoken/],
    ['overlay cache-path One API\'s WORKDIR', { 'base-image': 'a:1', 'cache-path': '/data/' }, {}, 'cache-path', /base images fill themselves/],
    ['overlay cache-path /var/lib', { 'base-image': 'a:1', 'cache-path': '//var//lib' }, {}, 'cache-path', /base images fill themselves/],
    ['bare tags and no images', { tags: 'stable', load: 'true', platforms: 'linux/amd64' }, {}, 'tags', /set images/],
    ['bad push boolean', { push: 'yes' }, {}, 'push', /true or false/],
    ['bad tag-prefix', { 'tag-prefix': 'off line-' }, {}, 'tag-prefix', /prefix or suffix a tag can hold/],
  ])('rejects %s naming the input', (_name, values, facts, input, fix) => {
    let caught: unknown;
    try {
      parse(values, facts);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).input).toBe(input);
    expect((caught as InputError).message).toMatch(fix);
  });
});

describe('cache-path in overlay mode (the added layer hides what the base has there)', () => {
  it.each([
    ['a folder of its own below a shared one', { 'base-image': 'a:1', 'cache-path': '/usr/share/tiktoken' }, '/usr/share/tiktoken'],
    ['the default', { 'base-image': 'a:1' }, '/tiktoken_cache'],
    ['a shared folder in Dockerfile mode, where nothing is hidden', { 'cache-path': '/data' }, '/data'],
  ])('accepts %s', (_name, values, expected) => {
    expect(parse(values).cachePath).toBe(expected);
  });
});
