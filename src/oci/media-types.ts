// OCI and Docker media types, descriptors and how to tell index, manifest, attestation and
// layer compression apart. Pure.
import type { Platform } from './platform.js';

export const MediaType = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

/** What we ask a registry for, best first. */
export const MANIFEST_ACCEPT = [MediaType.ociIndex, MediaType.dockerList, MediaType.ociManifest, MediaType.dockerManifest].join(', ');

export type { Platform } from './platform.js';

export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly platform?: Platform;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface ImageIndex {
  readonly mediaType?: string;
  readonly manifests: readonly Descriptor[];
}

export interface ImageManifest {
  readonly mediaType?: string;
  readonly config: Descriptor;
  readonly layers: readonly Descriptor[];
}

export type ManifestKind = 'index' | 'manifest';

/** Index or single-image manifest, from the media type (or the document's shape). */
export function manifestKind(mediaType: string | undefined, json: unknown): ManifestKind | undefined {
  const type = (mediaType ?? '').split(';')[0]?.trim();
  if (type === MediaType.ociIndex || type === MediaType.dockerList) return 'index';
  if (type === MediaType.ociManifest || type === MediaType.dockerManifest) return 'manifest';
  if (json && typeof json === 'object') {
    if (Array.isArray((json as { manifests?: unknown }).manifests)) return 'index';
    if (Array.isArray((json as { layers?: unknown }).layers)) return 'manifest';
  }
  return undefined;
}

/** BuildKit's provenance/SBOM manifests: `vnd.docker.reference.type: attestation-manifest`, platform unknown/unknown. */
export function isAttestation(descriptor: Descriptor): boolean {
  if (descriptor.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') return true;
  return descriptor.platform?.os === 'unknown' && descriptor.platform.architecture === 'unknown';
}

export type Compression = 'none' | 'gzip' | 'zstd' | 'unknown';

/** How a layer blob is compressed, from its media type. */
export function layerCompression(mediaType: string): Compression {
  if (/\.tar\+gzip$|\.tar\.gzip$|rootfs\.diff\.tar\.gzip$/.test(mediaType)) return 'gzip';
  if (/\.tar\+zstd$|\.tar\.zstd$/.test(mediaType)) return 'zstd';
  if (/\.tar$/.test(mediaType)) return 'none';
  return 'unknown';
}

/** Parses and shape-checks a manifest or index document. */
export function parseManifest(bytes: Buffer, mediaType: string | undefined, what: string): { kind: 'index'; doc: ImageIndex } | { kind: 'manifest'; doc: ImageManifest } {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new Error(`${what} is not JSON`, { cause: error });
  }
  const kind = manifestKind(mediaType ?? (json as { mediaType?: string }).mediaType, json);
  if (kind === 'index' && Array.isArray((json as ImageIndex).manifests)) return { kind, doc: json as ImageIndex };
  if (kind === 'manifest' && Array.isArray((json as ImageManifest).layers) && (json as ImageManifest).config) {
    return { kind, doc: json as ImageManifest };
  }
  throw new Error(`${what} is neither an OCI/Docker image index nor an image manifest (media type ${mediaType ?? 'none'})`);
}

/** Layer and config media types, by manifest family: a layer appended to a manifest takes its family's type. */
export const BlobMediaType = {
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
} as const;
