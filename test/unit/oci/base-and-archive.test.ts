// Reading a base's platforms (index, lone manifest, attestations, missing platform, a media
// type we cannot append to) and writing an image as an OCI archive that the verifier's layout
// reader reads back, named only on publish, nothing left behind on discard.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutSource } from '../../../src/oci/layout-source.js';
import { BlobMediaType, MediaType } from '../../../src/oci/media-types.js';
import { writeArchive } from '../../../src/oci/archive-writer.js';
import { readBase } from '../../../src/oci/base-platforms.js';
import { sha256Digest } from '../../../src/oci/digest.js';
import { imageIndex, overlayManifest } from '../../../src/oci/overlay-documents.js';
import { overlaySource } from '../../../src/oci/overlay-source.js';

function image(platforms: string[], opts: { manifestType?: string; attestation?: boolean; lone?: boolean } = {}) {
  const own = new Map<string, Buffer>();
  const layer = Buffer.from('not really a layer');
  own.set(sha256Digest(layer), layer);
  const entries = platforms.map((p) => {
    const [os = '', architecture = ''] = p.split('/');
    const config = Buffer.from(JSON.stringify({ os, architecture, rootfs: { type: 'layers', diff_ids: [] } }));
    const configD = { mediaType: BlobMediaType.ociConfig, digest: sha256Digest(config), size: config.length };
    own.set(configD.digest, config);
    const m = overlayManifest({ schemaVersion: 2, mediaType: MediaType.ociManifest, layers: [] }, opts.manifestType ?? MediaType.ociManifest, configD, { digest: sha256Digest(layer), size: layer.length });
    own.set(m.descriptor.digest, m.bytes);
    return { descriptor: m.descriptor, platform: { os, architecture } };
  });
  if (opts.lone) {
    const only = entries[0]!.descriptor;
    return overlaySource(undefined, { root: { digest: only.digest, mediaType: only.mediaType, bytes: own.get(only.digest)! }, own, label: 'test image' });
  }
  const index = imageIndex(entries, MediaType.ociIndex);
  let bytes = index.bytes;
  if (opts.attestation) {
    const doc = JSON.parse(bytes.toString('utf8'));
    doc.manifests.push({ mediaType: MediaType.ociManifest, digest: entries[0]!.descriptor.digest, size: 1, platform: { os: 'unknown', architecture: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } });
    bytes = Buffer.from(JSON.stringify(doc));
  }
  own.set(sha256Digest(bytes), bytes);
  return overlaySource(undefined, { root: { digest: sha256Digest(bytes), mediaType: MediaType.ociIndex, bytes }, own, label: 'test image' });
}

describe('readBase', () => {
  it('picks the requested platforms and counts attestations', async () => {
    const base = await readBase(image(['linux/amd64', 'linux/arm64', 'linux/s390x'], { attestation: true }), ['linux/arm64', 'linux/amd64']);
    expect(base.platforms.map((p) => p.name)).toEqual(['linux/arm64', 'linux/amd64']);
    expect(base.attestations).toBe(1);
    expect(base.single).toBe(false);
  });

  it('names the platforms the base has when one is missing', async () => {
    await expect(readBase(image(['linux/amd64']), ['linux/amd64', 'linux/arm64'])).rejects.toThrow(/has no linux\/arm64 \(it has linux\/amd64\)/);
  });

  it('treats a lone manifest as one platform named from its config, and says so when more are asked', async () => {
    expect((await readBase(image(['linux/arm64'], { lone: true }), ['linux/arm64'])).platforms.map((p) => p.name)).toEqual(['linux/arm64']);
    await expect(readBase(image(['linux/arm64'], { lone: true }), ['linux/amd64', 'linux/arm64'])).rejects.toThrow(/single-platform image \(linux\/arm64\).*no linux\/amd64/);
  });

  it('refuses a manifest media type it cannot append to', async () => {
    await expect(readBase(image(['linux/amd64'], { manifestType: 'application/vnd.docker.distribution.manifest.v1+prettyjws' }), ['linux/amd64'])).rejects.toThrow(/cannot append a layer to/);
  });
});

describe('writeArchive', () => {
  it('writes a layout tar the layout reader reads, names it on publish', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'h8-archive-'));
    const source = image(['linux/amd64', 'linux/arm64']);
    const path = join(dir, 'out.oci.tar');
    const written = await writeArchive(source, path, 0);
    expect(existsSync(path)).toBe(false);
    const unnamed = await layoutSource(written.tempPath);
    expect((await unnamed.root()).digest).toBe((await source.root()).digest);
    await unnamed.close();
    await written.publish(['127.0.0.1:5000/x/y:v1', '127.0.0.1:5000/x/y:latest']);
    const named = await layoutSource(path, { refName: 'v1' });
    expect((await named.root()).digest).toBe((await source.root()).digest);
    await named.close();
    expect(await readdir(dir)).toEqual(['out.oci.tar']);
  });

  it('leaves nothing behind when discarded or when a blob does not match its digest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'h8-archive-'));
    const written = await writeArchive(image(['linux/amd64']), join(dir, 'a.tar'), 0);
    await written.discard();
    const good = image(['linux/amd64']);
    const bad = { ...good, blob: async () => (async function* () { yield Buffer.from('tampered bytes!!!!'); })() };
    await expect(writeArchive(bad, join(dir, 'b.tar'), 0)).rejects.toThrow(/arrived as/);
    expect(await readdir(dir)).toEqual([]);
  });
});
