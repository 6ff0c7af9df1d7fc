// An image in a registry, read over the OCI distribution API: manifests by tag or digest with
// the Accept list for OCI and Docker types, blobs streamed. Auth (anonymous, Bearer token flow,
// Basic) is the shared repository client's (src/oci/registry-http.ts).
import { redactUrl } from '../proxy/redact.js';
import type { ImageSource, RootDocument } from './image-source.js';
import { manifestReference, parseImageReference, type ImageReference } from './reference.js';
import { MANIFEST_ACCEPT, type Descriptor } from './media-types.js';
import { RegistryFailure, repositoryHttp, type RepositoryEndpoint } from './registry-http.js';
import { sha256Digest } from './digest.js';
import { DEFAULT_READ_LIMITS, readCapped, type ReadLimits } from './read-limits.js';
import type { HttpResponse, HttpTransport } from '../http/http-request.js';

export interface RegistryTarget {
  readonly reference: string;
  readonly insecure?: boolean;
  /** Credentials, or how to get them when the registry asks (docker-credentials.ts). */
  readonly credentials?: RepositoryEndpoint['credentials'];
}

export { RegistryFailure };

export function registrySource(target: RegistryTarget, transport: HttpTransport, limits: ReadLimits = DEFAULT_READ_LIMITS): ImageSource {
  const MANIFEST_TIMEOUT_MS = limits.documentTimeoutMs;
  let ref: ImageReference;
  try {
    ref = parseImageReference(target.reference);
  } catch (error) {
    throw new RegistryFailure(`image reference "${target.reference}" is invalid: ${(error as Error).message}`, 'pass host/repository:tag or host/repository@sha256:<digest>', { cause: error });
  }
  const http = repositoryHttp({ apiHost: ref.apiHost, repository: ref.repository, insecure: target.insecure, credentials: target.credentials }, transport);
  const get = (path: string, accept: string | undefined, timeoutMs: number): Promise<HttpResponse> =>
    http.request(path, { ...(accept ? { accept } : {}), timeoutMs, what: `GET ${redactUrl(`${http.base}${path}`)}` });

  /** A document body, bounded in size and time; the error names what was asked for. */
  async function documentBody(path: string, accept: string | undefined, what: string): Promise<{ bytes: Buffer; mediaType: string | undefined }> {
    const url = `${http.base}${path}`;
    const response = await get(path, accept, MANIFEST_TIMEOUT_MS);
    const declared = Number(response.headers.get('content-length') ?? '0');
    try {
      if (declared > limits.maxDocumentBytes) throw new Error(`${what} is ${declared} bytes, over the ${limits.maxDocumentBytes}-byte limit for image documents`);
      const bytes = await readCapped(response.body, limits.maxDocumentBytes, what);
      return { bytes, mediaType: response.headers.get('content-type') ?? undefined };
    } catch (error) {
      await response.discard();
      throw new RegistryFailure(`${redactUrl(url)}: ${(error as Error).name === 'TimeoutError' ? `${what} took longer than ${MANIFEST_TIMEOUT_MS} ms` : (error as Error).message}`, 'the registry is serving something that is not this image; check the reference and the registry', { cause: error });
    }
  }

  async function manifest(reference: string): Promise<{ bytes: Buffer; mediaType: string | undefined }> {
    return documentBody(`/manifests/${reference}`, MANIFEST_ACCEPT, `manifest ${reference} of ${ref.registry}/${ref.repository}`);
  }

  const label = `${ref.registry}/${ref.repository}${ref.digest ? `@${ref.digest}` : `:${ref.tag ?? 'latest'}`}`;
  return {
    label,
    partial: false,
    async root(): Promise<RootDocument> {
      const { bytes, mediaType } = await manifest(manifestReference(ref));
      const digest = sha256Digest(bytes);
      if (ref.digest && digest !== ref.digest) {
        throw new RegistryFailure(`the registry returned ${digest} for ${label}`, 'the registry is serving different bytes than the digest names: do not trust this image');
      }
      return { digest, mediaType, bytes };
    },
    async document(descriptor: Descriptor): Promise<Buffer> {
      if (descriptor.size > limits.maxDocumentBytes) {
        throw new RegistryFailure(`${label}: ${descriptor.digest} is declared as ${descriptor.size} bytes, over the ${limits.maxDocumentBytes}-byte limit for image documents`, 'this is not an image this action can verify');
      }
      const isManifest = /manifest|index/.test(descriptor.mediaType);
      if (isManifest) return (await manifest(descriptor.digest)).bytes;
      return (await documentBody(`/blobs/${descriptor.digest}`, undefined, `config ${descriptor.digest} of ${label}`)).bytes;
    },
    async blob(descriptor: Descriptor): Promise<AsyncIterable<Uint8Array>> {
      return (await get(`/blobs/${descriptor.digest}`, undefined, limits.blobTimeoutMs(descriptor.size))).body;
    },
    async close(): Promise<void> {},
  };
}
