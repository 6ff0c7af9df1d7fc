// An image in a registry, read over the OCI distribution API: manifests by tag or digest with
// the Accept list for OCI and Docker types, blobs streamed. Auth (anonymous, Bearer token flow,
// Basic) is the shared repository client's (src/oci/registry-http.ts).
import { redactUrl } from '../proxy/redact.js';
import type { ImageSource, RootDocument } from './image-source.js';
import { manifestReference, parseImageReference, type ImageReference } from './image-reference.js';
import { MANIFEST_ACCEPT, type Descriptor } from './media-types.js';
import { RegistryFailure, repositoryHttp } from '../oci/registry-http.js';
import { createHash } from 'node:crypto';

export interface RegistryTarget {
  readonly reference: string;
  readonly insecure?: boolean;
  readonly credentials?: { readonly username: string; readonly password: string };
}

export { RegistryFailure };

const MANIFEST_TIMEOUT_MS = 60_000;
const BLOB_TIMEOUT_MS = 30 * 60_000;

export function registrySource(target: RegistryTarget, fetchImpl: typeof fetch): ImageSource {
  let ref: ImageReference;
  try {
    ref = parseImageReference(target.reference);
  } catch (error) {
    throw new RegistryFailure(`image reference "${target.reference}" is invalid: ${(error as Error).message}`, 'pass host/repository:tag or host/repository@sha256:<digest>', { cause: error });
  }
  const http = repositoryHttp({ apiHost: ref.apiHost, repository: ref.repository, insecure: target.insecure, credentials: target.credentials }, fetchImpl);
  const get = (path: string, accept: string | undefined, timeoutMs: number): Promise<Response> =>
    http.request(path, { ...(accept ? { accept } : {}), timeoutMs, what: `GET ${redactUrl(`${http.base}${path}`)}` });

  async function manifest(reference: string): Promise<{ bytes: Buffer; mediaType: string | undefined }> {
    const response = await get(`/manifests/${reference}`, MANIFEST_ACCEPT, MANIFEST_TIMEOUT_MS);
    return { bytes: Buffer.from(await response.arrayBuffer()), mediaType: response.headers.get('content-type') ?? undefined };
  }

  const label = `${ref.registry}/${ref.repository}${ref.digest ? `@${ref.digest}` : `:${ref.tag ?? 'latest'}`}`;
  return {
    label,
    partial: false,
    async root(): Promise<RootDocument> {
      const { bytes, mediaType } = await manifest(manifestReference(ref));
      const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
      if (ref.digest && digest !== ref.digest) {
        throw new RegistryFailure(`the registry returned ${digest} for ${label}`, 'the registry is serving different bytes than the digest names: do not trust this image');
      }
      return { digest, mediaType, bytes };
    },
    async document(descriptor: Descriptor): Promise<Buffer> {
      const isManifest = /manifest|index/.test(descriptor.mediaType);
      if (isManifest) return (await manifest(descriptor.digest)).bytes;
      const response = await get(`/blobs/${descriptor.digest}`, undefined, MANIFEST_TIMEOUT_MS);
      return Buffer.from(await response.arrayBuffer());
    },
    async blob(descriptor: Descriptor): Promise<AsyncIterable<Uint8Array>> {
      const response = await get(`/blobs/${descriptor.digest}`, undefined, BLOB_TIMEOUT_MS);
      if (!response.body) throw new RegistryFailure(`GET blob ${descriptor.digest} from ${label} had no body`, 'retry');
      return response.body;
    },
    async close(): Promise<void> {},
  };
}
