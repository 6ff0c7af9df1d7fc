// The steps of a run after prepare, each loaded when used: buildx build, the registry engine,
// merge, the cache image, verification and publishing (tags only after verification), plus
// what they share (registry fetch through the proxy, credentials from the Docker config).
import { join } from 'node:path';
import type { BuildResult } from '../build/build.js';
import type { BuildOptions } from '../build/options.js';
import type { RegistryEngineOutcome, VerifiedCopy } from '../build/registry-engine.js';
import type { Attested } from '../attest/attest-image.js';
import type { RegistryCredentials } from '../oci/docker-credentials.js';
import type { MergeResult } from '../build/merge.js';
import { AttestError, BuildError, InputError, VerifyError } from '../errors.js';
import { attestationsDir, engineBlobsDir, layerSummariesDir } from '../cache/kept-folders.js';
import type { VerificationReport } from '../image/report.js';
import type { PrepareResult } from '../prepare/result.js';
import type { StagedContext } from '../build/stage-cache.js';
import type { CacheImagePlan, Plan } from './plan.js';
import type { PipelineDeps, PipelineFacts, PipelineResult } from './pipeline.js';
import type { HttpTransport } from '../http/http-request.js';

export async function mergeStep(p: Extract<Plan, { mode: 'merge' }>, facts: PipelineFacts, deps: PipelineDeps): Promise<MergeResult> {
  const [{ mergeImages }, { runDocker }] = await Promise.all([import('../build/merge.js'), import('../build/run.js')]);
  return deps.log.group('Merge the per-platform digests into one index (pushed by digest, no tags yet)', async () =>
    mergeImages(p.merge, {
      run: (argv, options) => runDocker(argv, { log: deps.log, docker: deps.docker }, options),
      builder: p.merge.builder,
      log: deps.log,
      dockerConfig: facts.dockerConfig,
      transport: await registryTransport(p),
    }),
  );
}

/** Registry requests go through the proxy settings the downloads use. */
async function registryTransport(p: Plan): Promise<HttpTransport> {
  return (await import('../http/http-request.js')).httpTransport(p.prepareOptions.proxy);
}

/** Where the image that was not published can be looked at. */
export function unpublishedAt(result: PipelineResult): string {
  const digest = result.merged?.digest ?? result.built?.digest ?? '(no digest)';
  const pushed = result.merged ? [`${result.merged.tags[0]?.replace(/:[^:/]+$/, '') ?? ''}@${digest}`] : (result.built?.digestRefs ?? (result.built?.root && result.buildOptions ? result.buildOptions.images.map((i) => `${i}@${digest}`) : []));
  const where = [...pushed, ...(result.built?.archive ? [`the OCI archive ${result.built.archive}`] : [])];
  return where.length > 0 ? `${digest}, at ${where.join(', ')}` : digest;
}

export async function publishStep(p: Plan, result: PipelineResult, facts: PipelineFacts, deps: PipelineDeps): Promise<PipelineResult> {
  const { publish, tagInRegistry, assertPublished } = await import('./buildx-modules.js');
  const access = { log: deps.log, docker: deps.docker, dockerConfig: facts.dockerConfig, transport: await registryTransport(p) };
  if (result.merged && p.mode === 'merge') {
    const merged = result.merged;
    const states = await deps.log.group(`Tag ${merged.digest} in the registry`, () =>
      tagInRegistry({ digest: merged.digest, root: { bytes: Buffer.from(merged.raw, 'utf8'), mediaType: (JSON.parse(merged.raw) as { mediaType?: string }).mediaType ?? '' } }, merged.tags, access),
    );
    result = { ...result, published: states };
    assertPublished(states, merged.digest, p.merge.images[0], p.merge.verify);
    return result;
  }
  if (result.built && p.mode === 'build') {
    try {
      return { ...result, published: await publish(result.built, p.buildOptions, access) };
    } catch (error) {
      const { PublishError } = await import('../errors.js');
      if (error instanceof PublishError) return { ...result, published: error.tags, error };
      throw error;
    }
  }
  return result;
}

/**
 * A buildx build with attest-key: after verification passed, before publishStep tags anything,
 * the Statement is signed and attached in each repository the image was pushed to by digest.
 */
export async function attestStep(p: Extract<Plan, { mode: 'build' }>, result: PipelineResult, facts: PipelineFacts, deps: PipelineDeps): Promise<Attested | undefined> {
  const { attest, buildOptions } = p;
  const report = result.verification;
  if (!attest) return undefined;
  if (!report?.ok || !result.built?.digest || !result.prepared) {
    throw new AttestError({ what: 'attest-key: there is no verified image to attest, so nothing was tagged', fix: 'build with push: true and verify: true (the attestation states what verification read)' });
  }
  const [{ attestImage }, { openRepository }, { imageSet }, { writeStatementFile }, transport] = await Promise.all([
    import('../attest/attest-image.js'), import('../oci/repository.js'), import('../base-floor/image-set.js'), import('../attest/statement-file.js'), registryTransport(p),
  ]);
  const repositories = buildOptions.images.map((name) => openRepository(name, { dockerConfig: facts.dockerConfig, transport }));
  const files = imageSet(result.prepared, p.baseFloor).manifest.files;
  const attested = await deps.log.group(`Attest ${result.built.digest}: sign the Statement of what verification read, attach it in cosign's layout`, () =>
    attestImage(attest, { report, repositories }, { gateway: p.gateway.profile.name, files, carried: p.baseFloor?.carried.map((c) => c.file.cacheFile), sourceDateEpoch: buildOptions.sourceDateEpoch }, deps.log),
  );
  return { ...attested, path: await writeStatementFile(attestationsDir(facts.runnerTemp, facts.defaultCacheRoot), attested.subjectDigest, attested.statement) };
}

