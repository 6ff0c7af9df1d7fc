// The build core: options (already validated) + the prepared cache folder → one buildx run that
// names no tag → the image by digest: pushed by digest (BuildKit outside the engine) or written
// as one OCI archive, which is then pushed by digest with our registry client when a push was
// asked for. Tags and loads come later, after verification (publish.ts).
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BuildError } from '../errors.js';
import type { ImageSource } from '../oci/image-source.js';
import { layoutSource } from '../oci/layout-source.js';
import type { Logger } from '../log/logger.js';
import { RegistryFailure } from '../oci/registry-http.js';
import { getManifest } from '../oci/registry-write.js';
import { pushByDigest } from '../oci/push-image.js';
import { openRepository, sameRegistry, type RegistryAccess } from '../oci/repository.js';
import { buildxArgs } from './argv.js';
import { builtWith } from './builder-store.js';
import { LAYOUT_LOCK_NOISE, type LayoutRun } from './layout-pool.js';
import { checkBuilderPlatforms, probeEngine, type EngineFacts } from './engine-facts.js';
import { indexImages } from '../oci/image-index.js';
import { parseManifest } from '../oci/media-types.js';
import { parseMetadata } from './metadata.js';
import type { BuildOptions } from './options.js';
import { chooseRoute, destPath, needsArchive, targetRepositories, type ImageDest, type Route } from './outputs.js';
import { writeOverlay } from './overlay.js';
import { runDocker, type DockerDeps } from './run.js';
import { writeSecretValues } from './secrets.js';
import { contextLayout, stageCacheDir, type PreparedFolder } from './stage-cache.js';

export interface BuildResult {
  /** Index (or single manifest) digest that was built: pushed by digest and/or archived. */
  readonly digest?: string;
  readonly imageid?: string;
  /** buildx's metadata file, as JSON. */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Full references the image is to get once verified (empty for a push by digest). None exists yet. */
  readonly tags: readonly string[];
  /** The user's archive, when one was asked for (un-named: it names no tag). */
  readonly archive?: string;
  /** An OCI archive of the image (the user's or one in tempDir), for verification and load. */
  readonly ociArchive?: string;
  /** `linux/amd64 → sha256:…` of the image manifests (attestations left out). */
  readonly platformDigests?: Readonly<Record<string, string>>;
  /** `name@digest` for every repository the image was pushed to by digest (what merge-digests takes). */
  readonly digestRefs?: readonly string[];
  /** The root index/manifest as pushed (exact bytes), for tagging without another read. */
  readonly root?: { readonly bytes: Buffer; readonly mediaType: string };
  readonly route: Route;
  readonly engine: EngineFacts;
}

export interface BuildDeps extends RegistryAccess {
  readonly log: Logger;
  readonly docker?: string | undefined;
  /** A private folder for the metadata file, the overlay Dockerfile and private archives. */
  readonly tempDir: string;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Engine facts already probed (the plan probes them to check inputs); probed when absent. */
  readonly engine?: EngineFacts | undefined;
  /**
   * A layout folder for an archive-route image nobody asked to keep or load (layout-pool.ts:
   * seeded with kept blobs); the caller removes it after verification. Absent: a tar in tempDir.
   */
  readonly openLayout?: (() => Promise<LayoutRun>) | undefined;
  /** The buildx plugin binary to run directly (buildx-binary.ts). */
  readonly buildx?: string | undefined;
}

function pushFailure(error: unknown, repository: string): BuildError {
  const message = error instanceof RegistryFailure ? error.message : (error as Error).message;
  return new BuildError(
    { what: `pushing the built image by digest to ${repository} failed (no tag was written)`, got: message, fix: error instanceof RegistryFailure ? error.fix : 'check the registry and run again' },
    { cause: error },
  );
}

/** Pushes the archive's image by digest into every target repository (blobs mounted from the first one). */
async function pushArchive(source: ImageSource, repositories: readonly string[], deps: BuildDeps): Promise<{ bytes: Buffer; mediaType: string; digest: string }> {
  let first: ReturnType<typeof openRepository> | undefined;
  let root: { bytes: Buffer; mediaType: string; digest: string } | undefined;
  for (const name of repositories) {
    const http = openRepository(name, deps);
    try {
      root = await pushByDigest(source, http, { log: deps.log, mountFrom: first && sameRegistry(first, http) ? first.endpoint.repository : undefined });
    } catch (error) {
      throw pushFailure(error, name);
    }
    first ??= http;
  }
  if (!root) throw new Error('pushArchive needs at least one repository');
  return root;
}

/**
 * `from`: the build context already staged (stage-cache.ts stageSources, laid out by
 * contextLayout), or the prepared cache folder to stage it from now. Either way only the verified
 * files and manifest.json go in, whatever else cache-dir holds. Overlay mode: the staged tree (the
 * files at cache-path), the Dockerfile beside it; Dockerfile mode: `--build-context tiktoken=…`.
 */
