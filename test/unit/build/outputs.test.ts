import { describe, expect, it } from 'vitest';
import type { BuildOptions } from '../../../src/build/options.js';
import { BASE_OPTIONS } from './base-options.js';
import { chooseRoute, csvField, dockerSteps, stagingTag } from '../../../src/build/outputs.js';

const BASE: BuildOptions = { ...BASE_OPTIONS, mode: { kind: 'dockerfile', context: '.' }, verify: true };

describe('chooseRoute', () => {
  it.each<[string, Partial<BuildOptions>, string, string]>([
    ['push, no epoch, docker driver', { push: true }, 'docker', 'direct'],
    ['push with epoch, docker driver', { push: true, sourceDateEpoch: 1 }, 'docker', 'oci-then-docker'],
    ['load with epoch, docker driver', { load: true, sourceDateEpoch: 1 }, 'docker', 'oci-then-docker'],
    ['push + archive, docker driver', { push: true, archive: '/a.tar' }, 'docker', 'oci-then-docker'],
    ['archive only with epoch', { archive: '/a.tar', sourceDateEpoch: 1 }, 'docker', 'direct'],
    ['push by digest, docker driver', { push: true, pushByDigest: true }, 'docker', 'oci-then-docker'],
    ['push with epoch, docker-container driver', { push: true, sourceDateEpoch: 1, pushByDigest: true }, 'docker-container', 'direct'],
  ])('%s → %s', (_name, options, driver, route) => {
    expect(chooseRoute({ ...BASE, ...options }, driver)).toBe(route);
  });
});

describe('dockerSteps', () => {
  it.each<[string, Partial<BuildOptions>, string[][]]>([
    ['load', { load: true }, [['load', '--input', '/t.tar'], ['tag', 'r.io/a:v1', 'r.io/a:latest']]],
    [
      'push',
      { push: true },
      [['load', '--input', '/t.tar'], ['tag', 'r.io/a:v1', 'r.io/a:latest'], ['push', 'r.io/a:v1'], ['push', 'r.io/a:latest']],
    ],
    [
      'push by digest to two names',
      { push: true, pushByDigest: true, images: ['r.io/a', 'r.io/b'], platforms: ['linux/arm64'] },
      [
        ['load', '--input', '/t.tar'],
        ['tag', 'r.io/a:by-digest-linux-arm64', 'r.io/b:by-digest-linux-arm64'],
        ['push', 'r.io/a:by-digest-linux-arm64'],
        ['push', 'r.io/b:by-digest-linux-arm64'],
      ],
    ],
  ])('%s', (_name, options, expected) => {
    expect(dockerSteps({ ...BASE, ...options }, '/t.tar')).toEqual(expected);
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

  it('staging tag holds only tag characters', () => {
    expect(stagingTag(['linux/arm/v7'])).toBe('by-digest-linux-arm-v7');
  });
});
