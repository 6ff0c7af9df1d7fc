// build-push-action's and metadata-action's inputs, from the raw text a workflow writes to the
// argv buildx gets: the same syntax (newline/comma lists, id=value, name=path, host:ip) and
// every malformed value rejected naming the input.
import { describe, expect, it } from 'vitest';
import { buildxArgs } from '../../../src/build/argv.js';
import { readNaming } from '../../../src/build/naming.js';
import { parseBuildInputs, type BuildContextFacts } from '../../../src/build/options.js';
import { InputError } from '../../../src/errors.js';
import { INPUT_DEFAULTS, rawInputsFrom, type InputName } from '../../../src/inputs/names.js';

const FACTS: BuildContextFacts = { proxy: {}, cacheDir: '/c', engineLoadsMultiPlatform: true, sha: 'f'.repeat(40), commitTime: 1_700_000_000 };
const parse = (values: Partial<Record<InputName, string>>) => parseBuildInputs(rawInputsFrom({ ...INPUT_DEFAULTS, ...values }), FACTS);
const argvOf = (values: Partial<Record<InputName, string>>) => buildxArgs(parse(values), { metadataFile: '/m.json', secretFiles: new Map([['npm', '/s/0']]) });

/** The argv between the last build-arg/label and the first tag/metadata flag. */
function fragment(argv: readonly string[], flags: readonly string[]): string[] {
  const out: string[] = [];
  argv.forEach((arg, i) => {
    if (flags.includes(arg)) out.push(arg, argv[i + 1] ?? '');
    else if (flags.includes(`${arg}!`)) out.push(arg);
  });
  return out;
}

