// The run as the runner names it, for the Statement: only GITHUB_REPOSITORY, GITHUB_SHA,
// GITHUB_WORKFLOW_REF and GITHUB_RUN_ID, nothing else of the environment. The entries call this
// with their environment; the core never reads one. Pure.
import type { RunFacts } from './statement.js';

export function runFacts(env: Readonly<Record<string, string | undefined>>): RunFacts {
  const pick = (name: string): string | undefined => env[name]?.trim() || undefined;
  return { repository: pick('GITHUB_REPOSITORY'), commit: pick('GITHUB_SHA'), workflowRef: pick('GITHUB_WORKFLOW_REF'), runId: pick('GITHUB_RUN_ID') };
}
