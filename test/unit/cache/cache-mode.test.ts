import { describe, expect, it } from 'vitest';
import { cacheModeAccess } from '../../../src/cache/cache-mode.js';

describe('cacheModeAccess', () => {
  it.each([
    [undefined, true, true],
    ['', true, true],
    ['write', true, true],
    [' WRITE ', true, true],
    ['read', true, false],
    ['Read', true, false],
    ['write-only', false, true],
    ['none', false, false],
    ['something-new', true, true],
    ['toString', true, true],
  ])('ACTIONS_CACHE_MODE=%j → read %s, write %s', (mode, read, write) => {
    expect(cacheModeAccess(mode)).toEqual({ read, write });
  });
});