export async function verifyStep(p: Plan, result: PipelineResult, facts: PipelineFacts, deps: PipelineDeps): Promise<VerificationReport | undefined> {
  const target = (await import('./verify-target.js')).verifyTarget(p, result, facts.dockerConfig);
  if (!target) {
    if (p.mode === 'verify') {
      throw new InputError('images', {
        what: 'verify needs an image to read',
        fix: 'pass --images name:tag or name@sha256:… (read from its registry), --images docker-daemon:name:tag (the local engine) or --archive path.oci.tar',
      });
    }
    deps.log.notice('verify: nothing to read back (no push, load or archive); set push, load or archive to check the image offline');
    return undefined;
  }
  const [{ verifyImage }, transport, { layerSummaries }, { expectationsOf }, { imageSet, mergeExpectations }] = await Promise.all([
    import('../image/verify-image.js'),
    registryTransport(p),
    import('../image/layer-summaries.js'),
    import('./expectations.js'),
    import('../base-floor/image-set.js'),
  ]);
  // The image's set: what prepare verified plus what was carried from the base; merge mode also
  // expects what each folder's manifest.json lists (the per-platform builds' carried files).
  const expected = expectationsOf(p.cachePath, result.prepared && imageSet(result.prepared, p.baseFloor), p.prepareOptions, p.verifyOptions);
  const expectations = p.mode === 'merge' ? mergeExpectations(expected, p.prepareOptions.extras) : expected;
  // Layers this machine's runs have read before (RUNNER_TEMP: this job; elsewhere the cache root).
  const summaries = layerSummaries(layerSummariesDir(facts.runnerTemp, facts.defaultCacheRoot), (why) => deps.log.info(why));
  const report = await deps.log.group(`Verify ${target.label} offline, per platform`, () =>
    verifyImage(target.target, expectations, { log: deps.log, tempDir: facts.workDir, summaries, transport }),
  );
  // verify --attestation: the attestation checked against what was just read (src/attest/).
  if (p.mode === 'verify' && p.attestation && p.attestation.mode !== 'ignore' && report.ok) {
    const check = p.attestation;
    if (target.target.kind !== 'registry') {
      if (check.mode === 'required') throw new VerifyError({ what: `--attestation required: ${target.label} is not in a registry, and only the registry's attestation is checked so far`, fix: 'verify the image in its registry (--images name@sha256:…), or use --attestation if-present' });
      deps.log.notice(`${target.label}: attestations are checked in a registry only so far; not checked here`);
    } else {
      const [{ checkAttestation }, { openRepository }] = await Promise.all([import('../attest/check-attestation.js'), import('../oci/repository.js')]);
      const name = target.target.reference.replace(/@sha256:[0-9a-f]{64}$/, '').replace(/:[^:/]+$/, '');
      await deps.log.group(`Check the attestation of ${name}@${report.digest}`, () => checkAttestation(openRepository(name, { dockerConfig: facts.dockerConfig, transport }), report, check, deps.log));
    }
  }
  return report;
}

function credentialsFor(facts: PipelineFacts): (registry: string) => Promise<RegistryCredentials | undefined> {
  return async (registry) => {
    const { dockerCredentials } = await import('../oci/docker-credentials.js');
    try {
      return await dockerCredentials(facts.dockerConfig)(registry);
    } catch (error) {
      throw new BuildError(
        { what: `cannot get the credentials for ${registry} from the Docker config`, got: (error as Error).message, fix: 'check credsStore/credHelpers in config.json (DOCKER_CONFIG) and that the docker-credential-* program is on PATH, or log in again' },
        { cause: error },
      );
    }
  };
}

