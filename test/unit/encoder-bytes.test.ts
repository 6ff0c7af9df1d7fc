import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { PINNED_FILES, type PinnedFileId } from '../../src/pins.js';
import { encoderBytes } from '../support/encoder-bytes.js';

// The fixtures every other suite serves must be the real upstream bytes.
describe('regenerated upstream bytes', () => {
  it.each(Object.keys(PINNED_FILES) as PinnedFileId[])('%s matches its pin', async (id) => {
    const bytes = await encoderBytes(id);
    expect(bytes.length).toBe(PINNED_FILES[id].size);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(PINNED_FILES[id].sha256);
  });
});
