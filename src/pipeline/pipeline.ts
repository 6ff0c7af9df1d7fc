// One run of the action or the CLI: plan (every input validated), then prepare → build (or
// merge) → verify → publish. Nothing is tagged before every platform passed verification: the
// build pushes by digest or writes an archive, verification reads exactly that, and only then
// publish creates the tags (or loads the image). A failed verification leaves every existing tag
// where it was and says where the unpublished digest can be inspected. The run never throws: it returns what it got so far plus the error, so the
// entry can still set outputs (drift=true…) and write the job summary before failing.
// Steps a run may not need (downloads, buildx, imagetools, reading images, verification's
// expectations) are loaded when used: a warm prepare parses none of them.
import { join } from 'node:path';
import type { BuildResult } from '../build/build.js';
import type { BuildOptions } from '../build/options.js';
import type { TagState } from '../build/publish.js';
import type { RegistryEngineOutcome } from '../build/registry-engine.js';
import type { RegistryCredentials } from '../oci/docker-credentials.js';
import type { MergeResult } from '../build/merge.js';
import type { ActionsCachePort } from '../cache/actions-cache.js';
import type { ToolCachePort } from '../cache/tool-cache.js';
import type { DownloadFn } from '../prepare/download-port.js';
import { BuildError, DriftError, InputError, type DriftedFile } from '../errors.js';
import type { VerificationReport } from '../image/report.js';
import type { RawInputs } from '../inputs/names.js';
import type { PrepareOptions } from '../prepare/options.js';
import { pinSetKey, prepare } from '../prepare/prepare.js';
import type { PrepareResult } from '../prepare/result.js';
import { stagingRoot } from '../prepare/staging.js';
import { proxyEnvironment } from '../proxy/settings.js';
import { plan, type CacheImagePlan, type Mode, type Plan, type PlanDeps, type PlanFacts } from './plan.js';

export type { Mode } from './plan.js';

export interface PipelineFacts extends PlanFacts {
  /** A private working folder for this run (staging, metadata, overlay Dockerfile). */
  readonly workDir: string;
}

export interface PipelineDeps extends PlanDeps {
  /** Put proxy variables into the process environment, where @actions/http-client reads them. */
  readonly applyEnvironment: (env: Readonly<Record<string, string>>) => void;
  readonly toolCache: ToolCachePort;
  readonly actionsCache: ActionsCachePort;
}

export interface PipelineResult {
  readonly mode: Mode;
  readonly prepareOptions?: PrepareOptions;
  readonly prepared?: PrepareResult;
  readonly drift?: readonly DriftedFile[];
  readonly buildOptions?: BuildOptions;
  readonly built?: BuildResult;
  readonly merged?: MergeResult;
  readonly verification?: VerificationReport;
  /** Per tag (registry or local store): created or not, and why not. */
  readonly published?: readonly TagState[];
  readonly pinSetKey?: string;
  /** What the image is stamped with (the version, labels and annotations outputs). */
  readonly stamp?: Stamp;
  /** `cache-image` pushed (tagged only when verified). */
  readonly cacheImage?: { readonly reference: string; readonly digest: string; readonly tagged: boolean };
  readonly error?: unknown;
}

export interface Stamp {
  readonly version?: string;
  /** `key=value` lines. */
  readonly labels: readonly string[];
  /** `--annotation` values as applied. */
  readonly annotations: readonly string[];
}

function stampOf(p: Plan): Stamp | undefined {
  if (p.mode === 'build') {
    const o = p.buildOptions;
    return { ...(o.version !== undefined ? { version: o.version } : {}), labels: o.labels.map(([k, v]) => `${k}=${v}`), annotations: o.annotations };
  }
  if (p.mode === 'merge') return { ...(p.merge.version !== undefined ? { version: p.merge.version } : {}), labels: [], annotations: p.merge.annotations ?? [] };
  return undefined;
}

const download: DownloadFn = async (request, dest, deps) => (await import('../download/download-file.js')).downloadFile(request, dest, deps);

/**
 * Network ports that wait for `gate`: a prepare started while the plan still asks the engine
 * and registries (plan's inputsValid) reads the tool cache at once, but fetches nothing and
 * touches no Actions cache until the plan is done, and nothing at all if it failed.
 */
function gatedPorts(gate: Promise<boolean>, deps: PipelineDeps): { actionsCache: ActionsCachePort; download: DownloadFn } {
  const open = async (): Promise<void> => {
    if (!(await gate)) throw new PlanFailed();
  };
  return {
    actionsCache: {
      restore: async (key, dir) => (await gate) && deps.actionsCache.restore(key, dir),
      save: async (key, dir) => ((await gate) ? deps.actionsCache.save(key, dir) : undefined),
    },
    download: async (request, dest, downloadDeps) => {
      await open();
      return download(request, dest, downloadDeps);
    },
  };
}

/** What a gated prepare throws when the plan failed: never shown (the plan's error is). */
class PlanFailed extends Error {}

