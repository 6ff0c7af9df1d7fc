// OCI and Docker media types, descriptors and how to tell index, manifest, attestation and
// layer compression apart. Pure.
import { isDigest } from './digest.js';
import type { Platform } from './platform.js';

export const MediaType = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

/** Image manifest types, the ones a layer can be appended to. */
export const IMAGE_MANIFEST_TYPES: readonly string[] = [MediaType.ociManifest, MediaType.dockerManifest];

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

export interface ParseOptions {
  /**
   * What we publish or build on: the kind must come from a declared media type (the header's or
   * the document's, and they must agree), and every descriptor needs a media type, a sha256
   * digest and a size. Without it (the verifier reading hostile input) the kind may be guessed
   * from the document's shape, and descriptors are checked where they are used.
   */
  readonly strict?: boolean;
}

function descriptorProblem(d: unknown): string | undefined {
  if (!d || typeof d !== 'object') return 'is not an object';
  const { mediaType, digest, size } = d as Partial<Descriptor>;
  if (typeof mediaType !== 'string' || mediaType === '') return 'has no media type';
  if (typeof digest !== 'string' || !isDigest(digest)) return `has the digest ${JSON.stringify(digest)}, not sha256:<64 hex>`;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return `has the size ${JSON.stringify(size)}`;
  return undefined;
}

function strictCheck(json: object, header: string | undefined, kind: ManifestKind, what: string): void {
  const declared = (json as { mediaType?: unknown }).mediaType;
  if (declared !== undefined && typeof declared !== 'string') throw new Error(`${what} has a mediaType that is not a string`);
  if (header && declared && header !== declared) throw new Error(`${what} is served as ${header} but says it is ${declared}`);
  if (manifestKind(header || declared, undefined) !== kind) throw new Error(`${what} declares no index or manifest media type (got ${header || declared || 'none'})`);
  const descriptors = kind === 'index' ? (json as ImageIndex).manifests : [(json as ImageManifest).config, ...(json as ImageManifest).layers];
  descriptors.forEach((d, i) => {
    const problem = descriptorProblem(d);
    if (problem) throw new Error(`${what}: ${kind === 'index' ? `manifests[${i}]` : i === 0 ? 'config' : `layers[${i - 1}]`} ${problem}`);
  });
}

/** Parses and shape-checks a manifest or index document: the one reader of index, manifest and list documents. */
export function parseManifest(bytes: Buffer, mediaType: string | undefined, what: string, options: ParseOptions = {}): { kind: 'index'; doc: ImageIndex } | { kind: 'manifest'; doc: ImageManifest } {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new Error(`${what} is not JSON`, { cause: error });
  }
  if (options.strict && (!json || typeof json !== 'object' || Array.isArray(json))) throw new Error(`${what} is not a JSON object`);
  const kind = manifestKind(mediaType ?? (json as { mediaType?: string }).mediaType, json);
  let parsed: { kind: 'index'; doc: ImageIndex } | { kind: 'manifest'; doc: ImageManifest } | undefined;
  if (kind === 'index' && Array.isArray((json as ImageIndex).manifests)) parsed = { kind, doc: json as ImageIndex };
  if (kind === 'manifest' && Array.isArray((json as ImageManifest).layers) && (json as ImageManifest).config) parsed = { kind, doc: json as ImageManifest };
  if (!parsed) throw new Error(`${what} is neither an OCI/Docker image index nor an image manifest (media type ${mediaType ?? 'none'})`);
  if (options.strict) strictCheck(json as object, mediaType?.split(';')[0]?.trim() || undefined, parsed.kind, what);
  return parsed;
}

/** Layer and config media types, by manifest family: a layer appended to a manifest takes its family's type. */
export const BlobMediaType = {
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
} as const;
