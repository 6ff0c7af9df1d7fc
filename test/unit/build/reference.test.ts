import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { parseFullTag, parseImageName } from '../../../src/build/reference.js';
import { nameProblem, splitTag } from '../../../src/oci/reference.js';

describe('image reference grammar', () => {
  it.each([
    'one-api',
    'justsong/one-api',
    'ghcr.io/org/one-api',
    '127.0.0.1:5000/oneapi-offline-test/x',
    'localhost/a/b',
    'registry.example.com:443/a__b/c.d/e-f',
    'a--b/c',
    '[::1]:5000/x',
  ])('accepts the name %s', (name) => {
    expect(nameProblem(name)).toBeUndefined();
    expect(parseImageName('images', name)).toBe(name);
  });

  it.each([
    ['ghcr.io/Org/one-api', /lowercase/],
    ['Org/one-api', /lowercase/],
    ['one_-api', /path component/],
    ['-one-api', /path component/],
    ['one-api-', /path component/],
    ['a//b', /path component/],
    ['bad_host.io:x/a', /registry host/],
    ['with space', /path component/],
    ['one-api:v1', /drop ":v1"/],
    ['one-api@sha256:' + 'a'.repeat(64), /drop the @digest/],
    ['a/' + 'b'.repeat(300), /longer than 255/],
  ])('rejects the name %s', (name, fix) => {
    expect(() => parseImageName('images', name)).toThrowError(fix);
    expect(() => parseImageName('images', name)).toThrowError(InputError);
  });

  it.each([
    ['ghcr.io/org/one-api:offline-stable', 'ghcr.io/org/one-api:offline-stable'],
    ['127.0.0.1:5000/x:1.0_a-b', '127.0.0.1:5000/x:1.0_a-b'],
  ])('accepts the full tag %s', (ref, expected) => {
    expect(parseFullTag('tags', ref)).toBe(expected);
  });

  it.each([
    ['ghcr.io/org/one-api:.hidden', /not a valid tag/],
    ['ghcr.io/org/one-api:-x', /not a valid tag/],
    ['ghcr.io/org/one-api:a+b', /not a valid tag/],
    ['ghcr.io/org/one-api:' + 'a'.repeat(129), /not a valid tag/],
    ['127.0.0.1:5000/x', /name:tag/],
    ['ghcr.io/Org/x:v1', /lowercase/],
  ])('rejects the full tag %s', (ref, fix) => {
    expect(() => parseFullTag('tags', ref)).toThrowError(fix);
  });

  it.each([
    ['a/b:c', { name: 'a/b', tag: 'c' }],
    ['127.0.0.1:5000/a', { name: '127.0.0.1:5000/a' }],
    ['127.0.0.1:5000/a:t', { name: '127.0.0.1:5000/a', tag: 't' }],
  ])('splitTag(%s)', (ref, expected) => {
    expect(splitTag(ref)).toEqual(expected);
  });
});
