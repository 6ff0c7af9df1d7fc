// The one place that decides whether bytes are the pinned ones. Every source goes through it:
// local folders, the tool cache, the Actions cache and downloads alike.
import { IntegrityError } from '../errors.js';
import { redactUrl } from '../proxy/redact.js';
import type { SelectedFile } from './selection.js';

export interface Measured {
  readonly sha256: string;
  readonly size: number;
}

export type Pin = Pick<SelectedFile, 'id' | 'encodings' | 'url' | 'sha256'> & { readonly size?: number | undefined };

/** Largest file accepted for a pin that has no size (an extra pinned by hash only). */
export const MAX_UNPINNED_BYTES = 64 * 1024 * 1024;

/** How many bytes of a candidate file are worth reading for `pin`: its size, or the cap. */
export function readLimit(pin: Pick<Pin, 'size'>): number {
  return pin.size ?? MAX_UNPINNED_BYTES;
}

function describeBytes(sha256: string, size: number | undefined): string {
  // sha256 '' means the bytes were not hashed: the file is larger than the limit (hash-file.ts).
  const hash = sha256 === '' ? 'not hashed (larger than the limit)' : `sha256 ${sha256}`;
  return size === undefined ? hash : `${hash}, ${size} bytes`;
}

/**
 * `undefined` when the bytes match the pin, else the error to report. `from` says where the
 * bytes came from (a download URL, a cache path); it is redacted before it is shown.
 */
export function checkPin(pin: Pin, actual: Measured, from?: string): IntegrityError | undefined {
  const sizeOk = pin.size === undefined || pin.size === actual.size;
  if (sizeOk && pin.sha256 === actual.sha256.toLowerCase()) return undefined;
  const encodings = pin.encodings.filter((name) => name !== pin.id);
  const label = encodings.length > 0 ? `${pin.id} (${encodings.join(', ')})` : pin.id;
  const source = from !== undefined && from !== pin.url ? ` from ${redactUrl(from)}` : '';
  return new IntegrityError({
    what: `encoder file ${label}, ${redactUrl(pin.url)}${source}: the bytes do not match the pin`,
    got: describeBytes(actual.sha256, actual.size),
    expected: describeBytes(pin.sha256, pin.size),
    fix:
      'the file was not kept. If it came from a mirror, proxy or local source, replace it with the ' +
      'upstream file; if upstream changed, review the new file and update the pin in src/pins.ts ' +
      '(or the sha256 in extra-encoders)',
  });
}
