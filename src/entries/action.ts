// The action's shell: INPUT_* → the pipeline → outputs, job summary, exit status. With the CLI's
// entry, the only place that touches @actions/core and process.env. Outputs go to GITHUB_OUTPUT
// in one append, the summary to GITHUB_STEP_SUMMARY in another.
import * as core from '@actions/core';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyValueRecords } from '../action/key-value-records.js';
import { actionsCache } from '../cache/actions-cache.js';
import { runnerToolCache } from '../cache/tool-cache.js';
import { ActionError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { secretMask, type SecretMask } from '../log/secret-mask.js';
import { defaultCacheRoot, readDockerConfig, repositoryUrl, runGitFacts } from '../pipeline/host-facts.js';
import { actionOutputs } from '../pipeline/outputs.js';
import { runPipeline } from '../pipeline/pipeline.js';
import { runFacts } from '../attest/run-facts.js';
import { summaryInput } from '../pipeline/summary-input.js';
import { renderSummary } from '../report/summary.js';

/**
 * The core's Logger on @actions/core: annotations for notices and warnings, foldable groups.
 * Every value registered with `addSecret` goes to the runner (core.setSecret) and is also
 * replaced by *** here, so no line we write carries it even where no runner masks.
 */
function actionsLogger(secrets: SecretMask): Logger {
  const m = (message: string): string => secrets.mask(message);
  return {
    info: (message) => core.info(m(message)),
    notice: (message) => core.notice(m(message)),
    warning: (message) => core.warning(m(message)),
    debug: (message) => core.debug(m(message)),
    group: (title, body) => core.group(m(title), body),
  };
}

function failureText(error: unknown): string {
  if (error instanceof ActionError) return error.message;
  return `unexpected error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

/** Sets every output with one append to GITHUB_OUTPUT (core.setOutput appends once per output). */
async function setOutputs(outputs: Readonly<Record<string, string>>, file: string | undefined): Promise<void> {
  if (file) {
    await appendFile(file, keyValueRecords(Object.entries(outputs)), 'utf8');
    return;
  }
  // A runner too old for GITHUB_OUTPUT: core's ::set-output:: fallback.
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
}

async function runAction(): Promise<void> {
  const env = process.env;
  const secrets = secretMask();
  const log = actionsLogger(secrets);
  const runnerTemp = env.RUNNER_TEMP?.trim() || undefined;
  const workDir = await mkdtemp(join(runnerTemp ?? tmpdir(), 'oneapi-offline-run-'));
  try {
    const result = await runPipeline(
      (name) => core.getInput(name),
      {
        runnerTemp,
        defaultCacheRoot: defaultCacheRoot(env),
        workDir,
        cwd: process.cwd(),
        processEnv: env,
        git: (needs) => runGitFacts(env.GITHUB_WORKSPACE ?? process.cwd(), env, needs),
        repositoryUrl: repositoryUrl(env),
        dockerConfig: await readDockerConfig(env),
        run: runFacts(env),
      },
      {
        log,
        addSecret: (secret) => {
          core.setSecret(secret);
          secrets.add(secret);
        },
        applyEnvironment: (vars) => Object.assign(process.env, vars),
        toolCache: runnerToolCache(log, env),
        actionsCache: actionsCache(log, env),
      },
    );
    // Outputs and the summary are not masked by the runner: a credential becomes *** here.
    const outputs = Object.fromEntries(Object.entries(actionOutputs(result)).map(([name, value]) => [name, secrets.mask(value)]));
    await setOutputs(outputs, env.GITHUB_OUTPUT);
    if (env.GITHUB_STEP_SUMMARY) {
      await core.summary.addRaw(secrets.mask(renderSummary(summaryInput(result)))).write();
    }
    if (result.error !== undefined) core.setFailed(secrets.mask(failureText(result.error)));
  } catch (error) {
    core.setFailed(secrets.mask(failureText(error)));
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

await runAction();
