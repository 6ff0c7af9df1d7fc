// The one reader of raw inputs. Every input of a run is parsed and checked here, before
// anything touches git, Docker, the network or a registry: what to do (prepare, build, merge,
// verify) and the typed options for it. Then, only for a valid build or merge, git is asked
// what HEAD is, the engine what it can do, and the base image's registry which platforms it
// has. Each mode's runner takes only its plan.
// The build and merge parsers are loaded only when a run builds or merges: a prepare run (the
// warm path) never parses them.
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { BuildEngine } from '../build/engine-input.js';
import type { EngineFacts } from '../build/engine-facts.js';
import type { GitFacts, GitNeeds } from '../build/git-facts.js';
import type { MergeOptions } from '../build/merge-inputs.js';
import type { BuildDraft, BuildOptions } from '../build/options.js';
import { InputError } from '../errors.js';
import type { RawInputs } from '../inputs/names.js';
import { parseBoolean, parseList } from '../inputs/scalars.js';
import type { Logger } from '../log/logger.js';
import { checkLayout } from '../encoders/layout.js';
import { selectFiles } from '../encoders/selection.js';
import { checkCacheDir } from '../prepare/check-cache-dir.js';
import { parsePrepareInputs, type PrepareOptions } from '../prepare/options.js';
import { inputSecrets } from '../proxy/input-secrets.js';
import { urlSecrets } from '../proxy/redact.js';
import { proxySecrets } from '../proxy/settings.js';
import type { ReadPlatforms } from '../build/platforms.js';
import type { ReadBaseFacts } from '../gateways/auto.js';
import { checkGatewayInputs, gatewayInputs, namedGateway, readGatewayInput, type GatewayChoice } from '../gateways/gateway-input.js';
import { withImageEnv } from '../gateways/image-env.js';
import { PROFILES } from '../gateways/profiles.js';
import type { BaseFloor } from '../base-floor/decide.js';
import type { FloorRequest } from '../base-floor/plan-floor.js';
import type { VerifyOptions } from './expectations.js';
import { parseVerifyInputs } from './verify-options.js';
import type { AttestPlan } from '../attest/attest-inputs.js';
import type { AttestationCheck } from '../attest/check-attestation.js';
import type { RunFacts } from '../attest/statement.js';

export type Mode = 'prepare' | 'build' | 'merge' | 'verify';

export interface PlanFacts {
  /** RUNNER_TEMP in Actions; absent elsewhere. */
  readonly runnerTemp?: string | undefined;
  /** Where things live outside Actions (the XDG cache folder). */
  readonly defaultCacheRoot: string;
  readonly processEnv: Readonly<Record<string, string | undefined>>;
  /** HEAD's facts (sha, tag, commit time), asked only for valid builds and merges. */
  readonly git: (needs: GitNeeds) => Promise<GitFacts>;
  readonly repositoryUrl?: string | undefined;
  /** `verify` (CLI) checks an existing image and builds nothing; otherwise the inputs decide. */
  readonly verifyOnly?: boolean;
  /** Contents of the Docker client config (registry credentials for reading base images). */
  readonly dockerConfig?: string | undefined;
  /** The process's current folder and the run's work folder: cache-dir may not hold them. */
  readonly cwd?: string | undefined;
  readonly workDir?: string | undefined;
  /** The run as the runner names it (src/attest/run-facts.ts), for the attestation. */
  readonly run?: RunFacts | undefined;
}

