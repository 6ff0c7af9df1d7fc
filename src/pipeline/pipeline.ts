// One run of the action or the CLI: validate every input, then prepare → build (or merge) →
// verify. Inputs are all parsed before anything touches the network or Docker. The run never
// throws: it returns what it got so far plus the error, so the entry can still set outputs
// (drift=true…) and write the job summary before failing.
import { join } from 'node:path';
import type { ActionsCachePort } from '../cache/actions-cache.js';
import type { ToolCachePort } from '../cache/tool-cache.js';
import { build, type BuildResult } from '../build/build.js';
import { probeEngine, type EngineFacts } from '../build/engine-facts.js';
import type { GitFacts } from '../build/git-facts.js';
import { mergeImages, parseMergeInputs, type MergeResult } from '../build/merge.js';
import { parseBuildInputs, type BuildOptions } from '../build/options.js';
import { runDocker } from '../build/run.js';
import { downloadFile } from '../download/download-file.js';
import { DriftError, InputError, type DriftedFile } from '../errors.js';
import { assertVerified } from '../image/assert-verified.js';
import type { VerificationReport } from '../image/report.js';
import { verifyImage } from '../image/verify-image.js';
import type { RawInputs } from '../inputs/names.js';
import { parseBoolean } from '../inputs/scalars.js';
import type { Logger } from '../log/logger.js';
import { parsePrepareInputs, type PrepareOptions } from '../prepare/options.js';
import { pinSetKey, prepare } from '../prepare/prepare.js';
import type { PrepareResult } from '../prepare/result.js';
import { urlSecrets } from '../proxy/redact.js';
import { proxiedFetch } from '../proxy/proxy-fetch.js';
import { proxyEnvironment, proxySecrets } from '../proxy/settings.js';
import { expectationsOf } from './expectations.js';
import { verifyTarget } from './verify-target.js';

export const STEPS = ['prepare', 'build', 'merge', 'verify'] as const;
export type Mode = 'prepare' | 'build' | 'merge' | 'verify';

export interface PipelineFacts {
  /** RUNNER_TEMP in Actions; absent elsewhere. */
  readonly runnerTemp?: string | undefined;
  /** Where things live outside Actions (the XDG cache folder). */
  readonly defaultCacheRoot: string;
  /** A private working folder for this run (staging, metadata, overlay Dockerfile). */
  readonly workDir: string;
  readonly processEnv: Readonly<Record<string, string | undefined>>;
  readonly git: GitFacts;
  readonly repositoryUrl?: string | undefined;
  /** `verify` (CLI) checks an existing image and builds nothing; otherwise the inputs decide. */
  readonly verifyOnly?: boolean;
  /** Contents of the Docker client config, for reading pushed images back. */
  readonly dockerConfig?: string | undefined;
}

export interface PipelineDeps {
  readonly log: Logger;
  /** Hide a value in every later log line (core.setSecret / the CLI mask). */
  readonly addSecret: (secret: string) => void;
  /** Put proxy variables into the process environment, where @actions/http-client reads them. */
  readonly applyEnvironment: (env: Readonly<Record<string, string>>) => void;
  readonly toolCache: ToolCachePort;
  readonly actionsCache: ActionsCachePort;
  readonly docker?: string | undefined;
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
  readonly pinSetKey?: string;
  readonly error?: unknown;
}

interface Plan {
  readonly mode: Mode;
  readonly prepareOptions: PrepareOptions;
  readonly buildOptions?: BuildOptions;
  readonly merge?: NonNullable<ReturnType<typeof parseMergeInputs>>;
  readonly engine?: EngineFacts;
}

