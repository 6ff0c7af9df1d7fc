// The registry engine: overlay mode with no Docker, no BuildKit, no daemon. For every platform
// of the base it appends one layer (the verified cache folder, the same bytes for every
// platform and every run), points TIKTOKEN_CACHE_DIR/DATA_GYM_CACHE_DIR at it, adds the labels
// and a history entry, and writes a new index over those platforms. The base's blobs are
// mounted when the base lives in the same registry, streamed otherwise; our layer is uploaded
// once per repository. Everything goes by digest; each copy is verified; only then are tags
// written (and the archive named and moved into place).
//
// The base's attestation manifests (BuildKit provenance/SBOM) are dropped: they attest the
// base's bytes and build, not this image, and an attestation pointing at a manifest digest we
// replaced would be a false statement. This engine writes none of its own.
import type { Logger } from '../log/logger.js';
import { BuildError } from '../errors.js';
import type { Manifest } from '../encoders/manifest.js';
import type { RegistryCredentials } from '../oci/docker-credentials.js';
import { parseImageReference, splitTag, type ImageReference } from '../oci/reference.js';
import type { ImageSource } from '../oci/image-source.js';
import { layoutSource } from '../oci/layout-source.js';
import { BlobMediaType, MediaType, type Descriptor } from '../oci/media-types.js';
import { registrySource } from '../oci/registry-source.js';
import type { Expectations, VerificationReport } from '../image/report.js';
import { verifyImage, type VerifyTarget } from '../image/verify-image.js';
import { writeArchive, type WrittenArchive } from '../oci/archive-writer.js';
import { parseBaseImage } from '../oci/base-reference.js';
import { BaseImageProblem, readBase } from '../oci/base-platforms.js';
import { compressLayer, encoderTar, type EncoderLayer } from '../oci/encoder-layer.js';
import type { LayerBlobCache } from '../oci/layer-blob-cache.js';
import { imageIndex, indexMediaTypeFor, overlayConfig, overlayManifest, type IndexEntry } from '../oci/overlay-documents.js';
import { overlaySource } from '../oci/overlay-source.js';
import { blobPusher, pushByDigest, withRetry, type BlobPusher } from '../oci/push-image.js';
import { repositoryHttp, RegistryFailure, type RepositoryHttp } from '../oci/registry-http.js';
import { blobExists, putManifest } from '../oci/registry-write.js';
import type { BuildResult } from './build.js';
import { isDigest } from '../oci/digest.js';
import { rfc3339 } from './labels.js';
import type { BuildOptions } from './options.js';
import { httpTransport, unsent, type HttpTransport } from '../http/http-request.js';

export interface RegistryEngineDeps {
  readonly log: Logger;
  readonly transport?: HttpTransport;
  /** Credentials for a registry host (docker config, credential helpers); undefined = anonymous. */
  readonly credentials: (registry: string) => Promise<RegistryCredentials | undefined>;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Compressed encoder layers kept by earlier runs (src/oci/layer-blob-cache.ts); none: compress every time. */
  readonly layerCache?: LayerBlobCache;
  /**
   * Runs once every copy passed verification, before any tag (the attestation, src/attest/):
   * a throw leaves the image untagged.
   */
  readonly beforeTag?: (image: VerifiedCopy) => Promise<void>;
}

/** What the engine pushed and verified, for what goes up before the tags. */
export interface VerifiedCopy {
  readonly report: VerificationReport;
  readonly repositories: readonly RepositoryHttp[];
  readonly base: { readonly digest: string; readonly platforms: Readonly<Record<string, string>> };
}

export interface RegistryEngineOutcome {
  readonly built: BuildResult;
  /** The report of the copy that failed, or of the first copy when all passed; absent with verify: false. */
  readonly verification?: VerificationReport;
}

export const REGISTRY_ENGINE = { driver: 'none (registry engine)', builder: 'registry engine', containerdStore: false, loadsMultiPlatform: false } as const;

interface Repository {
  readonly name: string;
  readonly ref: ImageReference;
  readonly tags: string[];
}

