import { describe, expect, it } from 'vitest';
import type { BuildOptions } from '../../../src/build/options.js';
import { BASE_OPTIONS } from './base-options.js';
import { buildxOutputs, chooseRoute, csvField, needsArchive, targetRepositories } from '../../../src/build/outputs.js';

const BASE: BuildOptions = { ...BASE_OPTIONS, mode: { kind: 'dockerfile', context: '.' }, verify: true };

describe('chooseRoute', () => {
  it.each<[string, Partial<BuildOptions>, string, string]>([
    ['push, docker driver (cannot push by digest)', { push: true }, 'docker', 'archive'],
    ['push with epoch, docker driver', { push: true, sourceDateEpoch: 1 }, 'docker', 'archive'],
    ['load, docker driver', { load: true }, 'docker', 'archive'],
    ['push by digest, docker driver', { push: true, pushByDigest: true }, 'docker', 'archive'],
    ['archive only', { archive: '/a.tar', sourceDateEpoch: 1 }, 'docker-container', 'archive'],
    ['push, docker-container driver', { push: true, sourceDateEpoch: 1 }, 'docker-container', 'registry'],
    ['push by digest, remote driver', { push: true, pushByDigest: true }, 'remote', 'registry'],
    ['push + load, docker-container: one archive for both', { push: true, load: true }, 'docker-container', 'archive'],
    ['push + archive, remote: one archive, one set of digests', { push: true, archive: '/a.tar' }, 'remote', 'archive'],
  ])('%s → %s', (_name, options, driver, route) => {
    expect(chooseRoute({ ...BASE, ...options }, driver)).toBe(route);
  });
});

describe('what the outputs name', () => {
  it.each<[string, Partial<BuildOptions>, string[]]>([
    ['tags in the image repository only', { push: true }, ['r.io/a']],
    ['a full tag elsewhere adds its repository', { push: true, images: ['r.io/a'], tags: ['r.io/a:v1', 'q.io/x/b:stable', 'r.io/a:latest'] }, ['r.io/a', 'q.io/x/b']],
    ['push by digest: the images only', { push: true, pushByDigest: true, images: ['r.io/a', 'r.io/b'] }, ['r.io/a', 'r.io/b']],
  ])('targetRepositories: %s', (_name, options, expected) => {
    expect(targetRepositories({ ...BASE, ...options })).toEqual(expected);
  });

  it.each<[string, Partial<BuildOptions>, boolean]>([
    ['verify only', { verify: true }, true],
    ['nothing to push, load, keep or verify', { verify: false }, false],
    ['load without verify', { verify: false, load: true }, true],
  ])('needsArchive: %s', (_name, options, expected) => {
    expect(needsArchive({ ...BASE, ...options }, 'archive')).toBe(expected);
  });

  it('no output at all when the archive route has nowhere to write', () => {
    expect(buildxOutputs({ ...BASE, verify: false }, 'archive')).toEqual([]);
  });

  it('no output ever carries a tag or an image name on the archive route', () => {
    for (const dest of [{ archive: '/t.tar' }, { layout: '/t/layout' }]) {
      for (const output of buildxOutputs({ ...BASE, push: true, load: true, sourceDateEpoch: 1 }, 'archive', dest)) expect(output).not.toMatch(/name=/);
    }
  });

  it('a layout folder is written with tar=false; the user\'s archive wins over it', () => {
    expect(buildxOutputs({ ...BASE, push: true }, 'archive', { layout: '/t/layout' })).toEqual(['type=oci,dest=/t/layout,tar=false']);
    expect(buildxOutputs({ ...BASE, push: true, archive: '/u/a.tar' }, 'archive', { layout: '/t/layout' })).toEqual(['type=oci,dest=/u/a.tar']);
  });
});

describe('helpers', () => {
  it.each([
    ['name=a', 'name=a'],
    ['name=a,b', '"name=a,b"'],
    ['x="y"', '"x=""y"""'],
  ])('csvField(%s) = %s', (field, expected) => {
    expect(csvField(field)).toBe(expected);
  });
});
