// One run of the action or the CLI: plan (every input validated), then prepare → build (or
// merge) → verify → publish. Nothing is tagged before every platform passed verification: the
// build pushes by digest or writes an archive, verification reads exactly that, and only then
// publish creates the tags (or loads the image). A failed verification leaves every existing tag
// where it was and says where the unpublished digest can be inspected. The run never throws: it returns what it got so far plus the error, so the
// entry can still set outputs (drift=true…) and write the job summary before failing.
// Steps a run may not need (downloads, buildx, imagetools, reading images, verification's
// expectations) are loaded when used: a warm prepare parses none of them.
import type { BuildResult } from '../build/build.js';
import type { BuildOptions } from '../build/options.js';
import type { TagState } from '../build/publish.js';
import type { MergeResult } from '../build/merge.js';
import type { ActionsCachePort } from '../cache/actions-cache.js';
import type { ToolCachePort } from '../cache/tool-cache.js';
import type { DownloadFn } from '../prepare/download-port.js';
import { DriftError, type DriftedFile } from '../errors.js';
import type { GatewayChoice } from '../gateways/gateway-input.js';
import type { Attested } from '../attest/attest-image.js';
import type { VerificationReport } from '../image/report.js';
import type { RawInputs } from '../inputs/names.js';
import type { PrepareOptions } from '../prepare/options.js';
import { pinSetKey, prepare } from '../prepare/prepare.js';
import type { PrepareResult } from '../prepare/result.js';
import { stagingRoot } from '../prepare/staging.js';
import { proxyEnvironment } from '../proxy/settings.js';
import { plan, type Mode, type Plan, type PlanDeps, type PlanFacts } from './plan.js';
import { contextBeside, checkSameManifest, showHeld, type ContextBeside } from './context-beside.js';
import { attestStep, buildDir, buildxStep, buildxStepParts, cacheImageStep, mergeStep, publishStep, registryStep, unpublishedAt, verifyStep, type BuildxStepParts } from './steps.js';

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
  /** The gateway profile the run followed, and how it was chosen. */
  readonly gateway?: GatewayChoice;
  /** The signed attestation attached before the tags (attest-key). */
  readonly attestation?: Attested;
  readonly error?: unknown;
}

export interface Stamp {
  readonly version?: string;
  /** `key=value` lines. */
  readonly labels: readonly string[];
  /** `--annotation` values as applied. */
  readonly annotations: readonly string[];
}

