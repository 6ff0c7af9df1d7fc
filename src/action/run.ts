// The action's shell: INPUT_* → the pipeline → outputs, job summary, exit status. The only
// place (with the CLI) that touches @actions/core and process.env.
import * as core from '@actions/core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionsCache } from '../cache/actions-cache.js';
import { runnerToolCache } from '../cache/tool-cache.js';
import { ActionError } from '../errors.js';
import { defaultCacheRoot, readDockerConfig, repositoryUrl, runGitFacts } from '../pipeline/host-facts.js';
import { actionOutputs } from '../pipeline/outputs.js';
import { runPipeline } from '../pipeline/pipeline.js';
import { summaryInput } from '../pipeline/summary-input.js';
import { renderSummary } from '../report/summary.js';
import { secretMask } from '../log/secret-mask.js';
import { actionsLogger } from './logger.js';

function failureText(error: unknown): string {
  if (error instanceof ActionError) return error.message;
  return `unexpected error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

export async function runAction(): Promise<void> {
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
        git: () => runGitFacts(env.GITHUB_WORKSPACE ?? process.cwd(), env),
        repositoryUrl: repositoryUrl(env),
        dockerConfig: await readDockerConfig(env),
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
    for (const [name, value] of Object.entries(actionOutputs(result))) core.setOutput(name, secrets.mask(value));
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