describe('build-push-action inputs → buildx argv', () => {
  it.each<[InputName, string, string[], string[]]>([
    ['target', 'runtime', ['--target'], ['--target', 'runtime']],
    ['build-contexts', 'web=./web\nalpine=docker-image://alpine:3.20', ['--build-context'], ['--build-context', 'tiktoken=/c', '--build-context', 'web=./web', '--build-context', 'alpine=docker-image://alpine:3.20']],
    ['cache-from', 'type=registry,ref=ghcr.io/o/a:buildcache\ntype=local,src=/tmp/c', ['--cache-from'], ['--cache-from', 'type=registry,ref=ghcr.io/o/a:buildcache', '--cache-from', 'type=local,src=/tmp/c']],
    ['cache-to', 'type=registry,ref=ghcr.io/o/a:buildcache,mode=max', ['--cache-to'], ['--cache-to', 'type=registry,ref=ghcr.io/o/a:buildcache,mode=max']],
    ['add-hosts', 'docker:10.180.0.1,db:192.168.1.2\nv6:[::1]', ['--add-host'], ['--add-host', 'docker:10.180.0.1', '--add-host', 'db:192.168.1.2', '--add-host', 'v6:[::1]']],
    ['network', 'host', ['--network'], ['--network', 'host']],
    ['no-cache', 'true', ['--no-cache!'], ['--no-cache']],
    ['pull', 'true', ['--pull!'], ['--pull']],
    ['sbom', 'true', ['--sbom'], ['--sbom', 'true']],
    ['sbom', 'generator=r.io/syft:1', ['--sbom'], ['--sbom', 'generator=r.io/syft:1']],
    ['secrets', 'npm=tok=en,with,commas', ['--secret'], ['--secret', 'id=npm,src=/s/0']],
    ['secret-files', 'key=/run/key.pem', ['--secret'], ['--secret', 'id=key,src=/run/key.pem']],
    ['secret-envs', 'gh=GH_TOKEN,npm2=NPM_TOKEN', ['--secret'], ['--secret', 'id=gh,env=GH_TOKEN', '--secret', 'id=npm2,env=NPM_TOKEN']],
    ['annotations', 'org.opencontainers.image.title=one-api', ['--annotation'], ['--annotation', 'index,manifest:org.opencontainers.image.title=one-api']],
    ['annotations', 'manifest:a=b\nindex,manifest-descriptor:c=d\nmanifest[linux/arm64]:e=f=g', ['--annotation'], ['--annotation', 'manifest:a=b', '--annotation', 'index,manifest-descriptor:c=d', '--annotation', 'manifest[linux/arm64]:e=f=g']],
  ])('%s: %j', (input, value, flags, expected) => {
    expect(fragment(argvOf({ [input]: value }), flags)).toEqual(expected);
  });

  it('a bare annotation goes on the manifest only when one platform makes no index', () => {
    expect(fragment(argvOf({ annotations: 'a=b', platforms: 'linux/amd64' }), ['--annotation'])).toEqual(['--annotation', 'manifest:a=b']);
  });

  it('a secret value is masked and never on the argv', () => {
    const options = parse({ secrets: 'npm=tok-9f8e7d' });
    expect(options.secrets).toContain('tok-9f8e7d');
    expect(buildxArgs(options, { metadataFile: '/m', secretFiles: new Map([['npm', '/s/0']]) }).join(' ')).not.toContain('tok-9f8e7d');
  });

  it.each<[string, Partial<Record<InputName, string>>, InputName, RegExp]>([
    ['a context named tiktoken', { 'build-contexts': 'tiktoken=./mine' }, 'build-contexts', /rename your context/],
    ['a context named TikToken', { 'build-contexts': 'TikToken=./mine' }, 'build-contexts', /rename your context/],
    ['a context without =', { 'build-contexts': 'web' }, 'build-contexts', /name=path/],
    ['a context twice', { 'build-contexts': 'a=1\na=2' }, 'build-contexts', /remove one/],
    ['a target with a space', { target: 'my stage' }, 'target', /stage name/],
    ['a target in overlay mode', { target: 'x', 'base-image': 'r.io/b:1' }, 'target', /overlay mode/],
    ['a cache spec with a space', { 'cache-from': 'type=local, src=/x' }, 'cache-from', /own line/],
    ['an unknown network', { network: 'bridge' }, 'network', /default, none or host/],
    ['add-hosts without an ip', { 'add-hosts': 'docker' }, 'add-hosts', /host:ip/],
    ['add-hosts with a bad ip', { 'add-hosts': 'docker:not-an-ip' }, 'add-hosts', /host:ip/],
    ['no-cache not a boolean', { 'no-cache': 'yes' }, 'no-cache', /true or false/],
    ['pull not a boolean', { pull: 'always' }, 'pull', /true or false/],
    ['sbom junk', { sbom: 'yes please' }, 'sbom', /sbom: true/],
    ['a secret without =', { secrets: 'justavalue' }, 'secrets', /id=value/],
    ['a secret with an empty value', { secrets: 'npm=' }, 'secrets', /id=value/],
    ['a secret id with a space', { secrets: 'my id=x' }, 'secrets', /id=value/],
    ['the same secret id twice', { secrets: 'a=1', 'secret-files': 'a=/f' }, 'secret-files', /each secret id once/],
    ['a secret env that is no variable name', { 'secret-envs': 'gh=GH-TOKEN' }, 'secret-envs', /variable name/],
    ['an annotation without =', { annotations: 'justakey' }, 'annotations', /key=value/],
    ['an annotation with an unknown level', { annotations: 'layer:a=b' }, 'annotations', /not an annotation level/],
    ['an annotation key with a space', { annotations: 'a b=c' }, 'annotations', /no spaces/],
    ['platforms auto in Dockerfile mode', { platforms: 'auto' }, 'platforms', /overlay mode/],
  ])('rejects %s naming the input', (_name, values, input, fix) => {
    let caught: unknown;
    try {
      parse(values);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).input).toBe(input);
    expect((caught as InputError).message).toMatch(fix);
  });

  it('a rejected secret never shows its value', () => {
    let caught: unknown;
    try {
      parse({ secrets: 'bad id=hunter2-value' });
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).message).not.toContain('hunter2');
  });
});

