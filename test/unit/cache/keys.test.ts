import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { actionsCacheKey, toolCacheTool, toolCacheVersion, type KeyedFile } from '../../../src/cache/keys.js';
import { PINNED_FILES, canonicalUrl } from '../../../src/pins.js';

const pins: KeyedFile[] = Object.values(PINNED_FILES).map((pin) => ({ id: pin.id, url: canonicalUrl(pin), sha256: pin.sha256 }));

describe('toolCacheTool', () => {
  it.each([
    ['cl100k_base', 'tiktoken-cl100k_base'],
    ['gpt2-vocab-bpe', 'tiktoken-gpt2-vocab-bpe'],
    ['my-extra', 'tiktoken-my-extra'],
  ])('%s → %s', (id, tool) => {
    expect(toolCacheTool(id)).toBe(tool);
  });
});

describe('toolCacheVersion', () => {
  const edgeHashes: Array<[string, string]> = [
    ['all digits with a leading zero', '0'.repeat(63) + '1'],
    ['all zeros', '0'.repeat(64)],
    ['all digits', '1234567890'.repeat(6) + '1234'],
    ['upper-case hex', 'ABCDEF0123456789'.repeat(4)],
    ...pins.map((pin): [string, string] => [`pin ${pin.id}`, pin.sha256]),
  ];

  it.each(edgeHashes)('%s gives a valid, explicit semver that tool-cache keeps as-is', (_label, sha) => {
    const version = toolCacheVersion(sha);
    expect(semver.valid(version)).toBe(version);
    // tool-cache's find() cleans the version and builds the folder path from the result.
    expect(semver.clean(version)).toBe(version);
    expect(version).toContain(sha.toLowerCase());
  });

  it('is case-insensitive in the hash (one entry per pin)', () => {
    const sha = pins[0]!.sha256;
    expect(toolCacheVersion(sha.toUpperCase())).toBe(toolCacheVersion(sha));
  });

  it('differs for every pinned hash', () => {
    const versions = new Set(pins.map((pin) => toolCacheVersion(pin.sha256)));
    expect(versions.size).toBe(pins.length);
  });
});

describe('actionsCacheKey', () => {
  const key = actionsCacheKey(pins);

  it('has the documented shape, without commas and within the 512-character limit', () => {
    expect(key).toMatch(/^tiktoken-encoders-v1-[0-9a-f]{64}$/);
    expect(key).not.toContain(',');
    expect(key.length).toBeLessThanOrEqual(512);
  });

  it.each([
    ['reversed', [...pins].reverse()],
    ['rotated', [...pins.slice(2), ...pins.slice(0, 2)]],
    ['with a duplicate', [...pins, pins[0]!]],
    ['upper-case hashes', pins.map((pin) => ({ ...pin, sha256: pin.sha256.toUpperCase() }))],
  ])('does not depend on order or spelling: %s', (_label, files) => {
    expect(actionsCacheKey(files)).toBe(key);
  });

  const changed = pins.flatMap((pin, index) => {
    const swap = (patch: Partial<KeyedFile>): KeyedFile[] => pins.map((p, i) => (i === index ? { ...p, ...patch } : p));
    const flipped = (pin.sha256[0] === 'a' ? 'b' : 'a') + pin.sha256.slice(1);
    return [
      [`${pin.id}: sha256 changed`, swap({ sha256: flipped })],
      [`${pin.id}: url changed`, swap({ url: pin.url.replace('/encodings/', '/encodings2/') })],
      [`${pin.id}: id changed`, swap({ id: `${pin.id}-x` })],
      [`${pin.id}: removed`, pins.filter((_p, i) => i !== index)],
    ] as Array<[string, KeyedFile[]]>;
  });

  it.each(changed)('changes when a pin changes: %s', (_label, files) => {
    expect(actionsCacheKey(files)).not.toBe(key);
  });

  it('changes when a file is added', () => {
    expect(actionsCacheKey([...pins, { id: 'extra', url: 'https://example.test/x', sha256: 'f'.repeat(64) }])).not.toBe(key);
  });

  it('differs between two disjoint selections', () => {
    expect(actionsCacheKey(pins.slice(0, 1))).not.toBe(actionsCacheKey(pins.slice(1, 2)));
  });
});