/** The repositories written: every image, plus any repository a full `tags` entry names. */
function repositories(options: BuildOptions): Repository[] {
  const byName = new Map<string, Repository>();
  const add = (name: string): Repository => {
    const ref = parseImageReference(name);
    const key = `${ref.apiHost}/${ref.repository}`;
    const found = byName.get(key) ?? { name, ref, tags: [] };
    byName.set(key, found);
    return found;
  };
  if (!options.push) return [];
  for (const image of options.images) add(image);
  if (!options.pushByDigest) {
    for (const full of options.tags) {
      const ref = parseImageReference(full);
      add(splitTag(full).name).tags.push(ref.tag ?? 'latest');
    }
  }
  return [...byName.values()];
}

/**
 * The same repository client, except for cross-repository mounts: a blob this run made (our
 * layer, configs) is in no other repository, so its mount is answered "not mounted" here
 * without asking the registry (which would open an upload session nobody uses); for the base's
 * blobs, `onRefused(digest)` hears when the registry answers a mount with an upload (202).
 */
function watchMounts(http: RepositoryHttp, own: { has(digest: string): boolean }, onRefused: (digest: string) => void): RepositoryHttp {
  return {
    ...http,
    async request(pathOrUrl, init) {
      const raw = init.method === 'POST' ? /[?&]mount=([^&]+)/.exec(pathOrUrl)?.[1] : undefined;
      const mount = raw === undefined ? undefined : decodeURIComponent(raw);
      if (mount !== undefined && own.has(mount)) return unsent(202);
      const response = await http.request(pathOrUrl, init);
      if (mount !== undefined && response.status === 202) onRefused(mount);
      return response;
    },
  };
}

/** The layer descriptors a base manifest lists (the push parses and checks the manifest again). */
function layersOf(manifest: Record<string, unknown>): Descriptor[] {
  const layers = Array.isArray(manifest['layers']) ? (manifest['layers'] as unknown[]) : [];
  return layers.filter((l): l is Descriptor => typeof l === 'object' && l !== null && typeof (l as Descriptor).digest === 'string' && isDigest((l as Descriptor).digest) && typeof (l as Descriptor).size === 'number');
}

async function openBase(value: string, deps: RegistryEngineDeps): Promise<{ source: ImageSource; ref?: ImageReference }> {
  const base = parseBaseImage(value);
  if (base.kind === 'registry') {
    const credentials = await deps.credentials(base.ref.registry);
    return { source: registrySource({ reference: base.reference, ...(credentials ? { credentials } : {}) }, deps.transport ?? httpTransport()), ref: base.ref };
  }
  const source = await layoutSource(base.path, { ...(base.tag ? { refName: base.tag } : {}), label: `${base.kind}://${base.path}` });
  return { source };
}

function describeFailure(error: unknown): { got: string; fix: string } {
  if (error instanceof BaseImageProblem || error instanceof RegistryFailure) return { got: error.message, fix: error.fix };
  return { got: (error as Error).message, fix: 'check base-image and the registry, then run again' };
}