export interface PlanDeps {
  readonly log: Logger;
  /** Hide a value in every later log line (core.setSecret / the CLI mask). */
  readonly addSecret: (secret: string) => void;
  readonly docker?: string | undefined;
  /** What the engine can do (default: `docker buildx inspect` + `docker info`). */
  readonly probeEngine?: (builder: string | undefined, options: { store: boolean }) => Promise<EngineFacts>;
  /** An image's platforms (default: read from its registry). */
  readonly readPlatforms?: ReadPlatforms;
  /** `gateway: auto`: base-image's platforms and config, in one pass (default: its registry, layout or archive). */
  readonly readBaseFacts?: ReadBaseFacts;
  /** What an overlay's base serves and what the image carries from it (default: read from the base, base-floor/plan-floor.ts). */
  readonly readFloor?: (request: FloorRequest) => Promise<BaseFloor | undefined>;
  /**
   * Called once every input of a buildx build is known valid, before git, the engine and the
   * base's registry are asked: what the run may start meanwhile (the pipeline's prepare, whose
   * network calls wait for the plan, and the build context staged beside it). `overlay` and
   * `cachePath` say how that context is laid out (stage-cache.ts contextLayout).
   */
  readonly inputsValid?: (prepareOptions: PrepareOptions, context: { readonly overlay: boolean; readonly cachePath: string }) => void;
}

/** Where verification reads the image in `verify` mode. */
/** `verify --images docker-daemon:name:tag` reads the local engine (skopeo's name for it). */
export const ENGINE_PREFIX = 'docker-daemon:';

/** What `verify` reads: an OCI archive, an image in its registry (by tag or digest), or the local engine. */
export type VerifySource =
  | { readonly kind: 'archive'; readonly path: string }
  | { readonly kind: 'image'; readonly reference: string }
  | { readonly kind: 'engine'; readonly reference: string };

export interface MergePlan extends MergeOptions {
  readonly builder?: string;
  readonly verify: boolean;
}

interface Common {
  readonly prepareOptions: PrepareOptions;
  /** Where the files live in the image (verification looks there). */
  readonly cachePath: string;
  /** Which consumers must read the files, and whether the encoder set comes from the image. */
  readonly verifyOptions: VerifyOptions;
  /** `cache-image`: the verified cache folder pushed as a one-layer image. */
  readonly cacheImage?: CacheImagePlan;
  /** The gateway profile the run follows (src/gateways/), and how it was chosen. */
  readonly gateway: GatewayChoice;
  /** Overlay mode: what the base serves, and the files carried from it (src/base-floor). */
  readonly baseFloor?: BaseFloor;
}

/** What `cache-image` pushes: the same layer as the registry engine, one manifest per platform. */
export interface CacheImagePlan {
  readonly reference: string;
  readonly cachePath: string;
  readonly platforms: readonly string[];
  readonly labels: readonly (readonly [string, string])[];
  readonly sourceDateEpoch?: number | undefined;
  readonly verify: boolean;
}

export type Plan =
  | (Common & { readonly mode: 'prepare' })
  | (Common & { readonly mode: 'build'; readonly buildOptions: BuildOptions; readonly buildEngine: 'buildx'; readonly engine: EngineFacts; readonly attest?: AttestPlan })
  | (Common & { readonly mode: 'build'; readonly buildOptions: BuildOptions; readonly buildEngine: 'registry'; readonly engine?: undefined; readonly attest?: AttestPlan })
  | (Common & { readonly mode: 'merge'; readonly merge: MergePlan })
  | (Common & { readonly mode: 'verify'; readonly source?: VerifySource; readonly attestation?: AttestationCheck });

const DEFAULT_CACHE_PATH = '/tiktoken_cache';

function plainCachePath(raw: RawInputs): string {
  const value = raw('cache-path').trim() || DEFAULT_CACHE_PATH;
  if (!value.startsWith('/') || /[\r\n\0]/.test(value)) {
    throw new InputError('cache-path', { got: JSON.stringify(value), expected: 'an absolute folder inside the image, e.g. /tiktoken_cache', fix: 'set cache-path to the folder the image was built with' });
  }
  return value.length > 1 ? value.replace(/\/+$/, '') : value;
}

function verifySource(raw: RawInputs): VerifySource | undefined {
  const archive = raw('archive').trim();
  if (archive) return { kind: 'archive', path: archive };
  const reference = parseList(raw('images'))[0];
  if (!reference) return undefined;
  return reference.startsWith(ENGINE_PREFIX) ? { kind: 'engine', reference: reference.slice(ENGINE_PREFIX.length) } : { kind: 'image', reference };
}

/** The parsers only a build needs. */
async function buildParsers() {
  return import('../build/build-parsers.js');
}

