// Composing the overlaid documents: the base's fields kept in order, env replaced, labels
// merged, one history entry and one diff_id added, the layer typed for the manifest family.
import { describe, expect, it } from 'vitest';
import { BlobMediaType, MediaType } from '../../../src/oci/media-types.js';
import { sha256Digest } from '../../../src/oci/digest.js';
import { imageIndex, overlayConfig, overlayManifest } from '../../../src/oci/overlay-documents.js';
import { parseBaseImage } from '../../../src/oci/base-reference.js';
import { samePlatform } from '../../../src/oci/platform.js';

const diffId = `sha256:${'d'.repeat(64)}`;
const base = {
  architecture: 'arm64',
  os: 'linux',
  created: '2020-01-01T00:00:00Z',
  config: { Env: ['PATH=/bin', 'TIKTOKEN_CACHE_DIR=/old'], Labels: { keep: 'me', 'org.opencontainers.image.version': 'base' }, Entrypoint: ['/bin/x'] },
  rootfs: { type: 'layers', diff_ids: [`sha256:${'a'.repeat(64)}`] },
  history: [{ created_by: 'base' }],
};

describe('overlayConfig', () => {
  it('adds the layer, env, labels and history and keeps the rest', () => {
    const out = overlayConfig(base, { diffId, cachePath: '/tiktoken_cache', labels: [['org.opencontainers.image.version', 'v1']], created: '2023-11-14T22:13:20Z', createdBy: 'COPY' }, BlobMediaType.ociConfig);
    const doc = JSON.parse(out.bytes.toString('utf8'));
    expect(Object.keys(doc)).toEqual(Object.keys(base));
    expect(doc.config.Env).toEqual(['PATH=/bin', 'TIKTOKEN_CACHE_DIR=/tiktoken_cache', 'DATA_GYM_CACHE_DIR=/tiktoken_cache']);
    expect(doc.config.Labels).toEqual({ keep: 'me', 'org.opencontainers.image.version': 'v1' });
    expect(doc.config.Entrypoint).toEqual(['/bin/x']);
    expect(doc.rootfs.diff_ids).toEqual([base.rootfs.diff_ids[0], diffId]);
    expect(doc.history).toHaveLength(2);
    expect(doc.created).toBe('2023-11-14T22:13:20Z');
    expect(out.descriptor).toEqual({ mediaType: BlobMediaType.ociConfig, digest: sha256Digest(out.bytes), size: out.bytes.length });
  });

  it('keeps the base created time when there is no epoch', () => {
    const out = overlayConfig(base, { diffId, cachePath: '/c', labels: [], createdBy: 'COPY' }, BlobMediaType.ociConfig);
    expect(JSON.parse(out.bytes.toString('utf8')).created).toBe('2020-01-01T00:00:00Z');
  });
});

describe('overlayManifest and imageIndex', () => {
  const config = { mediaType: BlobMediaType.dockerConfig, digest: `sha256:${'c'.repeat(64)}`, size: 10 };
  it('gives a Docker manifest a Docker layer and an OCI manifest an OCI layer', () => {
    const docker = JSON.parse(overlayManifest({ schemaVersion: 2, mediaType: MediaType.dockerManifest, config: {}, layers: [{ digest: 'x' }] }, MediaType.dockerManifest, config, { digest: 'sha256:l', size: 5 }).bytes.toString('utf8'));
    expect(docker.layers.at(-1)).toEqual({ mediaType: BlobMediaType.dockerLayerGzip, digest: 'sha256:l', size: 5 });
    expect(docker.layers).toHaveLength(2);
    const oci = JSON.parse(overlayManifest({ schemaVersion: 2, config: {}, layers: [] }, MediaType.ociManifest, config, { digest: 'sha256:l', size: 5 }).bytes.toString('utf8'));
    expect(oci.layers.at(-1).mediaType).toBe(BlobMediaType.ociLayerGzip);
  });

  it('writes an index with the platforms given and no annotations', () => {
    const index = imageIndex([{ descriptor: { mediaType: MediaType.ociManifest, digest: 'sha256:m', size: 3 }, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } }], MediaType.ociIndex);
    expect(JSON.parse(index.bytes.toString('utf8'))).toEqual({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: [{ mediaType: MediaType.ociManifest, digest: 'sha256:m', size: 3, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } }] });
  });
});

describe('parseBaseImage', () => {
  it.each([
    ['127.0.0.1:5000/a/b:t', { kind: 'registry' }],
    ['oci-layout://./dir', { kind: 'oci-layout', path: './dir' }],
    ['oci-layout:///abs/dir:v1', { kind: 'oci-layout', path: '/abs/dir', tag: 'v1' }],
    ['oci-archive://base.oci.tar', { kind: 'oci-archive', path: 'base.oci.tar' }],
  ])('%s', (value, want) => expect(parseBaseImage(value)).toMatchObject(want));

  it.each(['docker-image://x', 'oci-layout://', 'oci-archive://f:bad tag', 'UPPER/Case'])('refuses %s', (value) => {
    expect(() => parseBaseImage(value)).toThrow();
  });
});

describe('samePlatform', () => {
  it('treats arm64 as arm64/v8 and nothing else as equal', () => {
    expect(samePlatform('linux/arm64', { os: 'linux', architecture: 'arm64', variant: 'v8' })).toBe(true);
    expect(samePlatform('linux/arm64/v8', { os: 'linux', architecture: 'arm64' })).toBe(true);
    expect(samePlatform('linux/arm/v7', { os: 'linux', architecture: 'arm', variant: 'v6' })).toBe(false);
    expect(samePlatform('linux/amd64', { os: 'linux', architecture: 'arm64' })).toBe(false);
  });
});
