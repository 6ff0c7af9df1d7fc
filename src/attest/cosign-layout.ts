// Where `cosign attest` keeps attestations, and so where `cosign verify-attestation` looks with
// no extra flags: an OCI manifest tagged `sha256-<hex of the image digest>.att` in the image's
// repository, one layer per attestation (the DSSE envelope, mediaType
// application/vnd.dsse.envelope.v1+json, annotated with cosign's signature key and the
// predicate type), and a config listing those layers (read from cosign 2.5's own push).
// Attaching keeps others' attestations and replaces ours (same predicate type), so a rebuild of
// the same digest leaves one. Written through the project's one OCI core.
import { sha256Digest } from '../oci/digest.js';
import { MediaType } from '../oci/media-types.js';
import { withRetry } from '../oci/push-image.js';
import { RegistryFailure, type RepositoryHttp } from '../oci/registry-http.js';
import { blobExists, getManifest, manifestExists, putManifest, uploadBlob } from '../oci/registry-write.js';
import type { Logger } from '../log/logger.js';

export const DSSE_MEDIA_TYPE = 'application/vnd.dsse.envelope.v1+json' as const;
export const COSIGN_SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature' as const;
const CONFIG_MEDIA_TYPE = 'application/vnd.oci.image.config.v1+json';
const ZERO_TIME = '0001-01-01T00:00:00Z';

export interface LayerDescriptor {
  readonly mediaType: string;
  readonly size: number;
  readonly digest: string;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** `sha256:abc…` → `sha256-abc….att`. */
export function attestationTag(digest: string): string {
  if (!/^sha256:[0-9a-f]{64}$/.test(digest)) throw new Error(`internal: ${digest} is not a sha256 digest`);
  return `${digest.replace(':', '-')}.att`;
}

export function envelopeLayer(envelope: Buffer, predicateType: string): LayerDescriptor {
  return { mediaType: DSSE_MEDIA_TYPE, size: envelope.length, digest: sha256Digest(envelope), annotations: { [COSIGN_SIGNATURE_ANNOTATION]: '', predicateType } };
}

/** The `.att` manifest and its config over `layers`, key for key as cosign writes them. */
export function attestationManifest(layers: readonly LayerDescriptor[]): { manifest: Buffer; config: Buffer } {
  const config = Buffer.from(JSON.stringify({ architecture: '', created: ZERO_TIME, history: layers.map(() => ({ created: ZERO_TIME })), os: '', rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) }, config: {} }), 'utf8');
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.ociManifest,
      config: { mediaType: CONFIG_MEDIA_TYPE, size: config.length, digest: sha256Digest(config) },
      layers: layers.map((l) => ({ mediaType: l.mediaType, size: l.size, digest: l.digest, ...(l.annotations ? { annotations: l.annotations } : {}) })),
    }),
    'utf8',
  );
  return { manifest, config };
}

/** The layers of the `.att` manifest already there (none when there is none). */
async function existingLayers(http: RepositoryHttp, tag: string): Promise<LayerDescriptor[]> {
  if (!(await manifestExists(http, tag))) return [];
  const { bytes } = await getManifest(http, tag);
  const layers = (JSON.parse(bytes.toString('utf8')) as { layers?: unknown }).layers;
  if (!Array.isArray(layers)) throw new RegistryFailure(`${tag} in ${http.endpoint.repository} is not an attestation manifest`, 'remove that tag, or push to another repository');
  return layers as LayerDescriptor[];
}

async function ensureBlob(http: RepositoryHttp, bytes: Buffer, log: Logger): Promise<void> {
  const digest = sha256Digest(bytes);
  if (await withRetry(`HEAD ${digest}`, () => blobExists(http, digest), { log })) return;
  await withRetry(`upload ${digest}`, () => uploadBlob(http, digest, bytes.length, async () => bytes), { log });
}

/** Attaches a DSSE envelope to `digest` in cosign's layout; returns the `.att` manifest's digest. */
export async function attachCosignAttestation(http: RepositoryHttp, digest: string, envelope: Buffer, predicateType: string, log: Logger): Promise<string> {
  const tag = attestationTag(digest);
  const ours = envelopeLayer(envelope, predicateType);
  const kept = (await existingLayers(http, tag)).filter((l) => l.annotations?.['predicateType'] !== predicateType && l.digest !== ours.digest);
  const { manifest, config } = attestationManifest([...kept, ours]);
  await ensureBlob(http, envelope, log);
  await ensureBlob(http, config, log);
  return withRetry(`PUT ${tag}`, () => putManifest(http, tag, manifest, MediaType.ociManifest), { log });
}