/** Secret files must exist and secret variables be set: checked before anything runs. */
async function checkSecretSources(draft: BuildDraft, env: PlanFacts['processEnv'], addSecret: PlanDeps['addSecret']): Promise<void> {
  for (const secret of draft.buildSecrets) {
    if (secret.from === 'value') addSecret(secret.value);
    if (secret.from === 'env') {
      const value = env[secret.env];
      if (value === undefined || value === '') {
        throw new InputError('secret-envs', { got: `${secret.id}=${secret.env}`, expected: `the environment variable ${secret.env} set and not empty`, fix: `set ${secret.env} in the step's env: (e.g. env: ${secret.env}: \${{ secrets.… }})` });
      }
      addSecret(value);
    }
    if (secret.from === 'file') {
      const info = await stat(secret.path).catch(() => undefined);
      if (!info?.isFile()) {
        throw new InputError('secret-files', { got: `${secret.id}=${secret.path}`, expected: 'the path of a readable file', fix: 'write the secret to that file first, or fix the path' });
      }
    }
  }
}

/** The registry images whose platforms must cover the build's, with the skipped FROMs logged. */
async function baseImages(draft: BuildDraft, log: Logger, { CACHE_CONTEXT, dockerfileFromImages }: Awaited<ReturnType<typeof buildParsers>>): Promise<readonly string[]> {
  if (draft.mode.kind === 'overlay') return [draft.mode.baseImage];
  const { context } = draft.mode;
  if (/^[a-z]+:\/\//i.test(context) || context.startsWith('git@')) {
    log.info('platform check skipped: the build context is remote, its Dockerfile is read by buildx');
    return [];
  }
  const file = draft.mode.file !== undefined ? resolve(draft.mode.file) : join(resolve(context), 'Dockerfile');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return [];
  const contexts = [CACHE_CONTEXT, ...draft.flags.buildContexts.map(([name]) => name)];
  const { images, skipped } = dockerfileFromImages(text, draft.userBuildArgs, contexts);
  for (const { ref, why } of skipped) log.info(`platform check: FROM ${ref} skipped (${why})`);
  return images;
}