describe('metadata-action interop', () => {
  // docker/metadata-action@v5 outputs for a push of tag v1.2.3 in a repository owned by "MyOrg"
  // (images: ghcr.io/${{ github.repository_owner }}/one-api is lowercased by metadata-action).
  const META_TAGS = 'ghcr.io/myorg/one-api:1.2.3\nghcr.io/myorg/one-api:1.2\nghcr.io/myorg/one-api:latest';
  const META_LABELS = [
    'org.opencontainers.image.created=2025-01-02T03:04:05.000Z',
    'org.opencontainers.image.description=One API',
    'org.opencontainers.image.licenses=MIT',
    'org.opencontainers.image.revision=' + 'a'.repeat(40),
    'org.opencontainers.image.source=https://github.com/MyOrg/one-api',
    'org.opencontainers.image.title=one-api',
    'org.opencontainers.image.url=https://github.com/MyOrg/one-api',
    'org.opencontainers.image.version=1.2.3',
  ].join('\n');
  const META_ANNOTATIONS = META_LABELS.split('\n').map((l) => `manifest:${l}`).join('\n');

  it('tags, labels and annotations pass in verbatim: exactly those tags, the names from them', () => {
    const options = parse({ tags: META_TAGS, labels: META_LABELS, annotations: META_ANNOTATIONS, push: 'true', version: '' });
    expect(options.tags).toEqual(META_TAGS.split('\n'));
    expect(options.images).toEqual(['ghcr.io/myorg/one-api']);
    // metadata-action's labels win over the ones this action sets (version, revision), except
    // created: its clock time is pinned to SOURCE_DATE_EPOCH (created.ts; keep-created keeps it).
    const atEpoch = (text: string) => text.replace('2025-01-02T03:04:05.000Z', '2023-11-14T22:13:20Z');
    const labels = Object.fromEntries(options.labels);
    for (const line of atEpoch(META_LABELS).split('\n')) {
      const [key = '', ...rest] = line.split('=');
      expect(labels[key]).toBe(rest.join('='));
    }
    expect(options.annotations).toEqual(atEpoch(META_ANNOTATIONS).split('\n'));
    expect(options.createdNotice).toContain('2025-01-02T03:04:05.000Z');
  });

  it('with keep-created, all of them pass in verbatim', () => {
    const options = parse({ tags: META_TAGS, labels: META_LABELS, annotations: META_ANNOTATIONS, push: 'true', version: '', 'keep-created': 'true' });
    expect(Object.fromEntries(options.labels)['org.opencontainers.image.created']).toBe('2025-01-02T03:04:05.000Z');
    expect(options.annotations).toEqual(META_ANNOTATIONS.split('\n'));
  });

  it('images with capitals are lowercased, as metadata-action does', () => {
    const options = parse({ images: 'ghcr.io/MyOrg/One-API', version: 'v1.0.0', tags: 'GHCR.io/MyOrg/x:Edge' });
    expect(options.images).toEqual(['ghcr.io/myorg/one-api']);
    expect(options.tags).toContain('ghcr.io/myorg/one-api:offline-v1.0.0');
    expect(options.tags).toContain('ghcr.io/myorg/x:Edge');
  });

  it.each([
    ['ghcr.io/MyOrg/One-API:V0.6.10', 'ghcr.io/myorg/one-api:V0.6.10'],
    [`Justsong/One-API:v0.6.10@sha256:${'a'.repeat(64)}`, `justsong/one-api:v0.6.10@sha256:${'a'.repeat(64)}`],
    ['127.0.0.1:5000/Org/Base', '127.0.0.1:5000/org/base'],
    ['oci-archive://./Base.OCI.tar:Tag', 'oci-archive://./Base.OCI.tar:Tag'],
    ['oci-layout:///tmp/Layout', 'oci-layout:///tmp/Layout'],
  ])('base-image %s is lowercased as images are (tag, digest and layout paths kept): %s', (given, want) => {
    const options = parse({ 'base-image': given, images: 'r.io/a', version: 'v1.0.0' });
    expect(options.mode).toEqual({ kind: 'overlay', baseImage: want });
  });

  it.each<[string, Partial<Record<InputName, string>>, string[]]>([
    ['default: offline- prefix, moving offline', {}, ['offline-v1.2.3', 'offline-v1.2', 'offline-v1', 'offline']],
    // metadata-action's rule: a flavor prefix goes on the moving tag only with onlatest=true.
    ['flavor prefix: the moving tag is latest', { flavor: 'prefix=air-' }, ['air-v1.2.3', 'air-v1.2', 'air-v1', 'latest']],
    ['flavor prefix=offline- written out: latest too', { flavor: 'prefix=offline-' }, ['offline-v1.2.3', 'offline-v1.2', 'offline-v1', 'latest']],
    // metadata-action's own flavor cases (__tests__/meta.test.ts, v6.2.0: suffix=-dev, with and without onlatest).
    ['metadata-action: suffix=-dev', { flavor: 'prefix=\nsuffix=-dev' }, ['v1.2.3-dev', 'v1.2-dev', 'v1-dev', 'latest']],
    ['metadata-action: suffix=-dev,onlatest=true', { flavor: 'prefix=\nsuffix=-dev,onlatest=true' }, ['v1.2.3-dev', 'v1.2-dev', 'v1-dev', 'latest-dev']],
    ['metadata-action: prefix=foo-,onlatest=true + suffix=-dev,onlatest=true', { flavor: 'prefix=foo-,onlatest=true\nsuffix=-dev,onlatest=true' }, ['foo-v1.2.3-dev', 'foo-v1.2-dev', 'foo-v1-dev', 'foo-latest-dev']],
    ['prefix onlatest=false', { flavor: 'prefix=foo-,onlatest=false\nsuffix=-dev' }, ['foo-v1.2.3-dev', 'foo-v1.2-dev', 'foo-v1-dev', 'latest']],
    ['no prefix: latest', { flavor: 'prefix=' }, ['v1.2.3', 'v1.2', 'v1', 'latest']],
    ['latest=false', { flavor: 'latest=false' }, ['offline-v1.2.3', 'offline-v1.2', 'offline-v1']],
    ['suffix, not on the moving tag', { flavor: 'suffix=-slim' }, ['offline-v1.2.3-slim', 'offline-v1.2-slim', 'offline-v1-slim', 'offline']],
    ['suffix onlatest', { flavor: 'suffix=-slim,onlatest=true' }, ['offline-v1.2.3-slim', 'offline-v1.2-slim', 'offline-v1-slim', 'offline-slim']],
    ['prefix onlatest: <prefix>latest', { flavor: 'prefix=air-,onlatest=true' }, ['air-v1.2.3', 'air-v1.2', 'air-v1', 'air-latest']],
    ['deprecated tag-prefix', { 'tag-prefix': 'old-' }, ['old-v1.2.3', 'old-v1.2', 'old-v1', 'old']],
    ['tag-prefix equal to flavor prefix: flavor\'s rule', { 'tag-prefix': 'x-', flavor: 'prefix=x-' }, ['x-v1.2.3', 'x-v1.2', 'x-v1', 'latest']],
    ['tag-prefix empty (the old way to drop it)', { 'tag-prefix': '' }, ['v1.2.3', 'v1.2', 'v1', 'latest']],
  ])('flavor: %s', (_name, values, tags) => {
    expect(parse({ images: 'r.io/a', version: 'v1.2.3', ...values }).tags).toEqual(tags.map((t) => `r.io/a:${t}`));
  });

  it.each<[string, Partial<Record<InputName, string>>, string[]]>([
    ['latest=auto leaves a prerelease alone', { version: 'v2.0.0-rc.1' }, ['offline-v2.0.0-rc.1']],
    ['latest=true moves for a prerelease too', { version: 'v2.0.0-rc.1', flavor: 'latest=true' }, ['offline-v2.0.0-rc.1', 'offline']],
    ['latest=true for a commit version', { version: 'abc1234', flavor: 'latest=true\nprefix=' }, ['abc1234', 'latest']],
  ])('%s', (_name, values, tags) => {
    expect(parse({ images: 'r.io/a', ...values }).tags).toEqual(tags.map((t) => `r.io/a:${t}`));
  });

  it('a tag-prefix other than its default logs the deprecation; the default alone does not', () => {
    expect(readNaming(rawInputsFrom({ ...INPUT_DEFAULTS, 'tag-prefix': 'old-' })).notices).toEqual([expect.stringMatching(/tag-prefix is deprecated: write flavor: prefix=old-/)]);
    expect(readNaming(rawInputsFrom({ ...INPUT_DEFAULTS, flavor: 'prefix=new-' })).notices).toEqual([]);
  });

  it.each<[string, Partial<Record<InputName, string>>, InputName]>([
    ['unknown flavor key', { flavor: 'latest=auto\nmode=x' }, 'flavor'],
    ['latest=maybe', { flavor: 'latest=maybe' }, 'flavor'],
    ['prefix with a space', { flavor: 'prefix=a b' }, 'flavor'],
    ['onlatest junk', { flavor: 'prefix=a-,onlatest=yes' }, 'flavor'],
    ['no = in flavor', { flavor: 'latest' }, 'flavor'],
    ['tag-prefix and a different flavor prefix', { 'tag-prefix': 'a-', flavor: 'prefix=b-' }, 'tag-prefix'],
    ['a version too long with the suffix', { version: 'v'.repeat(120), flavor: 'suffix=-0123456789' }, 'version'],
  ])('rejects %s', (_name, values, input) => {
    expect(() => parse({ images: 'r.io/a', version: 'v1.2.3', ...values })).toThrow(expect.objectContaining({ input }));
  });
});
