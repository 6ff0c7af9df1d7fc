import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildError } from '../../../src/errors.js';
import { parseMetadata } from '../../../src/build/metadata.js';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../../../fixtures/images/metadata', name), 'utf8');

describe('parseMetadata (files written by buildx 0.13.1 here)', () => {
  it('multi-platform OCI export: the index digest is the digest and the image ID', () => {
    const text = fixture('oci-multi-platform.json');
    const raw = JSON.parse(text) as Record<string, unknown>;
    const parsed = parseMetadata(text);
    expect(parsed.digest).toBe(raw['containerimage.digest']);
    expect(parsed.imageid).toBe(raw['containerimage.digest']);
    expect(parsed.names).toEqual(String(raw['image.name']).split(','));
    expect(parsed.names).toHaveLength(4);
    expect(parsed.metadata).toEqual(raw);
  });

  it('single-platform push: the image ID is the config digest', () => {
    const text = fixture('push-and-oci-single-platform.json');
    const raw = JSON.parse(text) as Record<string, unknown>;
    const parsed = parseMetadata(text);
    expect(parsed.digest).toBe(raw['containerimage.digest']);
    expect(parsed.imageid).toBe(raw['containerimage.config.digest']);
    expect(parsed.imageid).not.toBe(parsed.digest);
  });

  it.each(['load-single-platform.json', 'oci-no-epoch.json'])('%s parses with a sha256 digest', (name) => {
    expect(parseMetadata(fixture(name)).digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('an export with no image (e.g. type=local) has no digest', () => {
    expect(parseMetadata('{"buildx.build.ref":"default/default/x"}')).toEqual({ names: [], metadata: { 'buildx.build.ref': 'default/default/x' } });
  });

  it.each([
    ['not JSON', 'ERROR: x', /not JSON/],
    ['an array', '[]', /not a JSON object/],
    ['a bad digest', '{"containerimage.digest":"md5:abc"}', /not a sha256 digest/],
  ])('rejects %s with a BuildError', (_name, text, message) => {
    expect(() => parseMetadata(text)).toThrowError(BuildError);
    expect(() => parseMetadata(text)).toThrowError(message);
  });
});
