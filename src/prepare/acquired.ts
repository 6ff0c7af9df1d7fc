// Bytes one source yielded for one file, already checked against the pin.
import type { Measured } from '../encoders/check-pin.js';
import type { ByteSource } from '../encoders/copy-verified.js';
import type { SelectedFile } from '../encoders/selection.js';
import type { FileSource } from './result.js';

export interface Acquired {
  readonly file: SelectedFile;
  readonly from: ByteSource;
  readonly measured: Measured;
  readonly source: FileSource;
}
