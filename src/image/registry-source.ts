// An image in a registry, read over the OCI distribution API: manifests by tag or digest with
// the Accept list for OCI and Docker types, blobs streamed; anonymous access, the Bearer token
// flow from `WWW-Authenticate` (with optional basic credentials), or plain Basic auth.
import { redactUrl } from '../proxy/redact.js';
import type { ImageSource, RootDocument } from './image-source.js';
import { manifestReference, parseImageReference, registryScheme, type ImageReference } from './image-reference.js';
import { MANIFEST_ACCEPT, type Descriptor } from './media-types.js';
import { parseChallenge, tokenUrl } from './www-authenticate.js';
import { createHash } from 'node:crypto';

export interface RegistryTarget {
  readonly reference: string;
  readonly insecure?: boolean;
  readonly credentials?: { readonly username: string; readonly password: string };
}

export class RegistryFailure extends Error {
  constructor(
    message: string,
    readonly fix: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const MANIFEST_TIMEOUT_MS = 60_000;
const BLOB_TIMEOUT_MS = 30 * 60_000;

export function registrySource(target: RegistryTarget, fetchImpl: typeof fetch): ImageSource {
  let ref: ImageReference;
  try {
    ref = parseImageReference(target.reference);
  } catch (error) {
    throw new RegistryFailure(`image reference "${target.reference}" is invalid: ${(error as Error).message}`, 'pass host/repository:tag or host/repository@sha256:<digest>', { cause: error });
  }
  const base = `${registryScheme(ref.apiHost, target.insecure ?? false)}://${ref.apiHost}/v2/${ref.repository}`;
  const basic = target.credentials
    ? `Basic ${Buffer.from(`${target.credentials.username}:${target.credentials.password}`).toString('base64')}`
    : undefined;
  let authorization: string | undefined;

  async function authenticate(challengeHeader: string | null, url: string): Promise<boolean> {
    const challenge = challengeHeader ? parseChallenge(challengeHeader) : undefined;
    if (challenge?.scheme === 'basic') {
      if (!basic || authorization === basic) return false;
      authorization = basic;
      return true;
    }
    if (challenge?.scheme !== 'bearer') return false;
    const from = tokenUrl(challenge, ref.repository);
    if (!from) return false;
    const response = await fetchImpl(from, {
      headers: basic ? { authorization: basic } : {},
      signal: AbortSignal.timeout(MANIFEST_TIMEOUT_MS),
    }).catch((error: unknown) => {
      throw new RegistryFailure(`cannot reach the token service ${redactUrl(from)} for ${redactUrl(url)}: ${String(error)}`, 'check the network path to the registry', { cause: error });
    });
    if (!response.ok) {
      throw new RegistryFailure(`the token service ${redactUrl(from)} answered HTTP ${response.status}`, basic ? 'check the registry username and password (or token)' : 'pass registry credentials: the image is not public');
    }
    const body = (await response.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryFailure(`the token service ${redactUrl(from)} returned no token`, 'check the registry credentials');
    authorization = `Bearer ${token}`;
    return true;
  }

  async function get(url: string, accept: string | undefined, timeoutMs: number): Promise<Response> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const headers: Record<string, string> = {};
      if (accept) headers['accept'] = accept;
      if (authorization) headers['authorization'] = authorization;
      let response: Response;
      try {
        response = await fetchImpl(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        throw new RegistryFailure(`cannot reach the registry at ${redactUrl(url)}: ${String((error as Error).cause ?? error)}`, 'check that the registry is up and reachable (and whether it needs https or insecure: true)', { cause: error });
      }
      if (response.status === 401 && (await authenticate(response.headers.get('www-authenticate'), url))) {
        await response.body?.cancel();
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        const fix =
          response.status === 404
            ? 'check the image name and that it was pushed (verify by the digest the build printed)'
            : response.status === 401 || response.status === 403
              ? 'pass registry credentials with pull access'
              : 'retry; check the registry logs';
        throw new RegistryFailure(`GET ${redactUrl(url)} answered HTTP ${response.status}`, fix);
      }
      return response;
    }
    throw new RegistryFailure(`GET ${redactUrl(url)} kept answering 401 after authenticating`, 'check the registry credentials and that they may pull this repository');
  }

  async function manifest(reference: string): Promise<{ bytes: Buffer; mediaType: string | undefined }> {
    const response = await get(`${base}/manifests/${reference}`, MANIFEST_ACCEPT, MANIFEST_TIMEOUT_MS);
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
      const response = await get(`${base}/blobs/${descriptor.digest}`, undefined, MANIFEST_TIMEOUT_MS);
      return Buffer.from(await response.arrayBuffer());
    },
    async blob(descriptor: Descriptor): Promise<AsyncIterable<Uint8Array>> {
      const response = await get(`${base}/blobs/${descriptor.digest}`, undefined, BLOB_TIMEOUT_MS);
      if (!response.body) throw new RegistryFailure(`GET blob ${descriptor.digest} from ${label} had no body`, 'retry');
      return response.body;
    },
    async close(): Promise<void> {},
  };
}
