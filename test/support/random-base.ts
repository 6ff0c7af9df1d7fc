// A multi-platform base image of random (incompressible) content, pushed without Docker: per
// platform a config and `layers` layers of `layerBytes` random bytes each (one file per layer,
// gzip level 1). For the registry engine's tests and bench: sizes are chosen, nothing is pulled.
// With a `seed` the bytes are a keystream of it (AES-256-CTR), so the same seed and sizes give
// the same image: the bench pushes each of its bases once and finds it there on later runs,
// instead of adding a gigabyte of new blobs to the registry every run.
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { MediaType, BlobMediaType } from '../../src/oci/media-types.js';
import { memoryLogger } from '../../src/log/logger.js';
import { sha256Digest } from '../../src/oci/digest.js';
import { imageIndex, overlayManifest, type IndexEntry } from '../../src/oci/overlay-documents.js';
import { overlaySource } from '../../src/oci/overlay-source.js';
import { pushByDigest } from '../../src/oci/push-image.js';
import { repositoryHttp } from '../../src/oci/registry-http.js';
import { putManifest } from '../../src/oci/registry-write.js';
import { tarBytes } from '../../src/tar/tar-write.js';
import { httpTransport } from '../../src/http/http-request.js';

export interface RandomBase {
  readonly reference: string;
  readonly digest: string;
  /** Compressed bytes of every layer of every platform. */
  readonly layerBytes: number;
}

/** `size` incompressible bytes: random, or derived from `seed` (the same every time). */
function noise(size: number, seed: string | undefined): Buffer {
  if (seed === undefined) return randomBytes(size);
  const key = createHash('sha256').update(seed).digest();
  return createCipheriv('aes-256-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(size));
}

export interface RandomBaseOptions {
  readonly layers: number;
  readonly layerBytes: number;
  readonly platforms?: readonly string[];
  /** Same seed, same bytes (see above); absent: fresh random bytes. */
  readonly seed?: string;
}

export async function pushRandomBase(host: string, repository: string, tag: string, options: RandomBaseOptions): Promise<RandomBase> {
  const own = new Map<string, Buffer>();
  const entries: IndexEntry[] = [];
  let total = 0;
  for (const name of options.platforms ?? ['linux/amd64', 'linux/arm64']) {
    const [os = 'linux', architecture = 'amd64'] = name.split('/');
    const layers: Array<{ digest: string; size: number; diffId: string }> = [];
    for (let i = 0; i < options.layers; i++) {
      const data = noise(options.layerBytes, options.seed === undefined ? undefined : `${options.seed}/${name}/${i}`);
      const tar = tarBytes([{ name: `data/${architecture}-${i}.bin`, type: 'file', size: data.length, mode: 0o644, mtime: 0, data }]);
      const blob = gzipSync(tar, { level: 1 });
      own.set(sha256Digest(blob), blob);
      layers.push({ digest: sha256Digest(blob), size: blob.length, diffId: sha256Digest(tar) });
      total += blob.length;
    }
    const config = Buffer.from(JSON.stringify({ architecture, os, config: { Env: ['PATH=/bin'] }, rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) }, history: layers.map(() => ({ created_by: 'random' })) }));
    const configDescriptor = { mediaType: BlobMediaType.ociConfig, digest: sha256Digest(config), size: config.length };
    own.set(configDescriptor.digest, config);
    const manifest = overlayManifest({ schemaVersion: 2, mediaType: MediaType.ociManifest, layers: layers.slice(0, -1).map((l) => ({ mediaType: BlobMediaType.ociLayerGzip, digest: l.digest, size: l.size })) }, MediaType.ociManifest, configDescriptor, layers.at(-1) as { digest: string; size: number });
    own.set(manifest.descriptor.digest, manifest.bytes);
    entries.push({ descriptor: manifest.descriptor, platform: { os, architecture } });
  }
  const index = imageIndex(entries, MediaType.ociIndex);
  own.set(index.descriptor.digest, index.bytes);
  const http = repositoryHttp({ apiHost: host, repository }, httpTransport());
  await pushByDigest(overlaySource(undefined, { root: { digest: index.descriptor.digest, mediaType: MediaType.ociIndex, bytes: index.bytes }, own, label: 'random base' }), http, { log: memoryLogger() });
  await putManifest(http, tag, index.bytes, MediaType.ociIndex);
  return { reference: `${host}/${repository}:${tag}`, digest: index.descriptor.digest, layerBytes: total };
}
