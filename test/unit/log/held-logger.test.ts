import { describe, expect, it } from 'vitest';
import { heldLogger } from '../../../src/log/held-logger.js';
import { memoryLogger } from '../../../src/log/logger.js';

describe('heldLogger', () => {
  it('shows lines at once until held, then keeps them, kinds and order intact, until released', async () => {
    const out = memoryLogger();
    const log = heldLogger(out);
    log.info('one');
    expect(out.lines).toEqual(['one']);
    log.hold();
    log.warning('two');
    log.debug('three');
    await log.group('section', async () => log.notice('four'));
    expect(out.lines).toEqual(['one']);
    expect(log.heldCount()).toBe(4);
    log.release();
    expect(out.lines).toEqual(['one', 'warning: two', 'debug: three', 'section', 'notice: four']);
    log.info('five');
    expect(out.lines.at(-1)).toBe('five');
    expect(log.heldCount()).toBe(0);
  });

  it('opens a real section while live', async () => {
    const out = memoryLogger();
    const log = heldLogger(out);
    expect(await log.group('live', async () => 7)).toBe(7);
    expect(out.lines).toEqual(['group: live']);
  });
});
