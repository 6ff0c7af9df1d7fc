// For other suites (e2e builds, benchmarks): a real, verified cache folder from bytes in memory,
// laid out by the same writer the action uses. Throws IntegrityError if any bytes miss their pin.
import type { EncodingName } from '../pins.js';
import { writeLayout, type LayoutResult } from './layout.js';
import { selectFiles, type SelectedFile } from './selection.js';

export async function layOutBytes(
  dir: string,
  encodings: readonly EncodingName[],
  bytesOf: (file: SelectedFile) => Promise<Uint8Array>,
): Promise<LayoutResult> {
  const files = selectFiles(encodings);
  const entries = await Promise.all(files.map(async (file) => ({ file, from: { bytes: await bytesOf(file) } })));
  return writeLayout(dir, entries);
}