async function prepareStep(prepareOptions: PrepareOptions, facts: PipelineFacts, deps: PipelineDeps, gate?: Promise<boolean>): Promise<PrepareResult> {
  deps.applyEnvironment(proxyEnvironment(prepareOptions.proxy));
  const ports = gate ? gatedPorts(gate, deps) : { actionsCache: deps.actionsCache, download };
  return deps.log.group('Prepare the verified encoder cache', () =>
    prepare(prepareOptions, {
      log: deps.log,
      toolCache: deps.toolCache,
      ...ports,
      // A fixed root: each run stages in its own folder under it, but the Actions cache matches
      // entries on the hand-off path inside it (see src/prepare/staging.ts).
      stagingDir: stagingRoot(facts.runnerTemp, facts.defaultCacheRoot),
    }),
  );
}

async function mergeStep(p: Extract<Plan, { mode: 'merge' }>, facts: PipelineFacts, deps: PipelineDeps): Promise<MergeResult> {
  const [{ mergeImages }, { runDocker }] = await Promise.all([import('../build/merge.js'), import('../build/run.js')]);
  return deps.log.group('Merge the per-platform digests into one index (pushed by digest, no tags yet)', async () =>
    mergeImages(p.merge, {
      run: (argv, options) => runDocker(argv, { log: deps.log, docker: deps.docker }, options),
      builder: p.merge.builder,
      log: deps.log,
      dockerConfig: facts.dockerConfig,
      fetch: await registryFetch(p),
    }),
  );
}

async function registryFetch(p: Plan): Promise<typeof fetch | undefined> {
  return (await import('../proxy/proxy-fetch.js')).proxiedFetch(p.prepareOptions.proxy);
}

/** Where the image that was not published can be looked at. */
function unpublishedAt(result: PipelineResult): string {
  const digest = result.merged?.digest ?? result.built?.digest ?? '(no digest)';
  const pushed = result.merged ? [`${result.merged.tags[0]?.replace(/:[^:/]+$/, '') ?? ''}@${digest}`] : (result.built?.digestRefs ?? (result.built?.root && result.buildOptions ? result.buildOptions.images.map((i) => `${i}@${digest}`) : []));
  const where = [...pushed, ...(result.built?.archive ? [`the OCI archive ${result.built.archive}`] : [])];
  return where.length > 0 ? `${digest}, at ${where.join(', ')}` : digest;
}

