// `cache-image`: the verified cache folder as an image of its own — the registry engine's
// layer (same bytes), one config per platform with the cache env and labels, and an OCI index
// with an entry per platform. An index, not a lone manifest: BuildKit's `COPY --from=` and the
// kubelet (image volumes, init containers) resolve an image for the node's or build's
// platform, and containerd rejects a lone manifest whose config names another architecture.
// The files are data, so every platform entry holds the same layer. Pushed by digest,
// verified, then tagged.
import { BuildError } from '../errors.js';
import type { Manifest } from '../encoders/manifest.js';
import type { RegistryCredentials } from '../oci/docker-credentials.js';
import { parseImageReference } from '../oci/reference.js';
import { BlobMediaType, MediaType, type Platform } from '../oci/media-types.js';
import type { Expectations, VerificationReport } from '../image/report.js';
import { verifyImage } from '../image/verify-image.js';
import type { Logger } from '../log/logger.js';
import { encoderLayer } from '../oci/encoder-layer.js';
import { imageIndex, overlayConfig, overlayManifest, type IndexEntry } from '../oci/overlay-documents.js';
import { overlaySource } from '../oci/overlay-source.js';
import { pushByDigest, withRetry } from '../oci/push-image.js';
import { RegistryFailure, repositoryHttp } from '../oci/registry-http.js';
import { blobExists, putManifest } from '../oci/registry-write.js';
import { rfc3339 } from './labels.js';
import { httpTransport, type HttpTransport } from '../http/http-request.js';

export interface CacheImageOptions {
  /** `name:tag`. */
  readonly reference: string;
  readonly cachePath: string;
  readonly platforms: readonly string[];
  readonly labels: ReadonlyArray<readonly [string, string]>;
  readonly sourceDateEpoch?: number | undefined;
  readonly verify: boolean;
}

export interface CacheImageDeps {
  readonly log: Logger;
  readonly transport?: HttpTransport;
  readonly credentials: (registry: string) => Promise<RegistryCredentials | undefined>;
}

export interface CacheImageResult {
  readonly reference: string;
  readonly digest: string;
  readonly tagged: boolean;
  readonly verification?: VerificationReport;
}

function platformOf(name: string): Platform {
  const [os = '', architecture = '', variant] = name.split('/');
  return { os, architecture, ...(variant ? { variant } : {}) };
}

export async function pushCacheImage(
  options: CacheImageOptions,
  prepared: { readonly cacheDir: string; readonly manifest: Manifest },
  expectations: Expectations,
  deps: CacheImageDeps,
): Promise<CacheImageResult> {
  const { log } = deps;
  const ref = parseImageReference(options.reference);
  const layer = await encoderLayer({ cacheDir: prepared.cacheDir, manifest: prepared.manifest, cachePath: options.cachePath, sourceDateEpoch: options.sourceDateEpoch });
  const created = rfc3339(options.sourceDateEpoch ?? 0);
  const own = new Map<string, Buffer>([[layer.digest, layer.blob]]);
  const entries: IndexEntry[] = [];
  for (const name of options.platforms) {
    const platform = platformOf(name);
    const base = { architecture: platform.architecture, os: platform.os, ...(platform.variant ? { variant: platform.variant } : {}), config: {}, rootfs: { type: 'layers', diff_ids: [] } };
    const config = overlayConfig(base, { diffId: layer.diffId, cachePath: options.cachePath, labels: options.labels, created, createdBy: `COPY encoder cache to ${options.cachePath} (oneapi-offline cache image)` }, BlobMediaType.ociConfig);
    const manifest = overlayManifest({ schemaVersion: 2, mediaType: MediaType.ociManifest, layers: [] }, MediaType.ociManifest, config.descriptor, layer);
    own.set(config.descriptor.digest, config.bytes);
    own.set(manifest.descriptor.digest, manifest.bytes);
    entries.push({ descriptor: manifest.descriptor, platform });
  }
  const index = imageIndex(entries, MediaType.ociIndex);
  own.set(index.descriptor.digest, index.bytes);
  const digest = index.descriptor.digest;
  const credentials = await deps.credentials(ref.registry);
  const http = repositoryHttp({ apiHost: ref.apiHost, repository: ref.repository, credentials }, deps.transport ?? httpTransport());
  const name = `${ref.registry}/${ref.repository}`;
  await blobExists(http, layer.digest).catch(() => undefined);
  const image = overlaySource(undefined, { root: { digest, mediaType: MediaType.ociIndex, bytes: index.bytes }, own, label: `cache image ${digest}` });
  try {
    await log.group(`push cache image ${name}@${digest}`, () => pushByDigest(image, http, { log }));
  } catch (error) {
    throw new BuildError(
      { what: `pushing the cache image ${name}@${digest} failed (no tag was written)`, got: (error as Error).message, fix: error instanceof RegistryFailure ? error.fix : 'check cache-image and the registry, then run again' },
      { cause: error },
    );
  }
  let verification: VerificationReport | undefined;
  if (options.verify) {
    verification = await log.group(`Verify the cache image ${name}@${digest}`, () =>
      verifyImage({ kind: 'registry', reference: `${name}@${digest}`, ...(credentials ? { credentials } : {}) }, expectations, { log, ...(deps.transport ? { transport: deps.transport } : {}) }),
    );
    if (!verification.ok) return { reference: options.reference, digest, tagged: false, verification };
  }
  const tag = ref.tag ?? 'latest';
  await withRetry(`PUT ${name}:${tag}`, () => putManifest(http, tag, index.bytes, MediaType.ociIndex), { log });
  log.info(`cache image ${options.reference} → ${digest}`);
  return { reference: options.reference, digest, tagged: true, ...(verification ? { verification } : {}) };
}
