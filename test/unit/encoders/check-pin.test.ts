import { describe, expect, it } from 'vitest';
import { checkPin } from '../../../src/encoders/check-pin.js';
import { selectFiles } from '../../../src/encoders/selection.js';
import { IntegrityError } from '../../../src/errors.js';
import { PINNED_FILES } from '../../../src/pins.js';

const cl100k = selectFiles(['cl100k_base'])[0]!;
const p50k = selectFiles(['p50k_edit'])[0]!;
const extra = selectFiles([], [{ name: 'mine', url: 'https://x.example/mine.tiktoken', sha256: 'a'.repeat(64) }])[0]!;
const pin = PINNED_FILES.cl100k_base;
const other = 'f'.repeat(64);

describe('checkPin', () => {
  it.each([
    ['matching hash and size', cl100k, { sha256: pin.sha256, size: pin.size }, false],
    ['upper-case hash of the right bytes', cl100k, { sha256: pin.sha256.toUpperCase(), size: pin.size }, false],
    ['wrong hash', cl100k, { sha256: other, size: pin.size }, true],
    ['right hash, wrong size', cl100k, { sha256: pin.sha256, size: pin.size - 1 }, true],
    ['extra: hash only, any size', extra, { sha256: 'a'.repeat(64), size: 7 }, false],
    ['extra: wrong hash', extra, { sha256: other, size: 7 }, true],
  ] as const)('%s', (_name, file, actual, fails) => {
    const error = checkPin(file, actual);
    expect(error !== undefined).toBe(fails);
    if (error) expect(error).toBeInstanceOf(IntegrityError);
  });

  it('says which file, which URL, expected and actual hash and size, and what to do', () => {
    const error = checkPin(cl100k, { sha256: other, size: 12 }, 'https://user:secret@mirror.example/encodings/cl100k_base.tiktoken');
    expect(error?.message).toContain('cl100k_base');
    expect(error?.message).toContain('https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken');
    expect(error?.message).toContain(`got:      sha256 ${other}, 12 bytes`);
    expect(error?.message).toContain(`expected: sha256 ${pin.sha256}, ${pin.size} bytes`);
    expect(error?.message).toContain('fix:');
    expect(error?.message).toContain('mirror.example');
    expect(error?.message).not.toContain('secret');
  });

  it('names the encodings sharing a file', () => {
    expect(checkPin(p50k, { sha256: other, size: 1 })?.message).toMatch(/^encoder file p50k_base \(p50k_edit\)/);
  });
});
