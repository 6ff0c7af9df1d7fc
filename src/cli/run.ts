// The CLI's shell: argv → the pipeline → results on stdout (JSON), log on stderr, exit code.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { actionsCache } from '../cache/actions-cache.js';
import { runnerToolCache } from '../cache/tool-cache.js';
import { ActionError, ExitCode, exitCodeOf, InputError } from '../errors.js';
import { INPUT_DEFAULTS, rawInputsFrom } from '../inputs/names.js';
import { checkoutRoot, gitFactsDir, repositoryFacts, type GitFacts, type GitNeeds } from '../build/git-facts.js';
import type { InputName } from '../inputs/names.js';
import type { Logger } from '../log/logger.js';
import { defaultCacheRoot, readDockerConfig, repositoryUrl } from '../pipeline/host-facts.js';
import { runPipeline } from '../pipeline/pipeline.js';
import { VERSION } from '../version.js';
import { parseCliArgs, type CliRequest } from './args.js';
import { ACTION_INPUTS } from './action-inputs.js';
import type { Command } from './commands.js';
import { helpText } from './help.js';
import { cliResult } from './result.js';
import { routeWorkflowCommands } from './stdout.js';
import { cliLogger } from './logger.js';
import { withAttestKeyFile } from './attest-key-file.js';
import { runFacts } from '../attest/run-facts.js';

function failureText(error: unknown): string {
  if (error instanceof ActionError) return `error: ${error.message}`;
  return `unexpected error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

export interface CliFacts {
  /** The folder of the bundled CLI (dist/): its own checkout never stamps an image. */
  readonly toolDir?: string;
}

/**
 * Git facts for a run: from the repository of the build context (Dockerfile mode) or of the
 * folder the user runs the CLI in (overlay mode, merge); never from this tool's own checkout
 * (found on disk, so an installed CLI spawns no git to rule it out).
 */
function contextGitFacts(command: Command, inputs: Partial<Record<InputName, string>>, env: NodeJS.ProcessEnv, log: Logger, toolDir: string | undefined): (needs: GitNeeds) => Promise<GitFacts> {
  const cwd = process.cwd();
  const dir = command === 'merge' ? cwd : gitFactsDir({ baseImage: inputs['base-image'], context: inputs.context }, cwd, resolve);
  return async (needs) => {
    if (dir === undefined) return {};
    const root = checkoutRoot(dir);
    // The tool's own checkout: its top folder is the package folder holding dist/.
    if (root !== undefined && toolDir !== undefined && root === checkoutRoot(toolDir) && root === dirname(toolDir)) {
      log.notice(
        `${dir} is in this tool's own checkout (${root}): its commit does not stamp the image (no revision label, default --image-version or SOURCE_DATE_EPOCH from it). ` +
          'Run the CLI from your project\'s folder (or pass --context), or set --image-version and --source-date-epoch.',
      );
      return {};
    }
    return repositoryFacts(dir, env, needs);
  };
}

export async function runCli(argv: readonly string[], cliFacts: CliFacts = {}): Promise<number> {
  const env = process.env;
  const debug = Boolean(env.ONEAPI_OFFLINE_DEBUG || env.RUNNER_DEBUG);
  const log = cliLogger((line) => process.stderr.write(`${line}\n`), { debug });
  const print = routeWorkflowCommands(process.stdout, (line) => log.info(line), debug);
  let request: CliRequest;
  try {
    request = parseCliArgs(argv);
    if (request.kind === 'run' && request.command === 'merge' && !request.inputs['merge-digests']) {
      throw new InputError('merge-digests', { what: 'merge needs the per-platform digests', fix: 'pass --merge-digest sha256:… once per platform job' });
    }
  } catch (error) {
    log.info(failureText(error));
    return exitCodeOf(error);
  }
  if (request.kind === 'help') {
    print(`${helpText(VERSION, ACTION_INPUTS, request.command)}\n`);
    return ExitCode.ok;
  }
  if (request.kind === 'version') {
    print(`${VERSION}\n`);
    return ExitCode.ok;
  }
  for (const notice of request.notices) log.notice(notice);

  try {
    request = { ...request, inputs: await withAttestKeyFile(request.inputs, env) };
  } catch (error) {
    log.info(failureText(error));
    return exitCodeOf(error);
  }
  // Outside Actions the caches live under the XDG cache folder; @actions/tool-cache reads these.
  const root = defaultCacheRoot(env);
  env.RUNNER_TOOL_CACHE ||= join(root, 'tool-cache');
  env.RUNNER_TEMP ||= join(root, 'tmp');
  const workDir = await mkdtemp(join(tmpdir(), 'oneapi-offline-'));
  try {
    const result = await runPipeline(
      // `verify` without --encoders reads the encoder set from the image's manifest.json.
      rawInputsFrom({ ...INPUT_DEFAULTS, ...(request.command === 'verify' ? { encoders: '' } : {}), ...request.inputs }),
      {
        runnerTemp: env.GITHUB_ACTIONS === 'true' ? env.RUNNER_TEMP : undefined,
        defaultCacheRoot: root,
        workDir,
        cwd: process.cwd(),
        processEnv: env,
        git: contextGitFacts(request.command, request.inputs, env, log, cliFacts.toolDir),
        repositoryUrl: repositoryUrl(env),
        verifyOnly: request.command === 'verify',
        dockerConfig: await readDockerConfig(env),
        run: runFacts(env),
      },
      {
        log,
        addSecret: (secret) => log.addSecret(secret),
        applyEnvironment: (vars) => Object.assign(process.env, vars),
        toolCache: runnerToolCache(log, env),
        actionsCache: actionsCache(log, env),
      },
    );
    const kept = result.buildOptions;
    if (result.built && kept && !kept.push && !kept.load && !kept.archive) {
      log.warning('the image was built and checked by buildx, then kept nowhere (no --push, --load or --archive): nothing was published, loaded or written');
    }
    print(`${log.mask(JSON.stringify(cliResult(result), null, 2))}\n`);
    if (result.error !== undefined) {
      log.info(failureText(result.error));
      return exitCodeOf(result.error);
    }
    return ExitCode.ok;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