async function publishStep(p: Plan, result: PipelineResult, facts: PipelineFacts, deps: PipelineDeps): Promise<PipelineResult> {
  const { publish, tagInRegistry, assertPublished } = await import('../build/publish.js');
  const access = { log: deps.log, docker: deps.docker, dockerConfig: facts.dockerConfig, fetch: await registryFetch(p) };
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

async function verifyStep(p: Plan, result: PipelineResult, facts: PipelineFacts, deps: PipelineDeps): Promise<VerificationReport | undefined> {
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
  const [{ verifyImage }, { proxiedFetch }, { layerSummaries, layerSummariesDir }, { expectationsOf }] = await Promise.all([
    import('../image/verify-image.js'),
    import('../proxy/proxy-fetch.js'),
    import('../image/layer-summaries.js'),
    import('./expectations.js'),
  ]);
  const expectations = expectationsOf(p.cachePath, result.prepared, p.prepareOptions, p.verifyOptions);
  const fetch = proxiedFetch(p.prepareOptions.proxy);
  // Layers this machine's runs have read before (RUNNER_TEMP: this job; elsewhere the cache root).
  const summaries = layerSummaries(layerSummariesDir(facts.runnerTemp, facts.defaultCacheRoot), (why) => deps.log.info(why));
  return deps.log.group(`Verify ${target.label} offline, per platform`, () =>
    verifyImage(target.target, expectations, { log: deps.log, tempDir: facts.workDir, summaries, ...(fetch ? { fetch } : {}) }),
  );
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

async function registryStep(p: Plan, options: BuildOptions, prepared: PrepareResult, facts: PipelineFacts, deps: PipelineDeps): Promise<RegistryEngineOutcome> {
  const [{ registryBuild }, { proxiedFetch }, { expectationsOf }, { layerSummariesDir }, { layerBlobCache }] = await Promise.all([
    import('../build/registry-engine.js'), import('../proxy/proxy-fetch.js'), import('./expectations.js'), import('../image/layer-summaries.js'), import('../oci/layer-blob-cache.js'),
  ]);
  const fetch = proxiedFetch(p.prepareOptions.proxy);
  const expectations = expectationsOf(options.cachePath, prepared, p.prepareOptions, p.verifyOptions);
  // Compressed layers are kept beside the verifier's layer summaries (the folder cache-dir may not hold).
  const layerCache = layerBlobCache(join(layerSummariesDir(facts.runnerTemp, facts.defaultCacheRoot), 'layers'), (why) => deps.log.info(why));
  return deps.log.group(`Registry engine: append the encoder layer to ${options.mode.kind === 'overlay' ? options.mode.baseImage : '?'} (${options.platforms.join(', ')})`, () =>
    registryBuild(options, prepared, expectations, { log: deps.log, credentials: credentialsFor(facts), layerCache, ...(fetch ? { fetch } : {}) }),
  );
}

async function cacheImageStep(p: Plan, options: CacheImagePlan, prepared: PrepareResult, facts: PipelineFacts, deps: PipelineDeps) {
  const [{ pushCacheImage }, { proxiedFetch }, { expectationsOf }] = await Promise.all([import('../build/cache-image.js'), import('../proxy/proxy-fetch.js'), import('./expectations.js')]);
  const fetch = proxiedFetch(p.prepareOptions.proxy);
  return pushCacheImage(options, prepared, expectationsOf(options.cachePath, prepared, p.prepareOptions, p.verifyOptions), { log: deps.log, credentials: credentialsFor(facts), ...(fetch ? { fetch } : {}) });
}

export async function runPipeline(raw: RawInputs, facts: PipelineFacts, deps: PipelineDeps): Promise<PipelineResult> {
  let result: PipelineResult = { mode: 'prepare' };
  try {
    // A buildx build's prepare starts as soon as its inputs are valid, beside the plan's engine
    // and registry checks; its downloads and Actions cache calls wait for the plan to pass.
    let early: Promise<PrepareResult> | undefined;
    let planDone: (ok: boolean) => void = () => undefined;
    const gate = new Promise<boolean>((resolve) => (planDone = resolve));
    const inputsValid = (prepareOptions: PrepareOptions): void => {
      early = prepareStep(prepareOptions, facts, deps, gate);
      early.catch(() => undefined); // awaited below, or dropped with the plan's own error
    };
    let p: Plan;
    try {
      p = await plan(raw, facts, { ...deps, inputsValid });
      planDone(true);
    } catch (error) {
      planDone(false);
      await early?.catch(() => undefined); // nothing left running, nothing half-written
      throw error;
    }
    result = { mode: p.mode, prepareOptions: p.prepareOptions, pinSetKey: pinSetKey(p.prepareOptions), ...(p.mode === 'build' ? { buildOptions: p.buildOptions } : {}) };
    const stamp = stampOf(p);
    if (stamp) result = { ...result, stamp };

    if (p.mode === 'prepare' || p.mode === 'build') {
      try {
        result = { ...result, prepared: await (early ?? prepareStep(p.prepareOptions, facts, deps)), ...(p.prepareOptions.refresh ? { drift: [] } : {}) };
      } catch (error) {
        if (error instanceof DriftError) return { ...result, drift: error.drifted, error };
        throw error;
      }
    }
    if (p.mode === 'build' && p.buildEngine === 'registry' && result.prepared) {
      const outcome = await registryStep(p, p.buildOptions, result.prepared, facts, deps);
      const published = outcome.built.tags.map((ref): TagState => ({ ref, where: 'registry', published: true }));
      result = { ...result, built: outcome.built, published, ...(outcome.verification ? { verification: outcome.verification } : {}) };
      if (outcome.verification) (await import('../image/assert-verified.js')).assertVerified(outcome.verification);
    } else if (p.mode === 'build' && result.prepared) {
      const { build } = await import('../build/build.js');
      const built = await build(p.buildOptions, result.prepared, {
        log: deps.log,
        docker: deps.docker,
        tempDir: join(facts.workDir, 'build'),
        engine: p.engine,
        dockerConfig: facts.dockerConfig,
        fetch: await registryFetch(p),
      });
      result = { ...result, built };
    }
    if (p.mode === 'merge') {
      result = { ...result, merged: await mergeStep(p, facts, deps) };
    }

    if (p.cacheImage && result.prepared) {
      const pushed = await cacheImageStep(p, p.cacheImage, result.prepared, facts, deps);
      result = { ...result, cacheImage: { reference: pushed.reference, digest: pushed.digest, tagged: pushed.tagged } };
      if (pushed.verification) (await import('../image/assert-verified.js')).assertVerified(pushed.verification);
    }

    // The registry engine verified each copy before tagging it.
    const registryEngine = p.mode === 'build' && p.buildEngine === 'registry';
    const shouldVerify = !registryEngine && (p.mode === 'verify' || (p.mode === 'merge' ? p.merge.verify : p.mode === 'build' && p.buildOptions.verify));
    if (shouldVerify) {
      const verification = await verifyStep(p, result, facts, deps);
      if (verification) {
        result = { ...result, verification };
        if (!verification.ok) {
          const planned = p.mode === 'build' ? (await import('../build/publish.js')).plannedTags(p.buildOptions, 'verification failed') : (result.merged?.tags ?? []).map((ref) => ({ ref, where: 'registry' as const, published: false, reason: 'verification failed' }));
          result = { ...result, published: planned };
          deps.log.warning(`nothing was tagged or loaded: verification failed. The unpublished image is ${unpublishedAt(result)}`);
        }
        (await import('../image/assert-verified.js')).assertVerified(verification);
      }
    }
    // The registry engine tags (and names its archive) itself, after verifying.
    if ((p.mode === 'build' && !registryEngine) || p.mode === 'merge') result = await publishStep(p, result, facts, deps);
    return result;
  } catch (error) {
    return { ...result, error };
  }
}
