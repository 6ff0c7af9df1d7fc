// Copies an image — index, every manifest (attestations included), configs and layers — from an
// ImageSource (an OCI archive, another repository) into a repository BY DIGEST: no tag is
// written here. Blobs the repository has are skipped (HEAD), blobs of a sibling repository on
// the same registry are mounted, the rest streamed once. Children go before their parents, so
// the registry never holds an index whose manifests are missing.
import type { ImageSource } from './image-source.js';
import { parseManifest, type Descriptor } from './media-types.js';
import type { Logger } from '../log/logger.js';
import { retrying } from '../build/retry.js';
import { RegistryFailure, type RepositoryHttp } from './registry-http.js';
import { sha256Digest } from './digest.js';
import { blobExists, mountBlob, putManifest, repositoryName, uploadBlob } from './registry-write.js';

export interface PushOptions {
  readonly log: Logger;
  /** A repository on the same registry that may hold the blobs already (cross-repo mount). */
  readonly mountFrom?: string | undefined;
  /** Waits between attempts (tests pass a fast one). */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface PushedRoot {
  readonly digest: string;
  readonly mediaType: string;
  readonly bytes: Buffer;
}

/** One registry request with the project's retry policy (transient failures only). */
export function withRetry<T>(what: string, run: () => Promise<T>, options: { log: Logger; sleep?: ((ms: number) => Promise<void>) | undefined }): Promise<T> {
  return retrying(run, {
    attempts: 3,
    delayMs: 500,
    retryable: (error) => error instanceof RegistryFailure && error.transient,
    onRetry: (error, n) => options.log.warning(`${what} failed (${(error as Error).message}); trying again (attempt ${n} of 3)`),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
}

async function limited<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await run(items[next++] as T);
  });
  await Promise.all(workers);
}

export interface BlobPusher {
  /** Makes the repository hold this blob (skip, mount or upload); one transfer per digest, shared. */
  ensure(descriptor: Descriptor): Promise<void>;
}

/**
 * The blob side of a push, usable before the manifests exist (the registry engine mounts the
 * base's blobs while its layer is still being compressed). With a repository to mount from,
 * the mount is asked first: it answers for a blob the target already holds too (201), so a
 * fresh repository costs one request per blob instead of a HEAD and a mount.
 */
export function blobPusher(blobOf: (descriptor: Descriptor) => Promise<AsyncIterable<Uint8Array>>, http: RepositoryHttp, options: PushOptions): BlobPusher {
  const name = repositoryName(http);
  const transfers = new Map<string, Promise<void>>();
  const retry = <T>(what: string, run: () => Promise<T>) => withRetry(what, run, options);
  const from = options.mountFrom && options.mountFrom !== http.endpoint.repository ? options.mountFrom : undefined;

  async function transferBlob(descriptor: Descriptor): Promise<void> {
    if (from && (await retry(`mount ${descriptor.digest}`, () => mountBlob(http, descriptor.digest, from)))) return;
    if (await retry(`HEAD blob ${descriptor.digest}`, () => blobExists(http, descriptor.digest))) return;
    options.log.debug(`${name}: uploading ${descriptor.digest} (${descriptor.size} B)`);
    await retry(`upload ${descriptor.digest}`, () =>
      uploadBlob(http, descriptor.digest, descriptor.size, async () => blobOf(descriptor)),
    );
  }

  return {
    ensure(descriptor) {
      let transfer = transfers.get(descriptor.digest);
      if (!transfer) {
        transfer = transferBlob(descriptor);
        transfers.set(descriptor.digest, transfer);
      }
      return transfer;
    },
  };
}

export async function pushByDigest(source: ImageSource, http: RepositoryHttp, options: PushOptions & { blobs?: BlobPusher }): Promise<PushedRoot> {
  // One transfer per blob, shared: manifests that list the same layer wait for the same upload.
  const blobs = options.blobs ?? blobPusher((descriptor) => source.blob(descriptor), http, options);
  const ensureBlob = (descriptor: Descriptor): Promise<void> => blobs.ensure(descriptor);
  const retry = <T>(what: string, run: () => Promise<T>) => withRetry(what, run, options);

  async function document(descriptor: Descriptor): Promise<Buffer> {
    const bytes = await source.document(descriptor);
    if (!bytes) throw new Error(`${source.label} does not hold ${descriptor.mediaType} ${descriptor.digest}`);
    if (sha256Digest(bytes) !== descriptor.digest) throw new Error(`${source.label}: ${descriptor.digest} does not match its bytes`);
    return bytes;
  }

  async function put(bytes: Buffer, mediaType: string, digest: string, depth: number): Promise<void> {
    const parsed = parseManifest(bytes, mediaType, `${source.label} ${digest}`, { strict: true });
    if (parsed.kind === 'index') {
      if (depth > 4) throw new Error(`${source.label}: indexes nested deeper than 4`);
      // Children (platform and attestation manifests) go up side by side; the index after all of them.
      await Promise.all(parsed.doc.manifests.map(async (child) => put(await document(child), child.mediaType, child.digest, depth + 1)));
    } else {
      await limited([parsed.doc.config, ...parsed.doc.layers], 4, ensureBlob);
    }
    const type = mediaType || (JSON.parse(bytes.toString('utf8')) as { mediaType?: string }).mediaType || '';
    await retry(`PUT manifest ${digest}`, () => putManifest(http, digest, bytes, type));
  }

  const root = await source.root();
  if (sha256Digest(root.bytes) !== root.digest) throw new Error(`${source.label}: the root does not match its digest ${root.digest}`);
  const mediaType = root.mediaType || (JSON.parse(root.bytes.toString('utf8')) as { mediaType?: string }).mediaType || '';
  await put(root.bytes, mediaType, root.digest, 0);
  return { digest: root.digest, mediaType, bytes: root.bytes };
}
