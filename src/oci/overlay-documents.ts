// The documents of one overlaid platform image: the base's config with our layer's diff_id,
// the cache env, the labels and a history entry; the base's manifest with our layer appended;
// and the new index over every platform. Pure: JSON in, exact bytes out. Unknown fields of the
// base's documents are kept as they were, in their order, so the result stays what it was
// plus our change.
import { BlobMediaType, MediaType, type Descriptor, type Platform } from './media-types.js';
import { sha256Digest } from './digest.js';

type Json = Record<string, unknown>;

export interface Written {
  readonly bytes: Buffer;
  readonly descriptor: Descriptor;
}

function written(doc: unknown, mediaType: string, extra: Partial<Descriptor> = {}): Written {
  const bytes = Buffer.from(JSON.stringify(doc), 'utf8');
  return { bytes, descriptor: { mediaType, digest: sha256Digest(bytes), size: bytes.length, ...extra } };
}

export const CACHE_ENV_KEYS = ['TIKTOKEN_CACHE_DIR', 'DATA_GYM_CACHE_DIR'] as const;

export interface ConfigChange {
  readonly diffId: string;
  readonly cachePath: string;
  /** The variables to set (the gateway's; default: CACHE_ENV_KEYS, each to cachePath). */
  readonly env?: ReadonlyArray<readonly [string, string]> | undefined;
  readonly labels: ReadonlyArray<readonly [string, string]>;
  /** RFC 3339 time for `created` and the history entry; the base's `created` stays when absent. */
  readonly created?: string | undefined;
  /** What the history entry says it did. */
  readonly createdBy: string;
}

/** The base config with the layer, env, labels and history added. */
export function overlayConfig(base: Json, change: ConfigChange, mediaType: string): Written {
  const container = { ...((base['config'] as Json | undefined) ?? {}) };
  const set = change.env ?? CACHE_ENV_KEYS.map((key) => [key, change.cachePath] as const);
  const env = ((container['Env'] as string[] | undefined) ?? []).filter((line) => !set.some(([key]) => line.startsWith(`${key}=`)));
  container['Env'] = [...env, ...set.map(([key, value]) => `${key}=${value}`)];
  if (change.labels.length > 0) {
    const labels = { ...((container['Labels'] as Json | null | undefined) ?? {}) };
    for (const [key, value] of change.labels) labels[key] = value;
    container['Labels'] = labels;
  }
  const rootfs = (base['rootfs'] as { type?: string; diff_ids?: string[] } | undefined) ?? {};
  const history = Array.isArray(base['history']) ? (base['history'] as Json[]) : [];
  const config: Json = {
    ...base,
    ...(change.created ? { created: change.created } : {}),
    config: container,
    rootfs: { ...rootfs, type: rootfs.type ?? 'layers', diff_ids: [...(rootfs.diff_ids ?? []), change.diffId] },
    history: [...history, { ...(change.created ? { created: change.created } : {}), created_by: change.createdBy, comment: 'oneapi-offline registry engine' }],
  };
  return written(config, mediaType);
}

/** The layer media type that fits a manifest's family (a Docker manifest holds Docker types only). */
export function layerMediaTypeFor(manifestMediaType: string): string {
  return manifestMediaType === MediaType.dockerManifest ? BlobMediaType.dockerLayerGzip : BlobMediaType.ociLayerGzip;
}

/** The base manifest with its config replaced and the layer appended. */
export function overlayManifest(base: Json, manifestMediaType: string, config: Descriptor, layer: { digest: string; size: number }): Written {
  const layers = Array.isArray(base['layers']) ? (base['layers'] as Json[]) : [];
  const doc: Json = {
    ...base,
    config: { mediaType: config.mediaType, digest: config.digest, size: config.size },
    layers: [...layers, { mediaType: layerMediaTypeFor(manifestMediaType), digest: layer.digest, size: layer.size }],
  };
  return written(doc, manifestMediaType);
}

export interface IndexEntry {
  readonly descriptor: Descriptor;
  readonly platform: Platform;
}

/** A new index over the platform manifests, in the base's family (OCI index or Docker list). */
export function imageIndex(entries: readonly IndexEntry[], indexMediaType: string): Written {
  const doc = {
    schemaVersion: 2,
    mediaType: indexMediaType,
    manifests: entries.map((e) => ({ mediaType: e.descriptor.mediaType, digest: e.descriptor.digest, size: e.descriptor.size, platform: e.platform })),
  };
  return written(doc, indexMediaType);
}

/** The index family that matches a manifest family. */
export function indexMediaTypeFor(manifestMediaType: string): string {
  return manifestMediaType === MediaType.dockerManifest ? MediaType.dockerList : MediaType.ociIndex;
}
