// The `cache-image` input: one full `name:tag` reference. Pure; checked before any network call.
import type { RawInputs } from '../inputs/names.js';
import { parseFullTag } from './reference.js';

export function parseCacheImage(raw: RawInputs): string | undefined {
  const value = raw('cache-image').trim();
  return value === '' ? undefined : parseFullTag('cache-image', value);
}
