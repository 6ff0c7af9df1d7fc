import { describe, expect, it } from 'vitest';
import { MAX_BACKOFF_MS, parseRetryAfter, retryDelay } from '../../../src/download/backoff.js';

describe('retryDelay', () => {
  it.each<[number, number, number, number | undefined, number]>([
    // retry, base, random, retryAfterMs, expected
    [1, 1000, 0, undefined, 500],
    [1, 1000, 0.5, undefined, 750],
    [1, 1000, 1, undefined, 1000],
    [2, 1000, 0, undefined, 1000],
    [3, 1000, 0.5, undefined, 3000],
    [4, 1000, 1, undefined, 8000],
    [10, 1000, 1, undefined, MAX_BACKOFF_MS],
    [10, 1000, 0, undefined, MAX_BACKOFF_MS / 2],
    [1, 0, 0.7, undefined, 0],
    [1, 1000, 0, 5000, 5000],
    [3, 1000, 1, 2000, 4000],
    [1, 1000, 0, 120_000, MAX_BACKOFF_MS],
    [1, 1000, 7, undefined, 1000],
    [1, 1000, -1, undefined, 500],
  ])('retry %i, base %i, random %d, Retry-After %s → %i ms', (retry, base, r, retryAfter, expected) => {
    expect(retryDelay(retry, base, () => r, retryAfter)).toBe(expected);
  });

  it('the schedule doubles and the jitter stays within [half, full]', () => {
    const base = 200;
    for (let retry = 1; retry <= 6; retry++) {
      const full = base * 2 ** (retry - 1);
      for (const r of [0, 0.25, 0.999]) {
        const d = retryDelay(retry, base, () => r);
        expect(d).toBeGreaterThanOrEqual(full / 2);
        expect(d).toBeLessThanOrEqual(full);
      }
    }
  });
});

describe('parseRetryAfter', () => {
  it.each<[string | string[] | undefined, number | undefined]>([
    [undefined, undefined],
    ['', undefined],
    ['3', 3000],
    [' 0 ', 0],
    [['2', '9'], 2000],
    ['Wed, 21 Oct 2015 07:28:00 GMT', undefined],
    ['-1', undefined],
    ['1.5', undefined],
  ])('%j → %s', (header, expected) => {
    expect(parseRetryAfter(header)).toBe(expected);
  });
});
