import { describe, expect, it } from 'vitest';
import { isAttestation, layerCompression, manifestKind, MediaType, parseManifest, type Descriptor } from '../../../src/oci/media-types.js';
import { platformName } from '../../../src/oci/platform.js';

const d = (extra: Partial<Descriptor>): Descriptor => ({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:x', size: 1, ...extra });

describe('media types', () => {
  it.each([
    ['application/vnd.oci.image.layer.v1.tar+gzip', 'gzip'],
    ['application/vnd.docker.image.rootfs.diff.tar.gzip', 'gzip'],
    ['application/vnd.docker.image.rootfs.foreign.diff.tar.gzip', 'gzip'],
    ['application/vnd.oci.image.layer.v1.tar', 'none'],
    ['application/vnd.oci.image.layer.v1.tar+zstd', 'zstd'],
    ['application/vnd.in-toto+json', 'unknown'],
  ])('%s is %s', (type, want) => {
    expect(layerCompression(type)).toBe(want);
  });

  it.each([
    [d({ annotations: { 'vnd.docker.reference.type': 'attestation-manifest' }, platform: { os: 'unknown', architecture: 'unknown' } }), true],
    [d({ platform: { os: 'unknown', architecture: 'unknown' } }), true],
    [d({ platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } }), false],
    [d({}), false],
  ])('isAttestation #%#', (descriptor, want) => {
    expect(isAttestation(descriptor)).toBe(want);
  });

  it.each([
    [{ os: 'linux', architecture: 'arm64', variant: 'v8' }, 'linux/arm64/v8'],
    [{ os: 'linux', architecture: 'amd64' }, 'linux/amd64'],
    [undefined, 'unknown/unknown'],
  ])('platformName %#', (platform, want) => {
    expect(platformName(platform)).toBe(want);
  });

  it.each([
    ['application/vnd.oci.image.index.v1+json', {}, 'index'],
    ['application/vnd.docker.distribution.manifest.list.v2+json', {}, 'index'],
    ['application/vnd.docker.distribution.manifest.v2+json; charset=utf-8', {}, 'manifest'],
    [undefined, { manifests: [] }, 'index'],
    [undefined, { layers: [] }, 'manifest'],
    ['text/plain', {}, undefined],
  ])('manifestKind(%s)', (type, json, want) => {
    expect(manifestKind(type, json)).toBe(want);
  });
});

describe('parseManifest, strict (what we publish or build on) and lenient (the verifier)', () => {
  const D = `sha256:${'b'.repeat(64)}`;
  const manifest = (extra: Record<string, unknown> = {}) =>
    Buffer.from(JSON.stringify({ schemaVersion: 2, config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: D, size: 2 }, layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: D, size: 3 }], ...extra }));

  it('the lenient reading guesses the kind from the shape; the strict one wants it declared', () => {
    expect(parseManifest(manifest(), undefined, 'm').kind).toBe('manifest');
    expect(() => parseManifest(manifest(), undefined, 'm', { strict: true })).toThrow(/declares no index or manifest media type/);
    expect(parseManifest(manifest({ mediaType: MediaType.ociManifest }), undefined, 'm', { strict: true }).kind).toBe('manifest');
    expect(parseManifest(manifest(), `${MediaType.ociManifest}; charset=utf-8`, 'm', { strict: true }).kind).toBe('manifest');
  });

  it('strict: the header and the document must agree, descriptors must be whole', () => {
    expect(() => parseManifest(manifest({ mediaType: MediaType.dockerManifest }), MediaType.ociManifest, 'm', { strict: true })).toThrow(/served as .* but says/);
    const badDigest = Buffer.from(JSON.stringify({ mediaType: MediaType.ociIndex, manifests: [{ mediaType: MediaType.ociManifest, digest: 'sha256:../../etc', size: 1 }] }));
    expect(parseManifest(badDigest, undefined, 'i').kind).toBe('index');
    expect(() => parseManifest(badDigest, undefined, 'i', { strict: true })).toThrow(/manifests\[0\] has the digest/);
    const badSize = Buffer.from(JSON.stringify({ mediaType: MediaType.ociIndex, manifests: [{ mediaType: MediaType.ociManifest, digest: D, size: -1 }] }));
    expect(() => parseManifest(badSize, undefined, 'i', { strict: true })).toThrow(/has the size -1/);
    expect(() => parseManifest(Buffer.from('[]'), MediaType.ociIndex, 'i', { strict: true })).toThrow(/not a JSON object/);
  });
});
