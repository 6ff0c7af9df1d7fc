// Every input of a run, validated before anything touches the network or Docker: what to do
// (prepare, build, merge, verify) and the typed options for it. The engine is asked what it can
// do, and git what HEAD is, only when a build or merge needs it.
import { checkRegistryEngine, parseEngine, type BuildEngine } from '../build/engine-input.js';
import { parseCacheImage } from '../build/cache-image-input.js';
import { checkBuilderPlatforms, probeEngine, type EngineFacts } from '../build/engine-facts.js';
import type { GitFacts } from '../build/git-facts.js';
import { parseMergeInputs, type MergeOptions } from '../build/merge.js';
import { parseBuildInputs, type BuildOptions } from '../build/options.js';
import type { RawInputs } from '../inputs/names.js';
import { parseBoolean } from '../inputs/scalars.js';
import type { Logger } from '../log/logger.js';
import { parsePrepareInputs, type PrepareOptions } from '../prepare/options.js';
import { urlSecrets } from '../proxy/redact.js';
import { proxySecrets } from '../proxy/settings.js';

export type Mode = 'prepare' | 'build' | 'merge' | 'verify';

export interface PlanFacts {
  /** RUNNER_TEMP in Actions; absent elsewhere. */
  readonly runnerTemp?: string | undefined;
  /** Where things live outside Actions (the XDG cache folder). */
  readonly defaultCacheRoot: string;
  readonly processEnv: Readonly<Record<string, string | undefined>>;
  /** HEAD's facts (sha, tag, commit time), asked only for builds and merges. */
  readonly git: () => Promise<GitFacts>;
  readonly repositoryUrl?: string | undefined;
  /** `verify` (CLI) checks an existing image and builds nothing; otherwise the inputs decide. */
  readonly verifyOnly?: boolean;
}

export interface PlanDeps {
  readonly log: Logger;
  /** Hide a value in every later log line (core.setSecret / the CLI mask). */
  readonly addSecret: (secret: string) => void;
  readonly docker?: string | undefined;
}

export interface Plan {
  readonly mode: Mode;
  readonly prepareOptions: PrepareOptions;
  readonly buildOptions?: BuildOptions;
  readonly merge?: MergeOptions;
  readonly engine?: EngineFacts;
  /** `buildx` (the default) or `registry` (overlay mode with no Docker). */
  readonly buildEngine?: BuildEngine;
  /** `cache-image`: where the verified cache folder is pushed as a one-layer image. */
  readonly cacheImage?: string;
}

export async function plan(raw: RawInputs, facts: PlanFacts, deps: PlanDeps): Promise<Plan> {
  const prepareOptions = parsePrepareInputs(raw, {
    runnerTemp: facts.runnerTemp,
    defaultCacheRoot: facts.defaultCacheRoot,
    processEnv: facts.processEnv,
  });
  for (const secret of [...proxySecrets(prepareOptions.proxy), ...urlSecrets(prepareOptions.mirror), ...prepareOptions.extras.flatMap((e) => urlSecrets(e.url))]) {
    deps.addSecret(secret);
  }
  // `verify` reads an existing image: `images` holds a full reference there, so the build's
  // input rules do not apply.
  if (facts.verifyOnly) return { mode: 'verify', prepareOptions };
  if (raw('merge-digests').trim() !== '') {
    const git = await facts.git();
    const merge = parseMergeInputs(raw, { gitRef: git.ref, sha: git.sha });
    if (merge) return { mode: 'merge', prepareOptions, merge };
  }
  const cacheImage = parseCacheImage(raw);
  const withCacheImage = cacheImage ? { cacheImage } : {};
  if (!parseBoolean('build', raw('build'), true)) return { mode: 'prepare', prepareOptions, ...withCacheImage };
  const buildEngine = parseEngine(raw);
  if (buildEngine === 'registry') {
    // No Docker at all: the engine is not probed.
    const git = await facts.git();
    const buildOptions = parseBuildInputs(raw, { gitRef: git.ref, sha: git.sha, commitTime: git.commitTime, repositoryUrl: facts.repositoryUrl, proxy: prepareOptions.proxy, cacheDir: prepareOptions.cacheDir, engineLoadsMultiPlatform: true });
    // (load is refused below with the registry engine's own reason.)
    checkRegistryEngine(buildOptions, raw);
    for (const secret of buildOptions.secrets) deps.addSecret(secret);
    return { mode: 'build', prepareOptions, buildOptions, buildEngine, ...withCacheImage };
  }
  const probe = probeEngine({ log: deps.log, docker: deps.docker }, raw('builder').trim() || undefined, { store: parseBoolean('load', raw('load'), false) });
  const [engine, git] = await Promise.all([probe, facts.git()]);
  const buildOptions = parseBuildInputs(raw, {
    gitRef: git.ref,
    sha: git.sha,
    commitTime: git.commitTime,
    repositoryUrl: facts.repositoryUrl,
    proxy: prepareOptions.proxy,
    cacheDir: prepareOptions.cacheDir,
    engineLoadsMultiPlatform: engine.loadsMultiPlatform,
  });
  checkBuilderPlatforms(engine, buildOptions.platforms);
  for (const secret of buildOptions.secrets) deps.addSecret(secret);
  return { mode: 'build', prepareOptions, buildOptions, engine, ...withCacheImage };
}