export async function registryBuild(
  options: BuildOptions,
  prepared: { readonly cacheDir: string; readonly manifest: Manifest; readonly carried?: ReadonlyMap<string, Buffer> | undefined },
  expectations: Expectations,
  deps: RegistryEngineDeps,
): Promise<RegistryEngineOutcome> {
  const { log } = deps;
  if (options.mode.kind !== 'overlay') throw new Error('internal: the registry engine builds overlay mode only');
  const baseImage = options.mode.baseImage;
  // The cache folder is read and checked first (bad input fails before any request); the gzip
  // runs on the thread pool while the base is read.
  const tar = await encoderTar({ cacheDir: prepared.cacheDir, manifest: prepared.manifest, cachePath: options.cachePath, sourceDateEpoch: options.sourceDateEpoch, carried: prepared.carried });
  const compressing = compressLayer(tar, deps.layerCache);
  compressing.catch(() => undefined); // awaited below; a base that fails to open must not leave it unhandled

  let base: Awaited<ReturnType<typeof openBase>>;
  try {
    base = await openBase(baseImage, deps);
  } catch (error) {
    throw new BuildError({ what: `cannot open base-image ${baseImage}`, ...describeFailure(error) }, { cause: error });
  }
  const archives: WrittenArchive[] = [];
  try {
    const read = await readBase(base.source, options.platforms).catch((error: unknown) => {
      throw new BuildError({ what: `base-image ${baseImage} cannot be made offline by the registry engine`, ...describeFailure(error) }, { cause: error });
    });
    if (read.single) log.notice(`base-image ${baseImage} is a single manifest, not a multi-platform index: treated as one platform, ${read.available[0]}`);
    if (read.attestations > 0) log.info(`dropping the base's ${read.attestations} attestation manifest(s): they attest the base's bytes, not this image`);

    // The repositories, and the base's blobs mounted (or copied) into them while the layer is
    // still compressing: they are the same whatever the layer turns out to be.
    const own = new Map<string, Buffer>();
    let image: ImageSource | undefined;
    const blobOf = (descriptor: Descriptor) => (image ?? base.source).blob(descriptor);
    const baseBlobs = [...new Map(read.platforms.flatMap((p) => layersOf(p.manifest.json)).map((l) => [l.digest, l] as const)).values()];
    const targets: Array<{ repo: Repository; http: RepositoryHttp; blobs: BlobPusher; refused: string[]; mountFrom: string | undefined; credentials?: RegistryCredentials }> = [];
    for (const repo of repositories(options)) {
      const credentials = await deps.credentials(repo.ref.registry);
      const plain = repositoryHttp({ apiHost: repo.ref.apiHost, repository: repo.ref.repository, credentials }, deps.transport ?? httpTransport());
      const refused: string[] = [];
      const http = watchMounts(plain, own, (digest) => refused.push(digest));
      // One request first, alone: it settles the auth (Basic or a Bearer token) before the parallel blob requests.
      const first = baseBlobs[0];
      if (first) await blobExists(http, first.digest).catch(() => undefined);
      const mountFrom = base.ref && base.ref.apiHost === repo.ref.apiHost ? base.ref.repository : undefined;
      const blobs = blobPusher(blobOf, http, { log, mountFrom, ...(deps.sleep ? { sleep: deps.sleep } : {}) });
      // Failures surface when the push awaits the same transfers (below).
      for (const blob of baseBlobs) blobs.ensure(blob).catch(() => undefined);
      targets.push({ repo, http, blobs, refused, mountFrom, ...(credentials ? { credentials } : {}) });
    }

    const layer: EncoderLayer = await compressing;
    log.info(`encoder layer ${layer.digest}: ${layer.files.length} files, ${layer.tarSize} B tar, ${layer.size} B gzip`);
    const created = options.sourceDateEpoch === undefined ? undefined : rfc3339(options.sourceDateEpoch);
    own.set(layer.digest, layer.blob);
    const entries: IndexEntry[] = [];
    const platformDigests: Record<string, string> = {};
    for (const p of read.platforms) {
      const configType = p.config.descriptor.mediaType || (p.manifest.descriptor.mediaType === MediaType.dockerManifest ? BlobMediaType.dockerConfig : BlobMediaType.ociConfig);
      const config = overlayConfig(p.config.json, { diffId: layer.diffId, cachePath: options.cachePath, env: options.imageEnv, labels: options.labels, created, createdBy: `COPY encoder cache to ${options.cachePath} (oneapi-offline)` }, configType);
      const manifest = overlayManifest(p.manifest.json, p.manifest.descriptor.mediaType, config.descriptor, layer);
      own.set(config.descriptor.digest, config.bytes);
      own.set(manifest.descriptor.digest, manifest.bytes);
      entries.push({ descriptor: manifest.descriptor, platform: p.platform });
      platformDigests[p.name] = manifest.descriptor.digest;
    }
    const index = imageIndex(entries, read.single ? indexMediaTypeFor(read.mediaType) : read.mediaType);
    own.set(index.descriptor.digest, index.bytes);
    const digest = index.descriptor.digest;
    image = overlaySource(base.source, { root: { digest, mediaType: index.descriptor.mediaType, bytes: index.bytes }, own, label: `offline image ${digest}` });
    const built = image;

    // Push (by digest) and archive.
    for (const { repo, http, blobs, refused, mountFrom } of targets) {
      await log.group(`push ${repo.ref.apiHost}/${repo.ref.repository}@${digest} (by digest${mountFrom ? `, mounting the base's blobs from ${mountFrom}` : ''})`, () =>
        pushByDigest(built, http, { log, mountFrom, blobs, ...(deps.sleep ? { sleep: deps.sleep } : {}) }),
      ).catch((error: unknown) => {
        throw new BuildError({ what: `pushing ${repo.ref.apiHost}/${repo.ref.repository}@${digest} failed (no tag was written)`, ...describeFailure(error) }, { cause: error });
      });
      if (refused.length > 0) log.notice(`${repo.ref.apiHost} refused ${refused.length} cross-repository mount(s) from ${mountFrom}: those base blobs were uploaded instead`);
    }
    if (options.archive) {
      archives.push(await log.group(`write OCI archive ${options.archive}`, () => writeArchive(built, options.archive as string, options.sourceDateEpoch ?? 0)));
    }

    // Verify every copy, then tag.
    let verification: VerificationReport | undefined;
    if (options.verify) {
      const checks: VerifyTarget[] = [
        ...targets.map((t): VerifyTarget => ({ kind: 'registry', reference: `${t.repo.ref.registry}/${t.repo.ref.repository}@${digest}`, ...(t.credentials ? { credentials: t.credentials } : {}) })),
        ...archives.map((a): VerifyTarget => ({ kind: 'oci-archive', path: a.tempPath, digest })),
      ];
      for (const target of checks) {
        const report = await log.group(`Verify ${target.kind === 'registry' ? target.reference : 'the OCI archive'} offline, per platform`, () =>
          verifyImage(target, expectations, { log, ...(deps.transport ? { transport: deps.transport } : {}) }),
        );
        verification ??= report;
        if (!report.ok) {
          verification = report;
          break;
        }
      }
    }
    const passed = verification === undefined || verification.ok;
    if (passed && verification && deps.beforeTag) {
      await deps.beforeTag({ report: verification, repositories: targets.map((t) => t.http), base: { digest: read.digest, platforms: Object.fromEntries(read.platforms.map((p) => [p.name, p.manifest.descriptor.digest])) } });
    }
    const applied: string[] = [];
    if (passed) {
      for (const t of targets) {
        // A repository's tags go up side by side: each is one PUT of the same verified bytes.
        const puts = await Promise.allSettled(t.repo.tags.map((tag) => withRetry(`PUT ${t.repo.ref.repository}:${tag}`, () => putManifest(t.http, tag, index.bytes, index.descriptor.mediaType), { log, sleep: deps.sleep })));
        for (const [i, put] of puts.entries()) {
          const tag = t.repo.tags[i] as string;
          if (put.status === 'rejected') {
            const error: unknown = put.reason;
            throw new BuildError({ what: `tagging ${t.repo.ref.apiHost}/${t.repo.ref.repository}:${tag} failed after verification passed`, got: (error as Error).message, fix: `the verified image is ${t.repo.name}@${digest}: run again to tag it` }, { cause: error });
          }
          applied.push(`${t.repo.name}:${tag}`);
        }
      }
      for (const a of archives) await a.publish(options.pushByDigest ? [] : options.tags);
    } else {
      log.warning(`verification failed: nothing was tagged; the unpublished image is ${digest}`);
      for (const a of archives) await a.discard();
    }
    return {
      built: {
        digest,
        metadata: { 'containerimage.digest': digest, engine: 'registry', layer: layer.digest },
        tags: passed ? applied : [],
        ...(options.archive && passed ? { archive: options.archive } : {}),
        platformDigests,
        ...(options.pushByDigest ? { digestRefs: options.images.map((name) => `${name}@${digest}`) } : {}),
        route: options.push ? 'registry' : 'archive',
        engine: REGISTRY_ENGINE,
      },
      ...(verification ? { verification } : {}),
    };
  } catch (error) {
    for (const a of archives) await a.discard();
    throw error;
  } finally {
    await base.source.close();
  }
}
