// Bytes one source yielded for one file.
import type { Measured } from '../encoders/check-pin.js';
import type { ByteSource } from '../encoders/copy-verified.js';
import type { SelectedFile } from '../encoders/selection.js';
import type { FileSource } from './result.js';

/** Bytes already checked against the pin (and checked again while copied into the cache folder). */
export interface CheckedBytes {
  readonly file: SelectedFile;
  readonly from: ByteSource;
  readonly measured: Measured;
  readonly source: Exclude<FileSource, 'tool-cache'>;
}

/** A tool-cache entry, not read yet: the copy into the cache folder is its one read and its check. */
export interface UncheckedBytes {
  readonly file: SelectedFile;
  readonly from: ByteSource;
  readonly measured?: undefined;
  readonly source: 'tool-cache';
}

export type Acquired = CheckedBytes | UncheckedBytes;
