// Verifies a built image offline by reading it, never running it: every platform manifest's
// config (the cache env) and layers (merged with whiteouts) against the expected cache files.
// Works the same for scratch/distroless bases and for arm64 on an amd64 runner.
import { tmpdir } from 'node:os';
import { VerifyError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { MANIFEST_FILE } from '../encoders/manifest.js';
import { MAX_KEPT_BYTES, type Need } from './check-platform.js';
import { IDENTITY_FILES, checkRuntimes, type RuntimeFacts } from './runtime-verdicts.js';
import { storageLayer } from './storage-applier.js';
import type { ApplierName } from './user-access.js';
import { candidateDirs, imageRuntime } from './consumers.js';
import { dockerSource, spawnDocker, type DockerCommand } from './docker-source.js';
import type { ImageSource } from '../oci/image-source.js';
import type { LayerSummaries } from './layer-summaries.js';
import { baseOf, isWithin, normalizeLayerPath } from './layer-paths.js';
import { LayerTree, Undecided, UnpackError, type Content } from './layer-tree.js';
import { layerTar, unreadableLayer, untilDeadline } from '../oci/blob-stream.js';
import { layoutSource } from '../oci/layout-source.js';
import { isAttestation, parseManifest, type Descriptor, type ImageManifest } from '../oci/media-types.js';
import { configPlatform, platformName, samePlatform, type Platform } from '../oci/platform.js';
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../oci/read-limits.js';
import { applyRecorded, hashEntries, layerRecords, recordLayer, type HashPolicy, type LayerRecords } from './read-layer.js';
import { OverlayView } from './overlay-view.js';
import { RegistryFailure, registrySource, type RegistryTarget } from '../oci/registry-source.js';
import { pinnedDigest } from '../oci/reference.js';
import { sha256Digest } from '../oci/digest.js';
import type { Expectations, PlatformReport, VerificationReport } from './report.js';
import { httpTransport, type HttpTransport } from '../http/http-request.js';

export type VerifyTarget =
  | { kind: 'registry'; reference: string; insecure?: boolean; credentials?: RegistryTarget['credentials'] }
  /** An OCI layout tar (`type=oci,dest=…`, uncompressed) or an OCI layout folder; `digest` pins the index, `refName` picks a tagged image. */
  | { kind: 'oci-archive'; path: string; digest?: string; refName?: string }
  /** An image loaded into the local engine (containerd image store), read via `docker image save`. */
  | { kind: 'docker'; reference: string };

export interface VerifyDeps {
  readonly log: Logger;
  readonly transport?: HttpTransport;
  /** Runs the docker CLI for `kind: 'docker'` (default: spawn `docker`). */
  readonly docker?: DockerCommand;
  /** Where `docker image save` writes its temporary tar (default: the OS temp dir). */
  readonly tempDir?: string;
  /** Bounds on what is read (tests make them small). */
  readonly limits?: ReadLimits;
  /** Layers read by earlier verifications (layer-summaries.ts): a base seen before is not read again. */
  readonly summaries?: LayerSummaries;
  /** Only these platforms of an index are read (default: every image platform). */
  readonly platforms?: readonly string[];
  /** Judges each platform's trees (default: checkRuntimes; src/base-floor reads what a base serves through it). */
  readonly judge?: Judge;
}

/** A platform's verdict from its trees (every runtime, as the image's USER), or the contents whose bytes it still needs. */
export type Judge = (facts: RuntimeFacts, problems: readonly string[], expectations: Expectations) => ReturnType<typeof checkRuntimes>;


function describeTarget(target: VerifyTarget): string {
  return target.kind === 'oci-archive' ? `OCI archive ${target.path}` : `${target.kind === 'docker' ? 'docker image' : 'image'} ${target.reference}`;
}

async function openSource(target: VerifyTarget, deps: VerifyDeps): Promise<ImageSource> {
  switch (target.kind) {
    case 'registry':
      return registrySource(target, deps.transport ?? httpTransport(), deps.limits);
    case 'oci-archive':
      return layoutSource(target.path, { ...(deps.limits ? { maxDocumentBytes: deps.limits.maxDocumentBytes } : {}), ...(target.refName ? { refName: target.refName } : {}) });
    case 'docker':
      return dockerSource(target.reference, deps.docker ?? spawnDocker('docker'), deps.tempDir ?? tmpdir());
  }
}

interface Leaf {
  readonly descriptor: Descriptor;
  readonly platform: Platform | undefined;
}

/** Image manifests reachable from the root (nested indexes followed), attestations counted. */
async function leaves(source: ImageSource, bytes: Buffer, mediaType: string | undefined, digest: string, depth = 0): Promise<{ leaves: Leaf[]; attestations: number }> {
  const parsed = parseManifest(bytes, mediaType, `${source.label} ${digest}`);
  if (parsed.kind === 'manifest') {
    return { leaves: [{ descriptor: { mediaType: mediaType ?? parsed.doc.mediaType ?? '', digest, size: bytes.length }, platform: undefined }], attestations: 0 };
  }
  const out: Leaf[] = [];
  let attestations = 0;
  for (const entry of parsed.doc.manifests) {
    if (isAttestation(entry)) {
      attestations++;
      continue;
    }
    if (/index|manifest\.list/.test(entry.mediaType) && depth < 4) {
      const child = await source.document(entry);
      if (!child) continue;
      if (sha256Digest(child) !== entry.digest) throw new Error(`index ${entry.digest} does not match its digest`);
      const nested = await leaves(source, child, entry.mediaType, entry.digest, depth + 1);
      out.push(...nested.leaves);
      attestations += nested.attestations;
      continue;
    }
    out.push({ descriptor: entry, platform: entry.platform });
  }
  return { leaves: out, attestations };
}

async function readChecked(source: ImageSource, descriptor: Descriptor, what: string): Promise<Buffer | undefined> {
  const bytes = await source.document(descriptor);
  if (bytes && sha256Digest(bytes) !== descriptor.digest) {
    throw new Error(`${what} ${descriptor.digest} arrived as ${sha256Digest(bytes)}: the image store is corrupt or tampered`);
  }
  return bytes;
}

interface ImageConfig {
  readonly os?: string;
  readonly architecture?: string;
  readonly variant?: string;
  readonly config?: { readonly Env?: readonly string[]; readonly WorkingDir?: string; readonly User?: string };
}

function describeError(error: unknown): string {
  if (error instanceof RegistryFailure) return `${error.message} (${error.fix})`;
  if (error instanceof UnpackError) return `the engine would refuse to unpack this layer: ${error.message}`;
  return (error as Error).message;
}

const emptyViews = (): RuntimeFacts['views'] => ({ containerd: new OverlayView([], true), 'containers-storage': new OverlayView([], true) });

/** The verdict on a tree (every runtime, as the image's USER), hashing in a second pass whatever bytes it needs that were skipped. */
async function decide(
  facts: RuntimeFacts,
  problems: string[],
  expectations: Expectations,
  rehash: (needs: readonly Need[]) => Promise<void>,
  judge: Judge = checkRuntimes,
): Promise<PlatformReport> {
  for (let round = 0; ; round++) {
    const checked = judge(facts, problems, expectations);
    if ('report' in checked) return checked.report;
    if (round >= 4) throw new Error(`internal: ${facts.platform} still needs bytes after ${round} passes`);
    await rehash(checked.needs);
  }
}

/**
 * One platform: its config, then its layers from the top down. After each layer the verdict is
 * tried on the layers read so far over an unknown base; it stands once nothing in it depends on
 * a layer below (every file a consumer opens, its folder's entries, symlinked parents and hard
 * links all decided). Otherwise one more layer is read, down to the first (a known empty base).
 */
async function verifyLeaf(source: ImageSource, leaf: Leaf, manifestBytes: Buffer, expectations: Expectations, deps: VerifyDeps, records: LayerRecords): Promise<PlatformReport> {
  const { log } = deps;
  const limits = deps.limits ?? DEFAULT_READ_LIMITS;
  const digest = leaf.descriptor.digest;
  let platform = platformName(leaf.platform);
  const problems: string[] = [];
  let runtime = imageRuntime(undefined, undefined);
  let user: string | undefined;
  /** Layers an applier refuses (containers/storage's duplicate rule), found in the layers read. */
  const refusals = new Map<ApplierName, string>();
  let layers: readonly Descriptor[] = [];
  let current = '';
  const openLayer = async (i: number): Promise<AsyncIterable<Buffer>> => {
    const layer = layers[i] as Descriptor;
    current = `layer ${i + 1}/${layers.length} ${layer.digest} of ${platform} (${source.label})`;
    const unreadable = unreadableLayer(layer);
    if (unreadable) throw new Error(unreadable);
    const deadline = Date.now() + limits.blobTimeoutMs(layer.size);
    return untilDeadline(layerTar(await source.blob(layer), layer), deadline, current);
  };
  const rehash = async (needs: readonly Need[]): Promise<void> => {
    // A consumer reads bytes the first pass did not hash (a hard link or symlink from elsewhere).
    const byLayer = new Map<number, Map<number, { content: Content; keep: boolean }>>();
    for (const need of needs) {
      const wanted = byLayer.get(need.content.layer) ?? new Map<number, { content: Content; keep: boolean }>();
      wanted.set(need.content.ordinal, { content: need.content, keep: need.keep || (wanted.get(need.content.ordinal)?.keep ?? false) });
      byLayer.set(need.content.layer, wanted);
    }
    try {
      for (const [i, wanted] of byLayer) await hashEntries(await openLayer(i), wanted);
    } catch (error) {
      problems.push(`${current}: ${describeError(error)}`);
      for (const need of needs) need.content.sha256 ??= 'unreadable';
    }
  };
  try {
    const parsed = parseManifest(manifestBytes, leaf.descriptor.mediaType, `manifest ${digest}`);
    if (parsed.kind !== 'manifest') throw new Error(`manifest ${digest} is an index where an image manifest was expected`);
    const manifest: ImageManifest = parsed.doc;
    layers = manifest.layers;
    const configBytes = await readChecked(source, manifest.config, 'config');
    if (!configBytes) throw new Error(`config ${manifest.config.digest} is not in ${source.label}`);
    const config = JSON.parse(configBytes.toString('utf8')) as ImageConfig;
    runtime = imageRuntime(config.config?.Env, config.config?.WorkingDir);
    user = config.config?.User;
    if (!leaf.platform && config.os && config.architecture) {
      platform = platformName(configPlatform(config));
    }
    const roots = candidateDirs(runtime, expectations.cachePath).map(normalizeLayerPath);
    // The image's USER is resolved in /etc/passwd and /etc/group: small, kept when met.
    const identity = (path: string): boolean => IDENTITY_FILES.includes(path);
    const policy: HashPolicy = {
      hash: (path) => roots.some((root) => isWithin(path, root)) || identity(path),
      keep: (path, size) => (baseOf(path) === MANIFEST_FILE || identity(path)) && size <= MAX_KEPT_BYTES,
    };
    // Each layer unpacks into a tree of its own; the container sees their union. containers/storage
    // gets a tree of its own only for a layer it unpacks differently.
    const trees: LayerTree[] = [];
    const storageTrees: LayerTree[] = [];
    const views = (complete: boolean): RuntimeFacts['views'] => ({ containerd: new OverlayView(trees, complete), 'containers-storage': new OverlayView(storageTrees, complete) });
    for (let k = layers.length - 1; k >= 0; k--) {
      const layer = layers[k] as Descriptor;
      log.debug(`${platform}: layer ${k + 1}/${layers.length} ${layer.digest} (${layer.size} B, ${layer.mediaType})`);
      const tree = new LayerTree();
      current = `layer ${k + 1}/${layers.length} ${layer.digest} of ${platform} (${source.label})`;
      const recorded = await records.read(layer, roots, k, async () => recordLayer(await openLayer(k), k, policy));
      await applyRecorded(tree, recorded);
      trees.push(tree);
      const storage = await storageLayer(recorded, tree);
      storageTrees.push(storage.tree);
      if (storage.refused && !refusals.has('containers-storage')) refusals.set('containers-storage', `${current}: Podman would refuse to unpack this layer: ${storage.refused}`);
      try {
        const report = await decide({ platform, digest, views: views(k === 0), runtime, user, refusals, layersRead: layers.length - k }, problems, expectations, rehash, deps.judge);
        if (k > 0) log.debug(`${platform}: decided by the top ${layers.length - k} of ${layers.length} layers`);
        return { ...report, decidedBy: layers.slice(k).map((l) => l.digest).reverse() };
      } catch (error) {
        if (!(error instanceof Undecided)) throw error;
      }
    }
    return { ...(await decide({ platform, digest, views: emptyViews(), runtime, user, refusals, layersRead: 0 }, problems, expectations, rehash, deps.judge)), decidedBy: layers.map((l) => l.digest).reverse() };
  } catch (error) {
    problems.push(current ? `${current}: ${describeError(error)}` : describeError(error));
  }
  return decide({ platform, digest, views: emptyViews(), runtime, user, refusals }, problems, expectations, rehash, deps.judge);
}

export async function verifyImage(target: VerifyTarget, expectations: Expectations, deps: VerifyDeps): Promise<VerificationReport> {
  const { log } = deps;
  const cachePath = expectations.cachePath;
  if (!cachePath.startsWith('/') || normalizeLayerPath(cachePath) === '') {
    throw new VerifyError({ what: 'cache-path to verify', got: cachePath, expected: 'an absolute path below /, e.g. /tiktoken_cache', fix: 'pass the cache-path the image was built with' });
  }
  let source: ImageSource;
  try {
    source = await openSource(target, deps);
  } catch (error) {
    throw new VerifyError(
      { what: `cannot open ${describeTarget(target)} for verification`, got: (error as Error).message, fix: error instanceof RegistryFailure ? error.fix : target.kind === 'docker' ? 'load the image into the engine (containerd image store) or verify the pushed image or OCI archive instead' : 'check the path, and that the archive is an uncompressed OCI layout tar (type=oci,dest=…)' },
      { cause: error },
    );
  }
  try {
    const rootDoc = await source.root();
    if (sha256Digest(rootDoc.bytes) !== rootDoc.digest) throw new Error(`${source.label}: the root index does not match its digest ${rootDoc.digest}`);
    const pinned = target.kind === 'oci-archive' ? target.digest : pinnedDigest(target.reference);
    if (pinned && pinned !== rootDoc.digest) throw new Error(`${source.label} holds ${rootDoc.digest}, not the expected ${pinned}`);
    const found = await leaves(source, rootDoc.bytes, rootDoc.mediaType, rootDoc.digest);
    if (found.attestations > 0) log.info(`${source.label}: skipping ${found.attestations} attestation manifest(s)`);
    const absent: Array<{ platform: string; digest: string }> = [];
    // Platforms that share a layer (the registry engine's, on every platform) read it once.
    const records = layerRecords(deps.summaries);
    const wanted = deps.platforms;
    const read = wanted ? found.leaves.filter((leaf) => !leaf.platform || wanted.some((p) => samePlatform(p, leaf.platform as Platform))) : found.leaves;
    const checks = read.map(async (leaf) => {
      const bytes = await readChecked(source, leaf.descriptor, 'manifest');
      if (!bytes) {
        if (source.partial) {
          absent.push({ platform: platformName(leaf.platform), digest: leaf.descriptor.digest });
          return undefined;
        }
        throw new Error(`manifest ${leaf.descriptor.digest} is not in ${source.label}`);
      }
      return verifyLeaf(source, leaf, bytes, expectations, deps, records);
    });
    const platforms = (await Promise.all(checks)).filter((p): p is PlatformReport => p !== undefined);
    for (const p of platforms) {
      const good = p.files.filter((f) => f.status === 'ok').length;
      log.info(`${p.platform} ${p.digest}: ${p.ok ? 'ok' : 'FAILED'} (${good}/${p.files.length} files; ${p.consumers.map((c) => `${c.consumer}${c.required ? '' : ' (not required)'} reads ${c.directory ?? 'nothing'}: ${c.ok ? 'ok' : 'fails'}`).join('; ')})`);
    }
    for (const a of absent) log.notice(`${source.label}: ${a.platform} (${a.digest}) is not in the local store; not verified`);
    return {
      ok: platforms.length > 0 && platforms.every((p) => p.ok),
      image: source.label,
      digest: rootDoc.digest,
      cachePath,
      platforms,
      attestations: found.attestations,
      absent,
    };
  } catch (error) {
    if (error instanceof VerifyError) throw error;
    throw new VerifyError(
      { what: `cannot read ${source.label}`, got: (error as Error).message, fix: error instanceof RegistryFailure ? error.fix : 'rebuild or re-push the image; if this repeats, the store is corrupt' },
      { cause: error },
    );
  } finally {
    await source.close();
  }
}
