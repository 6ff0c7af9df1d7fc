// The verify inputs: `consumers` (which readers must work offline) and whether `verify` reads
// the encoder set from the image (no `encoders` given). Checked with the other inputs, before
// any network, docker or registry call.
import { CONSUMERS, isConsumerName, type ConsumerName } from '../image/consumers.js';
import { InputError } from '../errors.js';
import type { RawInputs } from '../inputs/names.js';
import { parseList } from '../inputs/scalars.js';
import type { VerifyOptions } from './expectations.js';

export function parseConsumers(raw: string): ConsumerName[] {
  if (raw.trim() === '') return [...CONSUMERS];
  const chosen: ConsumerName[] = [];
  for (const item of parseList(raw)) {
    const name = item.toLowerCase();
    if (!isConsumerName(name)) {
      throw new InputError('consumers', {
        got: JSON.stringify(item),
        expected: `one or more of ${CONSUMERS.join(', ')}`,
        fix: `list the readers that must work offline, e.g. consumers: ${CONSUMERS.join(',')}`,
      });
    }
    if (!chosen.includes(name)) chosen.push(name);
  }
  if (chosen.length === 0) {
    throw new InputError('consumers', { got: JSON.stringify(raw), expected: `one or more of ${CONSUMERS.join(', ')}`, fix: 'name at least one consumer, or leave the input out for both' });
  }
  return chosen;
}

export function parseVerifyInputs(raw: RawInputs, verifyOnly: boolean): VerifyOptions {
  return { consumers: parseConsumers(raw('consumers')), encodersFromImage: verifyOnly && raw('encoders').trim() === '' };
}