export async function plan(raw: RawInputs, facts: PlanFacts, deps: PlanDeps): Promise<Plan> {
  // First, before any parser can quote a value in an error: every credential is masked.
  for (const secret of inputSecrets(raw, facts.processEnv)) deps.addSecret(secret);
  // The gateway profile fills encoders and consumers when they are empty; `auto` is resolved
  // (and these parsed again) once every input is known valid and base-image is read.
  const verifyOnly = facts.verifyOnly ?? false;
  const request = readGatewayInput(raw, { verifyOnly });
  let gateway = request.kind === 'named' ? request.choice : namedGateway(PROFILES.generic, 'auto, before base-image is read');
  const parseFor = (choice: GatewayChoice): { prepareOptions: PrepareOptions; verifyOptions: VerifyOptions } => {
    const inputs = gatewayInputs(raw, choice.profile, { verifyOnly });
    const prepare = parsePrepareInputs(inputs, { runnerTemp: facts.runnerTemp, defaultCacheRoot: facts.defaultCacheRoot, processEnv: facts.processEnv, cwd: facts.cwd, workDir: facts.workDir });
    return { prepareOptions: prepare, verifyOptions: { ...parseVerifyInputs(inputs, verifyOnly), gateway: choice.profile } };
  };
  let { prepareOptions, verifyOptions } = parseFor(gateway);
  const checkGateway = (making: boolean, cachePath: string): void => checkGatewayInputs(raw, gateway.profile, { making, cachePath, encodings: prepareOptions.encodings });
  if (request.kind === 'named' && gateway.profile.name !== 'generic') deps.log.info(`gateway: ${gateway.profile.name}${gateway.profile.note ? ` (${gateway.profile.note})` : ''}`);
  for (const secret of [...proxySecrets(prepareOptions.proxy), ...urlSecrets(prepareOptions.mirror), ...prepareOptions.extras.flatMap((e) => urlSecrets(e.url))]) {
    deps.addSecret(secret);
  }
  // `verify` reads an existing image: `images` holds a full reference there, so the build's
  // input rules do not apply.
  if (facts.verifyOnly) {
    const source = verifySource(raw);
    const cachePath = plainCachePath(raw);
    checkGateway(false, cachePath);
    const attestation = await (await import('../attest/check-inputs.js')).parseAttestationCheck(raw);
    return { mode: 'verify', prepareOptions, verifyOptions, cachePath, gateway, ...(source ? { source } : {}), attestation };
  }

  const mergeDraft = raw('merge-digests').trim() === '' ? undefined : (await import('../build/merge-inputs.js')).readMergeInputs(raw);
  if (mergeDraft) {
    const [{ resolveMerge }, { indexAnnotationArgs, parseAnnotations }] = await Promise.all([import('../build/merge-inputs.js'), import('../build/annotations.js')]);
    const verify = parseBoolean('verify', raw('verify'), true);
    const builder = raw('builder').trim();
    const cachePath = plainCachePath(raw);
    checkGateway(false, cachePath);
    const given = parseAnnotations(raw('annotations'));
    indexAnnotationArgs(given); // checked before git is asked
    // A created annotation (metadata-action's clock time) is pinned as in builds (created.ts).
    const keepCreated = parseBoolean('keep-created', raw('keep-created'), false);
    const { CREATED_KEY, pinCreated } = await import('../build/created.js');
    const pinsCreated = !keepCreated && given.some((a) => a.key === CREATED_KEY);
    const givenEpoch = pinsCreated ? (await import('../build/options.js')).parseEpoch(raw('source-date-epoch'), undefined) : undefined;
    for (const notice of mergeDraft.naming.notices) deps.log.notice(notice);
    const needs = { ref: mergeDraft.naming.givenVersion === undefined, commitTime: pinsCreated && givenEpoch === undefined };
    const git = needs.ref || needs.commitTime ? await facts.git(needs) : {};
    const pinned = pinCreated({ labels: [], annotations: given }, givenEpoch ?? git.commitTime, keepCreated);
    if (pinned.notice) deps.log.notice(pinned.notice);
    const annotations = indexAnnotationArgs(pinned.annotations);
    const merge = resolveMerge(mergeDraft, { gitRef: git.ref, sha: git.sha });
    return {
      mode: 'merge',
      prepareOptions,
      verifyOptions,
      cachePath,
      gateway,
      merge: { ...merge, ...(annotations.length > 0 ? { annotations } : {}), ...(builder ? { builder } : {}), verify },
    };
  }
  // cache-dir is checked here, before the engine is asked anything or a byte is fetched.
  await checkCacheDir(prepareOptions.cacheDir, prepareOptions.guardedDirs);
  await checkLayout(prepareOptions.cacheDir, selectFiles(prepareOptions.encodings, prepareOptions.extras));
  const cacheImageRef = raw('cache-image').trim() === '' ? undefined : (await import('../build/cache-image-input.js')).parseCacheImage(raw);
  if (!parseBoolean('build', raw('build'), true)) {
    const cachePath = plainCachePath(raw);
    checkGateway(true, cachePath);
    const cacheImage: CacheImagePlan | undefined = cacheImageRef
      ? { reference: cacheImageRef, cachePath, platforms: (await import('../build/platforms.js')).parsePlatforms(raw('platforms') || 'linux/amd64,linux/arm64'), labels: [], verify: parseBoolean('verify', raw('verify'), true) }
      : undefined;
    return { mode: 'prepare', prepareOptions, verifyOptions, cachePath, gateway, ...(cacheImage ? { cacheImage } : {}) };
  }
  const parsers = await buildParsers();
  const { parseEngine, readBuildInputs, resolveBuildOptions, checkRegistryEngine, checkBasePlatforms, checkBuilderPlatforms, probeEngine } = parsers;
  const buildEngine: BuildEngine = parseEngine(raw);

  const draft = readBuildInputs(raw, { proxy: prepareOptions.proxy, cacheDir: prepareOptions.cacheDir });
  await checkSecretSources(draft, facts.processEnv, deps.addSecret);
  // The signing key is opened now: a bad key or password fails before any request.
  const attest = await attestPlan(raw, draft, facts);
  // Every input is valid: `auto` reads base-image's config now (its platforms in the same pass).
  let readPlatforms = deps.readPlatforms;
  if (request.kind === 'auto' && draft.mode.kind === 'overlay') {
    const base = draft.mode.baseImage;
    const { autoGateway, defaultReadBaseFacts } = await import('../gateways/auto.js');
    const read = deps.readBaseFacts ?? (await defaultReadBaseFacts({ dockerConfig: facts.dockerConfig, transport: (await import('../http/http-request.js')).httpTransport(prepareOptions.proxy) }));
    const found = await autoGateway(base, draft.platforms, read, deps.log);
    gateway = found.choice;
    ({ prepareOptions, verifyOptions } = parseFor(gateway));
    await checkLayout(prepareOptions.cacheDir, selectFiles(prepareOptions.encodings, prepareOptions.extras));
    const fallback = readPlatforms;
    readPlatforms = async (ref) => (ref === base ? [...found.platforms] : (fallback ?? (await defaultReadPlatforms(facts, prepareOptions)))(ref));
  }
  checkGateway(true, draft.cachePath);
  const images = await baseImages(draft, deps.log, parsers);
  for (const notice of draft.naming.notices) deps.log.notice(notice);

  // Overlay mode: what the base serves, read before anything is built (base-floor/plan-floor.ts).
  const floorOf = async (platforms: readonly string[] | undefined, engine: BuildEngine): Promise<BaseFloor | undefined> => {
    if (draft.mode.kind !== 'overlay' || !platforms) return undefined;
    const request: FloorRequest = { baseImage: draft.mode.baseImage, engine, platforms, cachePath: draft.cachePath, readers: verifyOptions.consumers, selection: prepareOptions };
    if (deps.readFloor) return deps.readFloor(request);
    const [{ readBaseFloor }, { httpTransport }, { layerSummariesDir }] = await Promise.all([import('../base-floor/plan-floor.js'), import('../http/http-request.js'), import('../cache/kept-folders.js')]);
    const summariesDir = layerSummariesDir(facts.runnerTemp, facts.defaultCacheRoot);
    return readBaseFloor(request, { log: deps.log, transport: httpTransport(prepareOptions.proxy), dockerConfig: facts.dockerConfig, summariesDir });
  };

  if (buildEngine === 'registry') {
    // No Docker at all: the engine is not probed; a base in an OCI layout or archive is read by the engine itself.
    const git = await facts.git(gitNeeds(draft));
    const registryBases = images.filter((image) => !/^oci-(layout|archive):\/\//.test(image));
    const read = readPlatforms ?? (await defaultReadPlatforms(facts, prepareOptions));
    const basePlatforms = await checkBasePlatforms({ images: registryBases, platforms: draft.platforms }, read, deps.log);
    const buildOptions = withImageEnv(resolveBuildOptions(draft, { gitRef: git.ref, sha: git.sha, commitTime: git.commitTime, repositoryUrl: facts.repositoryUrl, engineLoadsMultiPlatform: true, basePlatforms }), gateway);
    checkRegistryEngine(buildOptions, raw);
    if (buildOptions.createdNotice) deps.log.notice(buildOptions.createdNotice);
    for (const secret of buildOptions.secrets) deps.addSecret(secret);
    const baseFloor = await floorOf(buildOptions.platforms, 'registry');
    const cacheImage = cacheImageRef ? cacheImagePlan(cacheImageRef, buildOptions) : undefined;
    return { mode: 'build', prepareOptions, verifyOptions, cachePath: buildOptions.cachePath, gateway, buildOptions, buildEngine, ...(cacheImage ? { cacheImage } : {}), ...(baseFloor ? { baseFloor } : {}), ...(attest ? { attest } : {}) };
  }

  // Every input is valid: now ask git, the engine and the base's registry, all at once (and
  // let the caller start the work that needs no answer from them: a warm prepare).
  deps.inputsValid?.(prepareOptions, { overlay: draft.mode.kind === 'overlay', cachePath: draft.cachePath });
  const probe = deps.probeEngine ?? ((builder, options) => probeEngine({ log: deps.log, docker: deps.docker }, builder, options));
  const readBase = async () => {
    const platforms = await checkBasePlatforms({ images, platforms: draft.platforms }, readPlatforms ?? (await defaultReadPlatforms(facts, prepareOptions)), deps.log);
    return { platforms, floor: await floorOf(draft.platforms ?? platforms, 'buildx') };
  };
  const [engine, git, { platforms: basePlatforms, floor: baseFloor }] = await inOrder([engineFacts(draft, facts, deps.probeEngine ? undefined : parsers).then((known) => known ?? probe(draft.builder, { store: draft.load })), facts.git(gitNeeds(draft)), readBase()] as const);
  const buildOptions = withImageEnv(resolveBuildOptions(draft, {
    gitRef: git.ref,
    sha: git.sha,
    commitTime: git.commitTime,
    repositoryUrl: facts.repositoryUrl,
    engineLoadsMultiPlatform: engine.loadsMultiPlatform,
    basePlatforms,
  }), gateway);
  checkBuilderPlatforms(engine, buildOptions.platforms);
  if (buildOptions.createdNotice) deps.log.notice(buildOptions.createdNotice);
  for (const secret of buildOptions.secrets) deps.addSecret(secret);
  const cacheImage = cacheImageRef ? cacheImagePlan(cacheImageRef, buildOptions) : undefined;
  return { mode: 'build', prepareOptions, verifyOptions, cachePath: buildOptions.cachePath, gateway, buildOptions, buildEngine, engine, ...(cacheImage ? { cacheImage } : {}), ...(baseFloor ? { baseFloor } : {}), ...(attest ? { attest } : {}) };
}

/** attest-key (src/attest/): loaded and opened only when given. */
async function attestPlan(raw: RawInputs, draft: BuildDraft, facts: PlanFacts): Promise<AttestPlan | undefined> {
  if (raw('attest-key').trim() === '' && raw('attest-key-password') === '') return undefined;
  return (await import('../attest/attest-inputs.js')).parseAttestInputs(raw, draft, facts.run ?? {});
}

/** Git is asked only for what the inputs left open: the version and the epoch. */
function gitNeeds(draft: BuildDraft): GitNeeds {
  return { ref: draft.naming.givenVersion === undefined, commitTime: draft.givenEpoch === undefined };
}

/**
 * An overlay build that loads nothing needs only the builder's driver: read from buildx's store
 * for a named builder (builder-store.ts), so the build does not wait for `buildx inspect`.
 * Undefined: ask buildx (Dockerfile mode checks the builder's platforms; loads its image store).
 */
async function engineFacts(draft: BuildDraft, facts: PlanFacts, store: Pick<typeof import('../build/builder-store.js'), 'storedBuilderFacts' | 'buildxStoreDir'> | undefined): Promise<EngineFacts | undefined> {
  if (!store || draft.mode.kind !== 'overlay' || draft.load) return undefined;
  return store.storedBuilderFacts(draft.builder, store.buildxStoreDir(facts.processEnv));
}

/** Promise.all, but when several fail the first one listed wins (the same error on every run). */
async function inOrder<T extends readonly unknown[]>(promises: { readonly [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(promises);
  for (const outcome of settled) if (outcome.status === 'rejected') throw outcome.reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

function cacheImagePlan(reference: string, options: BuildOptions): CacheImagePlan {
  return { reference, cachePath: options.cachePath, platforms: options.platforms, labels: options.labels, sourceDateEpoch: options.sourceDateEpoch, verify: options.verify };
}

async function defaultReadPlatforms(facts: PlanFacts, prepareOptions: PrepareOptions): Promise<ReadPlatforms> {
  const [{ registryPlatforms }, { httpTransport }] = await Promise.all([import('../oci/base-platforms.js'), import('../http/http-request.js')]);
  return registryPlatforms({ dockerConfig: facts.dockerConfig, transport: httpTransport(prepareOptions.proxy) });
}
