// `encoders`: comma/newline list of encoding names, `all` for every one, empty for the default.
import { InputError } from '../errors.js';
import { parseList } from '../inputs/scalars.js';
import { DEFAULT_ENCODINGS, ENCODING_NAMES, isEncodingName, type EncodingName } from '../pins.js';

export function parseEncoderList(raw: string): EncodingName[] {
  if (raw.trim() === '') return [...DEFAULT_ENCODINGS];
  const items = parseList(raw);
  const valid = `one or more of ${ENCODING_NAMES.join(', ')}, or all`;
  if (items.length === 0) {
    throw new InputError('encoders', {
      got: JSON.stringify(raw),
      expected: valid,
      fix: `list at least one encoding, or leave encoders out for ${DEFAULT_ENCODINGS.join(',')}`,
    });
  }
  const chosen = new Set<EncodingName>();
  for (const item of items) {
    if (item.toLowerCase() === 'all') {
      for (const name of ENCODING_NAMES) chosen.add(name);
    } else if (isEncodingName(item)) {
      chosen.add(item);
    } else {
      throw new InputError('encoders', {
        got: JSON.stringify(item),
        expected: valid,
        fix: 'fix the spelling, or add the file through extra-encoders if it is not a built-in encoding',
      });
    }
  }
  return [...chosen];
}
