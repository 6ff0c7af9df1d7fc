import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { parsePlatforms } from '../../../src/build/platforms.js';

describe('parsePlatforms', () => {
  it.each([
    ['linux/amd64,linux/arm64', ['linux/amd64', 'linux/arm64']],
    ['linux/amd64\nlinux/arm64\n', ['linux/amd64', 'linux/arm64']],
    [' linux/arm/v7 , linux/amd64/v2', ['linux/arm/v7', 'linux/amd64/v2']],
    ['linux/amd64,linux/amd64', ['linux/amd64']],
    ['linux/386,linux/s390x,linux/ppc64le,linux/riscv64', ['linux/386', 'linux/s390x', 'linux/ppc64le', 'linux/riscv64']],
  ])('%j → %j', (raw, expected) => {
    expect(parsePlatforms(raw)).toEqual(expected);
  });

  it.each([
    ['linux', /os\/arch/],
    ['linux/x86_64', /write linux\/amd64 instead/],
    ['linux/aarch64', /write linux\/arm64 instead/],
    ['linux/sparc', /known architecture/],
    ['darwin/arm64', /operating systems/],
    ['linux/arm/v9', /variant of arm: v5, v6, v7, v8/],
    ['linux/386/v2', /drop the variant/],
    ['linux/amd64/', /os\/arch/],
    ['linux//amd64', /os\/arch/],
    ['linux/amd64/v2/x', /os\/arch/],
    ['', /at least one platform/],
  ])('rejects %j naming the input', (raw, fix) => {
    let caught: unknown;
    try {
      parsePlatforms(raw);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).input).toBe('platforms');
    expect((caught as InputError).message).toMatch(fix);
  });
});
