import { describe, expect, it } from 'vitest';
import { cliLogger } from '../../../src/cli/logger.js';

describe('cliLogger', () => {
  it('masks every registered secret, longest first, on every line', async () => {
    const lines: string[] = [];
    const log = cliLogger((line) => lines.push(line), { debug: true });
    log.addSecret('pass');
    log.addSecret('user:pass');
    log.info('proxy http://user:pass@proxy:3128\nagain pass');
    log.warning('pass');
    log.debug('x pass');
    await log.group('g pass', async () => undefined);
    expect(lines).toEqual(['proxy http://***@proxy:3128', 'again ***', 'warning: ***', 'debug: x ***', '== g ***']);
  });

  it('keeps debug lines out unless asked', () => {
    const lines: string[] = [];
    cliLogger((line) => lines.push(line), { debug: false }).debug('hidden');
    expect(lines).toEqual([]);
  });
});
