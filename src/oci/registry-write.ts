// Writes to one repository, by digest first and by tag last: does a blob exist (HEAD), mount it
// from another repository of the same registry, upload it (POST then one PUT), put a manifest
// under its digest or a tag. The registry must answer with the digest we computed; anything
// else is a failure, never trusted.
import { MANIFEST_ACCEPT } from './media-types.js';
import { sha256Digest } from './digest.js';
import { RegistryFailure, type RepositoryHttp } from './registry-http.js';

const SHORT_MS = 60_000;
const BLOB_MS = 30 * 60_000;


/** The repository's full name for messages, `127.0.0.1:5000/org/name`. */
export function repositoryName(http: RepositoryHttp): string {
  return `${http.endpoint.apiHost}/${http.endpoint.repository}`;
}

export async function blobExists(http: RepositoryHttp, digest: string): Promise<boolean> {
  const response = await http.request(`/blobs/${digest}`, { method: 'HEAD', timeoutMs: SHORT_MS, accepted: [404], what: `HEAD blob ${digest} in ${repositoryName(http)}` });
  return response.status !== 404;
}

export async function manifestExists(http: RepositoryHttp, reference: string): Promise<boolean> {
  const response = await http.request(`/manifests/${reference}`, { method: 'HEAD', accept: MANIFEST_ACCEPT, timeoutMs: SHORT_MS, accepted: [404], what: `HEAD manifest ${repositoryName(http)}:${reference}` });
  return response.status !== 404;
}

/** A manifest's exact bytes and media type; by digest, the bytes must hash to it. */
export async function getManifest(http: RepositoryHttp, reference: string): Promise<{ bytes: Buffer; mediaType: string; digest: string }> {
  const response = await http.request(`/manifests/${reference}`, { accept: MANIFEST_ACCEPT, timeoutMs: SHORT_MS, what: `GET manifest ${repositoryName(http)}@${reference}` });
  const bytes = await response.bytes();
  const digest = sha256Digest(bytes);
  if (reference.startsWith('sha256:') && digest !== reference) {
    throw new RegistryFailure(`${repositoryName(http)} served ${digest} for ${reference}`, 'the registry serves other bytes than the digest names: do not trust it');
  }
  return { bytes, mediaType: (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '', digest };
}

/** Cross-repository mount (same registry); false when the registry started an upload instead. */
export async function mountBlob(http: RepositoryHttp, digest: string, fromRepository: string): Promise<boolean> {
  const query = new URLSearchParams({ mount: digest, from: fromRepository });
  const response = await http.request(`/blobs/uploads/?${query.toString()}`, { method: 'POST', timeoutMs: SHORT_MS, accepted: [201, 202], what: `mount blob ${digest} from ${fromRepository} into ${repositoryName(http)}` });
  await response.discard();
  return response.status === 201;
}

/** Monolithic upload: POST for a location, then PUT the bytes with `?digest=`. */
export async function uploadBlob(http: RepositoryHttp, digest: string, size: number, body: () => Promise<AsyncIterable<Uint8Array> | Buffer>): Promise<void> {
  const start = await http.request('/blobs/uploads/', { method: 'POST', timeoutMs: SHORT_MS, what: `start upload of ${digest} to ${repositoryName(http)}` });
  await start.discard();
  const location = start.headers.get('location');
  if (!location) throw new RegistryFailure(`${repositoryName(http)} started an upload without a Location header`, 'check the registry (it does not follow the distribution spec)');
  const url = new URL(location, http.base);
  url.searchParams.set('digest', digest);
  const response = await http.request(url.toString(), {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
    body: await body(),
    timeoutMs: BLOB_MS,
    what: `upload blob ${digest} (${size} B) to ${repositoryName(http)}`,
  });
  await response.discard();
  const stored = response.headers.get('docker-content-digest');
  if (stored && stored !== digest) throw new RegistryFailure(`${repositoryName(http)} stored blob ${digest} as ${stored}`, 'the upload was corrupted on the way: run again');
}

/** PUT a manifest or index under `reference` (its digest, or a tag); returns the digest the registry reports. */
export async function putManifest(http: RepositoryHttp, reference: string, bytes: Buffer, mediaType: string): Promise<string> {
  const digest = sha256Digest(bytes);
  const response = await http.request(`/manifests/${reference}`, {
    method: 'PUT',
    headers: { 'content-type': mediaType },
    body: bytes,
    timeoutMs: SHORT_MS,
    what: `PUT manifest ${repositoryName(http)}:${reference}`,
  });
  await response.discard();
  const stored = response.headers.get('docker-content-digest');
  if (stored && stored !== digest) {
    throw new RegistryFailure(`${repositoryName(http)} stored ${reference} as ${stored}, not ${digest}`, 'the registry rewrote the manifest: push to a registry that keeps manifests byte for byte');
  }
  return digest;
}
