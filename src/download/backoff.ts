// How long to wait before a retry: exponential in the retry number, with "equal jitter"
// (half fixed, half random) so parallel downloads that failed together do not retry together,
// and at least what a 429/503 Retry-After asked for. Pure: the random source is passed in.

/** No single wait is longer than this. */
export const MAX_BACKOFF_MS = 30_000;

/**
 * Delay before retry number `retry` (1 = the wait after the first failed attempt):
 * base·2^(retry-1), capped at MAX_BACKOFF_MS, of which the upper half is scaled by `random()`.
 */
export function retryDelay(retry: number, baseMs: number, random: () => number, retryAfterMs?: number): number {
  const exponential = Math.min(MAX_BACKOFF_MS, Math.max(0, baseMs) * 2 ** Math.max(0, retry - 1));
  const r = Math.min(1, Math.max(0, random()));
  const jittered = Math.round(exponential / 2 + (exponential / 2) * r);
  if (retryAfterMs === undefined) return jittered;
  return Math.min(MAX_BACKOFF_MS, Math.max(jittered, retryAfterMs));
}

/** A Retry-After header given in seconds, in ms; dates and junk are ignored (undefined). */
export function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return Number(text) * 1000;
}
