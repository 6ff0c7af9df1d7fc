import { describe, expect, it } from 'vitest';
import { isAttestation, layerCompression, manifestKind, type Descriptor } from '../../../src/oci/media-types.js';
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
