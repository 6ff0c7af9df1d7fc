import { describe, expect, it } from 'vitest';
import { retrying } from '../../../src/build/retry.js';

describe('retrying', () => {
  it('returns the first success, waiting longer before each new attempt', async () => {
    const waits: number[] = [];
    const retries: number[] = [];
    let calls = 0;
    const result = await retrying(
      async () => {
        calls++;
        if (calls < 3) throw new Error(`fail ${calls}`);
        return 'pushed';
      },
      { attempts: 3, delayMs: 100, sleep: async (ms) => void waits.push(ms), onRetry: (_e, n) => void retries.push(n) },
    );
    expect(result).toBe('pushed');
    expect(waits).toEqual([100, 200]);
    expect(retries).toEqual([2, 3]);
  });

  it('throws the last error once the attempts are used up', async () => {
    let calls = 0;
    await expect(
      retrying(
        async () => {
          calls++;
          throw new Error(`fail ${calls}`);
        },
        { attempts: 2, delayMs: 1, sleep: async () => undefined },
      ),
    ).rejects.toThrow('fail 2');
    expect(calls).toBe(2);
  });
});
