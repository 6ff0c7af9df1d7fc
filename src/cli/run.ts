// The CLI's shell: argv → the pipeline → results on stdout (JSON), log on stderr, exit code.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionsCache } from '../cache/actions-cache.js';
import { runnerToolCache } from '../cache/tool-cache.js';
import { ActionError, ExitCode, exitCodeOf, InputError } from '../errors.js';
import { INPUT_DEFAULTS, rawInputsFrom } from '../inputs/names.js';
import { defaultCacheRoot, readDockerConfig, repositoryUrl, runGitFacts } from '../pipeline/host-facts.js';
import { runPipeline } from '../pipeline/pipeline.js';
import { VERSION } from '../version.js';
import { parseCliArgs, type CliRequest } from './args.js';
import { helpText } from './help.js';
import { cliResult } from './result.js';
import { routeWorkflowCommands } from './stdout.js';
import { cliLogger } from './logger.js';

function failureText(error: unknown): string {
  if (error instanceof ActionError) return `error: ${error.message}`;
  return `unexpected error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

export async function runCli(argv: readonly string[]): Promise<number> {
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
    print(`${helpText(VERSION, request.command)}\n`);
    return ExitCode.ok;
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
        processEnv: env,
        git: () => runGitFacts(env.GITHUB_WORKSPACE ?? process.cwd(), env),
        repositoryUrl: repositoryUrl(env),
        verifyOnly: request.command === 'verify',
        dockerConfig: await readDockerConfig(env),
      },
      {
        log,
        addSecret: (secret) => log.addSecret(secret),
        applyEnvironment: (vars) => Object.assign(process.env, vars),
        toolCache: runnerToolCache(log, env),
        actionsCache: actionsCache(log, env),
      },
    );
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
