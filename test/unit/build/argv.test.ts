import { describe, expect, it } from 'vitest';
import { buildxArgs, type ArgvPaths } from '../../../src/build/argv.js';
import type { BuildOptions } from '../../../src/build/options.js';
import { BASE_OPTIONS } from './base-options.js';

const BASE: BuildOptions = BASE_OPTIONS;
const PATHS: ArgvPaths = { metadataFile: '/t/m.json' };
const HEAD = ['buildx', 'build', '--platform', 'linux/amd64,linux/arm64'];
const CTX = ['--build-context', 'tiktoken=/c'];
const META = ['--metadata-file', '/t/m.json'];

describe('buildxArgs', () => {
  it.each<[string, Partial<BuildOptions>, Partial<ArgvPaths>, string[]]>([
    ['no output: the engine keeps the result (never a --tag)', {}, {}, [...HEAD, ...CTX, ...META, 'ctx']],
    [
      'registry route: push by digest to every repository a tag lives in, no tags',
      { push: true },
      { route: 'registry' },
      [...HEAD, ...CTX, ...META, '--output', 'type=image,name=r.io/a,push-by-digest=true,name-canonical=true,push=true,oci-mediatypes=true', 'ctx'],
    ],
    [
      'registry route with SOURCE_DATE_EPOCH: rewrite-timestamp and the build-arg',
      { push: true, sourceDateEpoch: 5, buildArgs: [['SOURCE_DATE_EPOCH', '5']], tags: ['r.io/a:v1', 'q.io/b:x'] },
      { route: 'registry' },
      [...HEAD, ...CTX, '--build-arg', 'SOURCE_DATE_EPOCH=5', ...META, '--output', 'type=image,"name=r.io/a,q.io/b",push-by-digest=true,name-canonical=true,push=true,oci-mediatypes=true,rewrite-timestamp=true', 'ctx'],
    ],
    [
      'push by digest: no tags, canonical names',
      { push: true, pushByDigest: true, images: ['r.io/a', 'r.io/b'], platforms: ['linux/arm64'] },
      { route: 'registry' },
      ['buildx', 'build', '--platform', 'linux/arm64', ...CTX, ...META, '--output', 'type=image,"name=r.io/a,r.io/b",push-by-digest=true,name-canonical=true,push=true,oci-mediatypes=true', 'ctx'],
    ],
    [
      'archive route: one un-named OCI archive (no name= annotation, so no tag)',
      { push: true, sourceDateEpoch: 5 },
      { route: 'archive', dest: { archive: '/t/image.oci.tar' } },
      [...HEAD, ...CTX, ...META, '--output', 'type=oci,dest=/t/image.oci.tar,rewrite-timestamp=true', 'ctx'],
    ],
    [
      "archive route: the user's archive wins over the private one",
      { load: true, archive: '/out/img.tar' },
      { route: 'archive', dest: { archive: '/t/x.tar' } },
      [...HEAD, ...CTX, ...META, '--output', 'type=oci,dest=/out/img.tar', 'ctx'],
    ],
    [
      'everything else: builder, file, args, labels, provenance',
      { builder: 'b1', mode: { kind: 'dockerfile', context: '.', file: 'docker/Dockerfile' }, buildArgs: [['HTTP_PROXY', 'http://p:1'], ['A', 'x=y']], labels: [['l', 'v w']], provenance: 'mode=min' },
      {},
      ['buildx', 'build', '--builder', 'b1', '--platform', 'linux/amd64,linux/arm64', '--file', 'docker/Dockerfile', ...CTX, '--build-arg', 'HTTP_PROXY=http://p:1', '--build-arg', 'A=x=y', '--label', 'l=v w', ...META, '--provenance', 'mode=min', '.'],
    ],
    [
      'overlay mode: the generated Dockerfile, the staged tree as the only context',
      { mode: { kind: 'overlay', baseImage: 'b:1' }, verify: true },
      { dockerfilePath: '/t/overlay/Dockerfile', context: '/t/overlay-context', dest: { archive: '/t/v.tar' } },
      [...HEAD, '--file', '/t/overlay/Dockerfile', ...META, '--output', 'type=oci,dest=/t/v.tar', '/t/overlay-context'],
    ],
    [
      'overlay mode on Engine\'s builder, pushed: an OCI layout folder (tar=false), no name',
      { mode: { kind: 'overlay', baseImage: 'b:1' }, push: true, images: ['r.io/a'], sourceDateEpoch: 5, buildArgs: [['SOURCE_DATE_EPOCH', '5']] },
      { dockerfilePath: '/t/overlay/Dockerfile', context: '/t/overlay-context', dest: { layout: '/p/runs/run-1' } },
      [...HEAD, '--file', '/t/overlay/Dockerfile', '--build-arg', 'SOURCE_DATE_EPOCH=5', ...META, '--output', 'type=oci,dest=/p/runs/run-1,tar=false', '/t/overlay-context'],
    ],
    [
      'Dockerfile mode into a layout folder with SOURCE_DATE_EPOCH: rewrite-timestamp too',
      { push: true, images: ['r.io/a'], sourceDateEpoch: 5 },
      { dest: { layout: '/p/runs/run-2' } },
      [...HEAD, ...CTX, ...META, '--output', 'type=oci,dest=/p/runs/run-2,tar=false,rewrite-timestamp=true', 'ctx'],
    ],
    [
      'overlay mode with SOURCE_DATE_EPOCH: the build-arg, no rewrite-timestamp (its layer has fixed dates already)',
      { mode: { kind: 'overlay', baseImage: 'b:1' }, push: true, images: ['r.io/a'], sourceDateEpoch: 5, buildArgs: [['SOURCE_DATE_EPOCH', '5']] },
      { dockerfilePath: '/t/overlay/Dockerfile', context: '/t/overlay-context', route: 'registry' },
      [...HEAD, '--file', '/t/overlay/Dockerfile', '--build-arg', 'SOURCE_DATE_EPOCH=5', ...META, '--output', 'type=image,name=r.io/a,push-by-digest=true,name-canonical=true,push=true,oci-mediatypes=true', '/t/overlay-context'],
    ],
  ])('%s', (_name, options, paths, expected) => {
    expect(buildxArgs({ ...BASE, ...options }, { ...PATHS, ...paths })).toEqual(expected);
  });

  // build-push-action's inputs, one row each: parsed from the raw input text, then rendered.
  const FLAGS = BASE.flags;
  it.each<[string, Partial<BuildOptions>, Partial<ArgvPaths>, string[]]>([
    ['target', { flags: { ...FLAGS, target: 'runtime' } }, {}, ['--target', 'runtime']],
    ['build-contexts next to tiktoken', { flags: { ...FLAGS, buildContexts: [['web', './web'], ['alpine', 'docker-image://alpine@sha256:' + 'a'.repeat(64)]] } }, {}, ['--build-context', 'web=./web', '--build-context', `alpine=docker-image://alpine@sha256:${'a'.repeat(64)}`]],
    ['cache-from', { flags: { ...FLAGS, cacheFrom: ['type=registry,ref=r.io/a:buildcache', 'type=local,src=/c'] } }, {}, ['--cache-from', 'type=registry,ref=r.io/a:buildcache', '--cache-from', 'type=local,src=/c']],
    ['cache-to', { flags: { ...FLAGS, cacheTo: ['type=registry,ref=r.io/a:buildcache,mode=max'] } }, {}, ['--cache-to', 'type=registry,ref=r.io/a:buildcache,mode=max']],
    ['add-hosts', { flags: { ...FLAGS, addHosts: ['docker:10.180.0.1', 'gw:host-gateway'] } }, {}, ['--add-host', 'docker:10.180.0.1', '--add-host', 'gw:host-gateway']],
    ['network', { flags: { ...FLAGS, network: 'none' } }, {}, ['--network', 'none']],
    ['no-cache', { flags: { ...FLAGS, noCache: true } }, {}, ['--no-cache']],
    ['pull', { flags: { ...FLAGS, pull: true } }, {}, ['--pull']],
    ['sbom', { flags: { ...FLAGS, sbom: 'true' } }, {}, ['--sbom', 'true']],
    ['annotations', { annotations: ['index,manifest:org.opencontainers.image.title=one-api', 'manifest[linux/amd64]:a=b'] }, {}, ['--annotation', 'index,manifest:org.opencontainers.image.title=one-api', '--annotation', 'manifest[linux/amd64]:a=b']],
    [
      'secrets: a value by its 0600 file, a file, a variable; never the value',
      { buildSecrets: [{ id: 'npm', from: 'value', value: 'tok-123' }, { id: 'key', from: 'file', path: '/k/a,b.pem' }, { id: 'gh', from: 'env', env: 'GH_TOKEN' }] },
      { secretFiles: new Map([['npm', '/t/secrets/0']]) },
      ['--secret', 'id=npm,src=/t/secrets/0', '--secret', 'id=key,"src=/k/a,b.pem"', '--secret', 'id=gh,env=GH_TOKEN'],
    ],
  ])('%s', (_name, options, paths, fragment) => {
    const argv = buildxArgs({ ...BASE, ...options }, { ...PATHS, ...paths });
    expect(argv).toEqual([...HEAD, ...CTX, ...fragment, ...META, 'ctx']);
    expect(argv.join(' ')).not.toContain('tok-123');
  });

  it('a value secret whose file was not written is a programming error, not a value on the argv', () => {
    expect(() => buildxArgs({ ...BASE, buildSecrets: [{ id: 'npm', from: 'value', value: 'tok' }] }, PATHS)).toThrowError(/not written/);
  });

  it('overlay mode without its context folder is a programming error', () => {
    expect(() => buildxArgs({ ...BASE, mode: { kind: 'overlay', baseImage: 'b' } }, PATHS)).toThrowError(/overlay/);
  });
});