export async function build(input: BuildOptions, from: PreparedFolder | { readonly staged: string }, deps: BuildDeps): Promise<BuildResult> {
  const docker: DockerDeps = { log: deps.log, docker: deps.docker, env: deps.env, buildx: deps.buildx };
  const engine = deps.engine ?? (await probeEngine(docker, input.builder, { store: input.load }));
  if (!deps.engine) checkBuilderPlatforms(engine, input.platforms);
  const overlayMode = input.mode.kind === 'overlay' ? input.mode : undefined;
  const shape = contextLayout(overlayMode !== undefined, input.cachePath);
  const cacheDir = 'staged' in from ? from.staged : await stageCacheDir(from, join(deps.tempDir, shape.name), shape.layout);
  const options: BuildOptions = { ...input, cacheDir };
  await mkdir(deps.tempDir, { recursive: true });
  if (input.archive) await mkdir(dirname(input.archive), { recursive: true });
  if (options.provenanceNotice) deps.log.notice(options.provenanceNotice);
  const overlay = overlayMode ? { dockerfile: await writeOverlay(join(deps.tempDir, 'overlay'), overlayMode.baseImage, options.cachePath, options.imageEnv), context: cacheDir } : undefined;
  const route = chooseRoute(options, engine.driver);
  // An image only pushed or verified needs no tar: buildx writes a layout folder much faster
  // (Engine's builder streams a tar of the whole image, base included, through its API).
  const layout = !options.archive && !options.load && needsArchive(options, route) && deps.openLayout ? await deps.openLayout() : undefined;
  const dest: ImageDest | undefined =
    options.archive !== undefined ? undefined : layout ? { layout: layout.dir } : needsArchive(options, route) ? { archive: join(deps.tempDir, 'image.oci.tar') } : undefined;
  // The image as written, read back for the push and verification: the user's archive, else dest.
  const ociArchive = options.archive ?? (dest && destPath(dest));
  const metadataFile = join(deps.tempDir, 'metadata.json');
  const secretDir = join(deps.tempDir, 'secrets');
  const secretFiles = await writeSecretValues(options.buildSecrets, secretDir);
  const argv = buildxArgs(options, { metadataFile, dockerfilePath: overlay?.dockerfile, context: overlay?.context, route, dest, secretFiles });
  const repositories = options.push ? targetRepositories(options) : [];

  const how = route === 'registry' ? 'pushed by digest, no tags yet' : layout ? 'one OCI layout, no tags yet' : ociArchive ? 'one OCI archive, no tags yet' : 'no output';
  let output: { stderr: string };
  try {
    output = await deps.log.group(`docker buildx build (${options.platforms.join(', ')}; ${how})`, () => runDocker(argv, docker, { what: 'docker buildx build', quiet: layout ? LAYOUT_LOCK_NOISE : undefined }));
  } finally {
    if (secretFiles.size > 0) await rm(secretDir, { recursive: true, force: true });
  }
  checkBuiltWith(output.stderr, engine);
  await layout?.keep();
  const meta = parseMetadata(await readFile(metadataFile, 'utf8'), metadataFile);

  let platformDigests: Record<string, string> | undefined;
  let digest = meta.digest;
  let root: { bytes: Buffer; mediaType: string } | undefined;
  if (route === 'archive' && ociArchive) {
    // This run's own archive, as written (one scan of its tar): its index is the image.
    const source = await layoutSource(ociArchive);
    try {
      const top = await source.root();
      digest = top.digest;
      platformDigests = platformsOf(top.bytes, top.digest, options.platforms);
      if (repositories.length > 0) {
        root = await deps.log.group(`Push by digest to ${repositories.join(', ')} (no tags)`, () => pushArchive(source, repositories, deps));
      }
    } finally {
      await source.close();
    }
  } else if (route === 'registry') {
    const first = repositories[0];
    if (!digest || !first) throw new BuildError({ what: 'buildx pushed by digest but reported no digest', got: JSON.stringify(meta.metadata).slice(0, 300), fix: 'check the buildx version (0.10 or newer writes containerimage.digest)' });
    const pushed = await getManifest(openRepository(first, deps), digest).catch((error: unknown) => {
      throw pushFailure(error, first);
    });
    root = { bytes: pushed.bytes, mediaType: pushed.mediaType };
    platformDigests = platformsOf(pushed.bytes, digest, options.platforms);
  }
  return {
    ...(digest ? { digest } : {}),
    ...(meta.imageid ? { imageid: meta.imageid } : {}),
    metadata: meta.metadata,
    tags: options.pushByDigest ? [] : options.tags,
    ...(options.archive ? { archive: options.archive } : {}),
    ...(ociArchive ? { ociArchive } : {}),
    ...(platformDigests ? { platformDigests } : {}),
    ...(options.pushByDigest && digest ? { digestRefs: repositories.map((image) => `${image}@${digest}`) } : {}),
    ...(root ? { root } : {}),
    route,
    engine,
  };
}

/** The builder buildx says it used must have the driver the route was chosen for (builder-store.ts read it without buildx). */
function checkBuiltWith(stderr: string, engine: EngineFacts): void {
  const used = builtWith(stderr);
  if (!used || engine.driver === 'unknown' || used.driver === engine.driver) return;
  throw new BuildError({
    what: `buildx built on "${used.builder}" with the ${used.driver} driver, but builder "${engine.builder ?? 'default'}" was taken for a ${engine.driver} builder; nothing was tagged`,
    got: `${used.builder} (${used.driver})`,
    expected: `the ${engine.driver} driver`,
    fix: 'check `docker buildx ls` (BUILDX_CONFIG, DOCKER_CONFIG) and run again',
  });
}

/** `platform → manifest digest` of a pushed root: an index's image manifests, or the one manifest itself. */
function platformsOf(bytes: Buffer, digest: string, platforms: readonly string[]): Record<string, string> {
  const parsed = parseManifest(bytes, undefined, `the pushed root ${digest}`);
  if (parsed.kind === 'manifest') return platforms.length === 1 && platforms[0] ? { [platforms[0]]: digest } : {};
  return Object.fromEntries(indexImages(parsed.doc).map((m) => [m.platform, m.digest]));
}
