// The build core: options (already validated) + the prepared cache folder → one buildx run
// (plus load/tag/push on the docker driver's OCI route) → digests, tags, archive.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Logger } from '../log/logger.js';
import { buildxArgs } from './argv.js';
import { probeEngine, type EngineFacts } from './engine-facts.js';
import { parseMetadata } from './metadata.js';
import { archiveIndex } from './oci-archive.js';
import type { BuildOptions } from './options.js';
import { chooseRoute, dockerSteps, type Route } from './outputs.js';
import { writeOverlay } from './overlay.js';
import { retrying } from './retry.js';
import { runDocker, type DockerDeps } from './run.js';
import { stageCacheDir } from './stage-cache.js';

export interface BuildResult {
  /** Index (or single manifest) digest that was built, pushed or archived. */
  readonly digest?: string;
  readonly imageid?: string;
  /** buildx's metadata file, as JSON. */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Full references applied (empty for a push by digest). */
  readonly tags: readonly string[];
  /** The user's archive, when one was asked for. */
  readonly archive?: string;
  /** An OCI archive of the image (the user's or one in tempDir), for offline verification. */
  readonly ociArchive?: string;
  /** `linux/amd64 → sha256:…` of the image manifests (attestations left out). */
  readonly platformDigests?: Readonly<Record<string, string>>;
  /** `name@digest` per image for a push by digest (what merge-digests takes). */
  readonly digestRefs?: readonly string[];
  readonly route: Route;
  readonly engine: EngineFacts;
}

export interface BuildDeps {
  readonly log: Logger;
  readonly docker?: string | undefined;
  /** A private folder for the metadata file, the overlay Dockerfile and staging archives. */
  readonly tempDir: string;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Engine facts already probed (the entry probes them to parse inputs); probed when absent. */
  readonly engine?: EngineFacts | undefined;
}

function platformsOfIndex(raw: string, digest: string, platforms: readonly string[]): Record<string, string> {
  const index = JSON.parse(raw) as {
    manifests?: Array<{ digest: string; platform?: { os: string; architecture: string; variant?: string }; annotations?: Record<string, string> }>;
    config?: unknown;
  };
  // A single image manifest (one platform, no attestation) is that platform's digest.
  if (index.config !== undefined && platforms.length === 1 && platforms[0]) return { [platforms[0]]: digest };
  const out: Record<string, string> = {};
  for (const m of index.manifests ?? []) {
    if (!m.platform || m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') continue;
    out[[m.platform.os, m.platform.architecture, m.platform.variant].filter(Boolean).join('/')] = m.digest;
  }
  return out;
}

export async function build(input: BuildOptions, prepared: { readonly cacheDir: string }, deps: BuildDeps): Promise<BuildResult> {
  const cacheDir =
    input.sourceDateEpoch === undefined ? prepared.cacheDir : await stageCacheDir(prepared.cacheDir, join(deps.tempDir, 'tiktoken-context'), input.sourceDateEpoch);
  const options: BuildOptions = { ...input, cacheDir };
  await mkdir(deps.tempDir, { recursive: true });
  if (input.archive) await mkdir(dirname(input.archive), { recursive: true });
  const docker: DockerDeps = { log: deps.log, docker: deps.docker, env: deps.env };
  const engine = deps.engine ?? (await probeEngine(docker, options.builder));
  if (options.provenanceNotice) deps.log.notice(options.provenanceNotice);
  const overlay = options.mode.kind === 'overlay' ? await writeOverlay(join(deps.tempDir, 'overlay'), options.mode.baseImage, options.cachePath) : undefined;
  const route = chooseRoute(options, engine.driver);
  const needsArchive = route === 'oci-then-docker' || (options.verify && !options.push && options.archive === undefined);
  const ociArchive = options.archive ?? (needsArchive ? join(deps.tempDir, 'image.oci.tar') : undefined);
  const metadataFile = join(deps.tempDir, 'metadata.json');
  const argv = buildxArgs(options, { metadataFile, dockerfilePath: overlay?.dockerfile, context: overlay?.context, route, ociArchive });

  await deps.log.group(`docker buildx build (${options.platforms.join(', ')}, ${route === 'direct' ? 'direct outputs' : 'OCI archive, then docker load/push'})`, () =>
    runDocker(argv, docker, { what: 'docker buildx build' }),
  );
  const meta = parseMetadata(await readFile(metadataFile, 'utf8'), metadataFile);
  if (route === 'oci-then-docker' && ociArchive) {
    await deps.log.group('docker load / tag / push', async () => {
      for (const step of dockerSteps(options, ociArchive)) {
        const run = () => runDocker(step, docker, { what: `docker ${step[0]}` });
        if (step[0] !== 'push') await run();
        else await retrying(run, { attempts: 3, delayMs: 1_000, onRetry: (_error, n) => deps.log.warning(`docker ${step.join(' ')} failed; trying again (attempt ${n} of 3)`) });
      }
    });
  }

  let platformDigests: Record<string, string> | undefined;
  let digest = meta.digest;
  if (ociArchive) {
    const index = await archiveIndex(ociArchive);
    platformDigests = index.platforms;
    digest ??= index.digest;
  } else if (options.push && digest) {
    const ref = `${options.images[0]}@${digest}`;
    const raw = await runDocker(['buildx', 'imagetools', 'inspect', '--raw', ref], { ...docker, log: { ...deps.log, info: (m) => deps.log.debug(m) } }, { echo: false, what: 'docker buildx imagetools inspect' });
    platformDigests = platformsOfIndex(raw.stdout, digest, options.platforms);
  }
  return {
    ...(digest ? { digest } : {}),
    ...(meta.imageid ? { imageid: meta.imageid } : {}),
    metadata: meta.metadata,
    tags: options.pushByDigest ? [] : options.tags,
    ...(options.archive ? { archive: options.archive } : {}),
    ...(ociArchive ? { ociArchive } : {}),
    ...(platformDigests ? { platformDigests } : {}),
    ...(options.pushByDigest && digest ? { digestRefs: options.images.map((image) => `${image}@${digest}`) } : {}),
    route,
    engine,
  };
}