export async function registryStep(p: Plan, options: BuildOptions, prepared: PrepareResult, facts: PipelineFacts, deps: PipelineDeps): Promise<RegistryEngineOutcome & { readonly attested?: Attested }> {
  const [{ registryBuild }, transport, { expectationsOf }, { layerBlobCache }, { imageSet }] = await Promise.all([
    import('../build/registry-engine.js'), registryTransport(p), import('./expectations.js'), import('../oci/layer-blob-cache.js'), import('../base-floor/image-set.js'),
  ]);
  // The files carried from the base (src/base-floor) join the layer and the expectations.
  const image = imageSet(prepared, p.baseFloor);
  const expectations = expectationsOf(options.cachePath, image, p.prepareOptions, p.verifyOptions);
  // Compressed layers are kept beside the verifier's layer summaries (the folder cache-dir may not hold).
  const layerCache = layerBlobCache(join(layerSummariesDir(facts.runnerTemp, facts.defaultCacheRoot), 'layers'), (why) => deps.log.info(why));
  // With attest-key, the signed attestation goes up after verification, before the tags (src/attest/).
  let attested: Attested | undefined;
  const attest = p.mode === 'build' && p.buildEngine === 'registry' ? p.attest : undefined;
  const beforeTag = attest
    ? async (copy: VerifiedCopy) => {
        const { attestImage } = await import('../attest/attest-image.js');
        attested = await attestImage(attest, copy, { gateway: p.gateway.profile.name, files: image.manifest.files, carried: p.baseFloor?.carried.map((c) => c.file.cacheFile), sourceDateEpoch: options.sourceDateEpoch }, deps.log);
      }
    : undefined;
  const outcome = await deps.log.group(`Registry engine: append the encoder layer to ${options.mode.kind === 'overlay' ? options.mode.baseImage : '?'} (${options.platforms.join(', ')})`, () =>
    registryBuild(options, image, expectations, { log: deps.log, credentials: credentialsFor(facts), layerCache, transport, ...(beforeTag ? { beforeTag } : {}) }),
  );
  if (!attested) return outcome;
  const { writeStatementFile } = await import('../attest/statement-file.js');
  const path = await writeStatementFile(attestationsDir(facts.runnerTemp, facts.defaultCacheRoot), attested.subjectDigest, attested.statement);
  return { ...outcome, attested: { ...attested, path } };
}

export async function cacheImageStep(p: Plan, options: CacheImagePlan, prepared: PrepareResult, facts: PipelineFacts, deps: PipelineDeps) {
  const [{ pushCacheImage }, transport, { expectationsOf }] = await Promise.all([import('../build/cache-image.js'), registryTransport(p), import('./expectations.js')]);
  // The cache image is a folder to copy from, not the gateway's image: no gateway rule applies to it.
  const { gateway: _notTheGateway, ...verifyOptions } = p.verifyOptions;
  return pushCacheImage(options, prepared, expectationsOf(options.cachePath, prepared, p.prepareOptions, verifyOptions), { log: deps.log, credentials: credentialsFor(facts), transport });
}

/** What the build step loads and looks up before it can start buildx. */
export interface BuildxStepParts {
  readonly build: typeof import('../build/build.js').build;
  readonly openLayoutRun: typeof import('../build/layout-pool.js').openLayoutRun;
  readonly buildx: string | undefined;
}

/**
 * Loads the build step's modules and finds the buildx plugin (buildx-binary.ts): started as soon
 * as the inputs are valid, so it is done while prepare runs. A docker CLI of the caller's own
 * choosing is run as it is.
 */
export async function buildxStepParts(facts: PipelineFacts, deps: PipelineDeps): Promise<BuildxStepParts> {
  const { build, openLayoutRun, buildxBinary } = await import('./buildx-modules.js');
  const buildx = deps.docker === undefined ? await buildxBinary(facts.processEnv, facts.dockerConfig) : undefined;
  return { build, openLayoutRun, buildx };
}

/** The folder a buildx build keeps its context, metadata and overlay Dockerfile in. */
export function buildDir(facts: PipelineFacts): string {
  return join(facts.workDir, 'build');
}

/**
 * buildx build, from a context staged beside prepare, or else staged from cache-dir now. On
 * Engine's builder the image goes into a layout folder seeded with the blobs earlier runs kept
 * (layout-pool.ts), removed once the run is done with it (`close`).
 */
export async function buildxStep(
  p: Extract<Plan, { mode: 'build'; buildEngine: 'buildx' }>,
  context: StagedContext | PrepareResult,
  facts: PipelineFacts,
  deps: PipelineDeps,
  onLayout: (close: () => Promise<void>) => void,
  parts: Promise<BuildxStepParts> = buildxStepParts(facts, deps),
): Promise<BuildResult> {
  const { build, openLayoutRun, buildx } = await parts;
  const tempDir = buildDir(facts);
  // Files carried from the base (src/base-floor) join the staged context before buildx starts.
  const floor = p.baseFloor?.carried.length ? p.baseFloor : undefined;
  const staged = floor ? await (await import('../base-floor/stage-carried.js')).stageCarried(context, p.buildOptions.cachePath, floor, tempDir) : 'dir' in context ? context.dir : undefined;
  const from = staged !== undefined ? { staged } : (context as PrepareResult);
  return build(p.buildOptions, from, {
    log: deps.log,
    docker: deps.docker,
    buildx,
    tempDir,
    engine: p.engine,
    dockerConfig: facts.dockerConfig,
    transport: await registryTransport(p),
    openLayout: async () => {
      const run = await openLayoutRun(engineBlobsDir(facts.runnerTemp, facts.defaultCacheRoot), tempDir, (why) => deps.log.info(why));
      onLayout(run.close);
      return run;
    },
  });
}