export function stampOf(p: Plan): Stamp | undefined {
  if (p.mode === 'build') {
    const o = p.buildOptions;
    const version = o.versionTag ?? o.version;
    return { ...(version !== undefined ? { version } : {}), labels: o.labels.map(([k, v]) => `${k}=${v}`), annotations: o.annotations };
  }
  if (p.mode === 'merge') {
    const version = p.merge.versionTag ?? p.merge.version;
    return { ...(version !== undefined ? { version } : {}), labels: [], annotations: p.merge.annotations ?? [] };
  }
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

async function prepareStep(prepareOptions: PrepareOptions, facts: PipelineFacts, deps: PipelineDeps, gate?: Promise<boolean>, beside?: ContextBeside): Promise<PrepareResult> {
  deps.applyEnvironment(proxyEnvironment(prepareOptions.proxy));
  const ports = gate ? gatedPorts(gate, deps) : { actionsCache: deps.actionsCache, download };
  const title = 'Prepare the verified encoder cache';
  const run = () => prepare(prepareOptions, {
    log: beside?.log ?? deps.log,
    toolCache: deps.toolCache,
    ...ports,
    // A fixed root: each run stages in its own folder under it, but the Actions cache matches
    // entries on the hand-off path inside it (see src/prepare/staging.ts).
    stagingDir: stagingRoot(facts.runnerTemp, facts.defaultCacheRoot),
    // The plan checked cache-dir's place and contents (checkCacheDir, checkLayout) just before.
    cacheDirChecked: true,
    ...(beside ? { onAcquired: beside.onAcquired } : {}),
  });
  if (!beside) return deps.log.group(title, run);
  // The section ends with prepare, or when the build starts beside it (later lines are held).
  let preparing: Promise<PrepareResult> | undefined;
  await deps.log.group(title, async () => {
    preparing = run();
    await Promise.race([preparing.then(() => undefined, () => undefined), beside.started]);
  });
  if (!preparing) throw new Error('internal: the prepare section never ran');
  return preparing;
}

export async function runPipeline(raw: RawInputs, facts: PipelineFacts, deps: PipelineDeps): Promise<PipelineResult> {
  let result: PipelineResult = { mode: 'prepare' };
  let closeLayout: (() => Promise<void>) | undefined;
  try {
    // A buildx build's prepare starts as soon as its inputs are valid, beside the plan's engine
    // and registry checks; its downloads and Actions cache calls wait for the plan to pass.
    let early: Promise<PrepareResult> | undefined;
    let planDone: (ok: boolean) => void = () => undefined;
    const gate = new Promise<boolean>((resolve) => (planDone = resolve));
    let buildParts: Promise<BuildxStepParts> | undefined;
    let beside: ContextBeside | undefined;
    const inputsValid: PlanDeps['inputsValid'] = (prepareOptions, context) => {
      beside = contextBeside(buildDir(facts), context, deps.log);
      early = prepareStep(prepareOptions, facts, deps, gate, beside);
      early.catch(() => undefined); // awaited below, or dropped with the plan's own error
      buildParts = buildxStepParts(facts, deps);
      buildParts.catch(() => undefined);
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
    result = { mode: p.mode, prepareOptions: p.prepareOptions, pinSetKey: pinSetKey(p.prepareOptions), gateway: p.gateway, ...(p.mode === 'build' ? { buildOptions: p.buildOptions } : {}) };
    const stamp = stampOf(p);
    if (stamp) result = { ...result, stamp };

    if (p.mode === 'prepare' || p.mode === 'build') {
      const preparing = early ?? prepareStep(p.prepareOptions, facts, deps);
      const buildx = p.mode === 'build' && p.buildEngine === 'buildx' ? p : undefined;
      const staged = buildx && beside ? await beside.ready(preparing) : undefined;
      if (buildx && beside && staged) {
        // buildx starts from the context staged beside prepare, which finishes cache-dir meanwhile.
        beside.hold();
        const building = buildxStep(buildx, staged, facts, deps, (close) => (closeLayout = close), buildParts);
        const [built, prepared] = await Promise.allSettled([building, preparing]);
        await showHeld(beside, deps.log);
        if (prepared.status === 'fulfilled') result = { ...result, prepared: prepared.value, ...(p.prepareOptions.refresh ? { drift: [] } : {}) };
        if (built.status === 'rejected') throw built.reason;
        result = { ...result, built: built.value };
        if (prepared.status === 'rejected') {
          deps.log.warning(`nothing was tagged or loaded: prepare failed while the image was built. The unpublished image is ${unpublishedAt(result)}`);
          throw prepared.reason;
        }
        checkSameManifest(staged, prepared.value);
      } else {
        try {
          result = { ...result, prepared: await preparing, ...(p.prepareOptions.refresh ? { drift: [] } : {}) };
        } catch (error) {
          if (error instanceof DriftError) return { ...result, drift: error.drifted, error };
          throw error;
        }
      }
    }
    if (p.mode === 'build' && p.buildEngine === 'registry' && result.prepared) {
      const outcome = await registryStep(p, p.buildOptions, result.prepared, facts, deps);
      const published = outcome.built.tags.map((ref): TagState => ({ ref, where: 'registry', published: true }));
      result = { ...result, built: outcome.built, published, ...(outcome.verification ? { verification: outcome.verification } : {}), ...(outcome.attested ? { attestation: outcome.attested } : {}) };
      if (outcome.verification) (await import('../image/assert-verified.js')).assertVerified(outcome.verification);
    } else if (p.mode === 'build' && p.buildEngine === 'buildx' && result.prepared && !result.built) {
      result = { ...result, built: await buildxStep(p, result.prepared, facts, deps, (close) => (closeLayout = close), buildParts) };
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
          const planned = p.mode === 'build' ? (await import('./buildx-modules.js')).plannedTags(p.buildOptions, 'verification failed') : (result.merged?.tags ?? []).map((ref) => ({ ref, where: 'registry' as const, published: false, reason: 'verification failed' }));
          result = { ...result, published: planned };
          deps.log.warning(`nothing was tagged or loaded: verification failed. The unpublished image is ${unpublishedAt(result)}`);
        }
        (await import('../image/assert-verified.js')).assertVerified(verification);
      }
    }
    // attest-key on buildx: the signed attestation goes up before any tag (the registry engine attaches its own).
    if (p.mode === 'build' && !registryEngine && p.attest) {
      const attestation = await attestStep(p, result, facts, deps);
      if (attestation) result = { ...result, attestation };
    }
    // The registry engine tags (and names its archive) itself, after verifying.
    if ((p.mode === 'build' && !registryEngine) || p.mode === 'merge') result = await publishStep(p, result, facts, deps);
    return result;
  } catch (error) {
    return { ...result, error };
  } finally {
    await closeLayout?.().catch(() => undefined);
  }
}