/** Every input, validated; the engine is asked what it can do only when a build will run. */
async function plan(raw: RawInputs, facts: PipelineFacts, deps: PipelineDeps): Promise<Plan> {
  const prepareOptions = parsePrepareInputs(raw, {
    runnerTemp: facts.runnerTemp,
    defaultCacheRoot: facts.defaultCacheRoot,
    processEnv: facts.processEnv,
  });
  for (const secret of [...proxySecrets(prepareOptions.proxy), ...urlSecrets(prepareOptions.mirror)]) deps.addSecret(secret);
  const merge = parseMergeInputs(raw, { gitRef: facts.git.ref, sha: facts.git.sha });
  if (merge) return { mode: 'merge', prepareOptions, merge };
  // `verify` reads an existing image: `images` holds a full reference there, so the build's
  // input rules do not apply.
  if (facts.verifyOnly) return { mode: 'verify', prepareOptions };
  const wantsBuild = parseBoolean('build', raw('build'), true);
  if (!wantsBuild) return { mode: 'prepare', prepareOptions };
  const engine = await probeEngine({ log: deps.log, docker: deps.docker }, raw('builder').trim() || undefined);
  const buildOptions = parseBuildInputs(raw, {
    gitRef: facts.git.ref,
    sha: facts.git.sha,
    commitTime: facts.git.commitTime,
    repositoryUrl: facts.repositoryUrl,
    proxy: prepareOptions.proxy,
    cacheDir: prepareOptions.cacheDir,
    engineLoadsMultiPlatform: engine?.loadsMultiPlatform ?? false,
  });
  for (const secret of buildOptions.secrets) deps.addSecret(secret);
  return { mode: 'build', prepareOptions, buildOptions, engine };
}

function withFetch(fetch: typeof globalThis.fetch | undefined): { fetch?: typeof globalThis.fetch } {
  return fetch ? { fetch } : {};
}

export async function runPipeline(raw: RawInputs, facts: PipelineFacts, deps: PipelineDeps): Promise<PipelineResult> {
  const { log } = deps;
  let result: PipelineResult = { mode: 'prepare' };
  try {
    const p = await plan(raw, facts, deps);
    result = { mode: p.mode, prepareOptions: p.prepareOptions, pinSetKey: pinSetKey(p.prepareOptions) };
    if (p.buildOptions) result = { ...result, buildOptions: p.buildOptions };

    if (p.mode === 'prepare' || p.mode === 'build') {
      deps.applyEnvironment(proxyEnvironment(p.prepareOptions.proxy));
      try {
        const prepared = await log.group('Prepare the verified encoder cache', () =>
          prepare(p.prepareOptions, {
            log,
            toolCache: deps.toolCache,
            actionsCache: deps.actionsCache,
            download: downloadFile,
            stagingDir: join(facts.runnerTemp ?? facts.defaultCacheRoot, 'oneapi-offline-staging'),
          }),
        );
        result = { ...result, prepared, ...(p.prepareOptions.refresh ? { drift: [] } : {}) };
      } catch (error) {
        if (error instanceof DriftError) return { ...result, drift: error.drifted, error };
        throw error;
      }
    }

    const cachePath = p.buildOptions?.cachePath ?? (raw('cache-path').trim() || '/tiktoken_cache');
    if (p.mode === 'build' && p.buildOptions && result.prepared) {
      const built = await build(p.buildOptions, result.prepared, {
        log,
        docker: deps.docker,
        tempDir: join(facts.workDir, 'build'),
        engine: p.engine,
      });
      result = { ...result, built };
    }
    if (p.mode === 'merge' && p.merge) {
      const merge = p.merge;
      const merged = await log.group('docker buildx imagetools create', () =>
        mergeImages(merge, {
          run: (argv, options) => runDocker(argv, { log, docker: deps.docker }, options),
          builder: raw('builder').trim() || undefined,
        }),
      );
      result = { ...result, merged };
    }

    const shouldVerify = p.mode === 'verify' || (p.mode === 'merge' ? parseBoolean('verify', raw('verify'), true) : (p.buildOptions?.verify ?? false));
    if (shouldVerify) {
      const target = verifyTarget(p, result, raw, facts.dockerConfig);
      if (target) {
        const expectations = expectationsOf(cachePath, result.prepared, p.prepareOptions);
        const verification = await log.group(`Verify ${target.label} offline, per platform`, () =>
          verifyImage(target.target, expectations, { log, tempDir: facts.workDir, ...withFetch(proxiedFetch(p.prepareOptions.proxy)) }),
        );
        result = { ...result, verification };
        assertVerified(verification);
      } else if (p.mode === 'verify') {
        throw new InputError('images', {
          what: 'verify needs an image to read',
          fix: 'pass --images name@sha256:… (a pushed image), --images name:tag (an image in the local engine) or --archive path.oci.tar',
        });
      } else {
        log.notice('verify: nothing to read back (no push, load or archive); set push, load or archive to check the image offline');
      }
    }
    return result;
  } catch (error) {
    return { ...result, error };
  }
}
