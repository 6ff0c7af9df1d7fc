// The workflow checks shared by test/unit/workflows.test.ts (workflow files) and
// test/unit/readme.test.ts (workflow snippets in the docs): the GitHub schemas (SchemaStore's, as
// bundled by @action-validator/core, offline as WebAssembly) plus the rules the schemas cannot
// express: strict YAML, actions pinned by a verified commit SHA with a version comment, every
// `steps.<id>` a step of the job, and `with:`/`outputs` of this action that exist in action.yml.
import { validateAction, validateWorkflow, type ValidationError } from '@action-validator/core';
import { parseDocument } from 'yaml';
import { VERIFIED_PINS } from './action-pins.js';

export const PLACEHOLDER = 'your-org/oneapi-offline-action@v1';
export const LOCAL = './';



export interface ActionYml {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  runs: { using: string; main: string };
}

export type Json = Record<string, unknown>;
export interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
  run?: string;
}

/** YAML as GitHub reads it, but strict: duplicate keys and any parse error are problems. */
export function strictYaml(text: string): { value: Json; problems: string[] } {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  return { value: (doc.toJS() ?? {}) as Json, problems: doc.errors.map((e) => `yaml: ${e.message}`) };
}

/** Schema errors, flattened to `path: detail` lines; a oneOf names the details of its branches. */
function schemaProblems(errors: readonly ValidationError[]): string[] {
  const details = (e: ValidationError): string[] =>
    'states' in e && e.states ? e.states.flatMap((state) => state.errors.flatMap(details)) : [`${'path' in e ? e.path : ''}${e.detail ? ` ${e.detail}` : ''}`];
  return errors.map((e) => {
    const why = 'states' in e && e.states ? ` (${[...new Set(details(e))].slice(0, 6).join('; ')})` : e.detail ? `: ${e.detail}` : '';
    return `schema: ${'path' in e ? e.path : ''} ${e.title}${why}`;
  });
}

/** justsong/one-api at a release tag, optionally with its index digest. */
export const PINNED_ONE_API = /^justsong\/one-api:v\d+\.\d+\.\d+(?:@sha256:[0-9a-f]{64})?$/;
const SHA_PIN = /^[\w.-]+\/[\w.-]+(?:\/[\w./-]+)?@[0-9a-f]{40}$/;


/** Everything wrong with one workflow file; [] when it is fine. */
export function lintWorkflow(text: string, actionText: string, options: { example: boolean }): string[] {
  const { value, problems } = strictYaml(text);
  if (problems.length > 0) return problems;
  const out = schemaProblems(validateWorkflow(text).errors);
  const action = strictYaml(actionText).value as unknown as ActionYml;
  const inputs = new Set(Object.keys(action.inputs ?? {}));
  const outputs = new Set(Object.keys(action.outputs ?? {}));
  // Inputs whose description starts with "Deprecated": our own files show the current way.
  const deprecated = new Map(
    Object.entries((action.inputs ?? {}) as Record<string, { description?: string }>).flatMap(([name, spec]) =>
      /^deprecated\b/i.test(spec.description ?? '') ? [[name, spec.description ?? ''] as const] : [],
    ),
  );
  const lines = text.split('\n');

  // Every remote `uses:` pinned by full commit SHA with a `# vX.Y.Z` comment.
  for (const [n, line] of lines.entries()) {
    const m = /^\s*(?:-\s+)?uses:\s*(['"]?)([^'"\s#]+)\1\s*(#.*)?$/.exec(line);
    if (!m) continue;
    const ref = m[2]!;
    if (ref.startsWith('./') || ref.startsWith('docker://')) continue;
    if (ref === PLACEHOLDER) {
      if (!options.example) out.push(`line ${n + 1}: ${PLACEHOLDER} belongs in examples only; the project uses ./`);
      continue;
    }
    if (!SHA_PIN.test(ref)) out.push(`line ${n + 1}: ${ref} is not pinned by a 40-hex commit SHA`);
    else if (!/^#\s*v\d+\.\d+\.\d+\s*$/.test(m[3] ?? '')) out.push(`line ${n + 1}: ${ref} has no "# vX.Y.Z" comment`);
    else {
      const [name, sha] = ref.split('@') as [string, string];
      const verified = VERIFIED_PINS[name];
      const version = (m[3] ?? '').replace('#', '').trim();
      if (!verified) out.push(`line ${n + 1}: ${name} is not in VERIFIED_PINS (check its SHA and node24 runtime, then add it)`);
      else if (verified.sha !== sha || verified.version !== version) {
        out.push(`line ${n + 1}: ${name}@${sha} # ${version} is not the verified ${verified.sha} # ${verified.version}`);
      }
    }
  }
  for (const [n, line] of lines.entries()) {
    // Every {{ (an expression's ${{, or a template's {{version}} as in metadata-action's patterns) closes.
    if ((line.match(/\{\{/g) ?? []).length !== (line.match(/\}\}/g) ?? []).length) out.push(`line ${n + 1}: unbalanced \${{ }}`);
  }
  // `inputs.<name>` (and github.event.inputs.<name>) in expressions: declared by workflow_dispatch or workflow_call.
  const on = (typeof value['on'] === 'object' && value['on'] !== null ? value['on'] : {}) as Record<string, { inputs?: Record<string, unknown> } | null>;
  const declared = new Set([...Object.keys(on['workflow_dispatch']?.inputs ?? {}), ...Object.keys(on['workflow_call']?.inputs ?? {})]);
  for (const [n, line] of lines.entries()) {
    for (const expression of line.matchAll(/\$\{\{(.*?)\}\}/g)) {
      for (const m of (expression[1] ?? '').matchAll(/(?<![\w.-])(?:github\.event\.)?inputs\.([\w-]+)/g)) {
        if (!declared.has(m[1]!)) out.push(`line ${n + 1}: inputs.${m[1]} is not an input of workflow_dispatch or workflow_call`);
      }
    }
  }

  // Steps that run this action: `with:` keys are inputs, `steps.<id>.outputs.<x>` are outputs.
  const jobs = (value['jobs'] ?? {}) as Record<string, { steps?: Step[] }>;
  for (const [jobName, job] of Object.entries(jobs)) {
    const ours = new Set<string>();
    for (const step of job.steps ?? []) {
      const isOurs = step.uses === LOCAL || step.uses === PLACEHOLDER;
      if (!isOurs) continue;
      if (options.example && step.uses === LOCAL) out.push(`job ${jobName}: examples use ${PLACEHOLDER}, not ./`);
      if (step.id) ours.add(step.id);
      for (const key of Object.keys(step.with ?? {})) {
        if (!inputs.has(key)) out.push(`job ${jobName}: with.${key} is not an input of action.yml`);
        else if (deprecated.has(key)) out.push(`job ${jobName}: with.${key} is deprecated in action.yml (${deprecated.get(key)})`);
      }
    }
    const ids = new Set((job.steps ?? []).flatMap((step) => (step.id ? [step.id] : [])));
    const jobText = JSON.stringify(job);
    for (const m of jobText.matchAll(/steps\.([\w-]+)\.(outputs|outcome|conclusion)\b(?:\.([\w-]+))?/g)) {
      if (!ids.has(m[1]!)) out.push(`job ${jobName}: steps.${m[1]} is not a step id of this job`);
      else if (ours.has(m[1]!) && m[2] === 'outputs' && !outputs.has(m[3] ?? '')) {
        out.push(`job ${jobName}: steps.${m[1]}.outputs.${m[3]} is not an output of action.yml`);
      }
    }
    // GHCR (and every registry) wants lower-case names; github.repository_owner is not.
    for (const step of job.steps ?? []) {
      if (step.uses !== LOCAL && step.uses !== PLACEHOLDER) continue;
      const images = String(step.with?.['images'] ?? '');
      if (/github\.(repository_owner|repository|actor)\b/.test(images)) out.push(`job ${jobName}: images "${images}" is not lower-cased (use a step that lower-cases it)`);
    }
  }
  return out;
}

/** Everything wrong with action.yml. */
export function lintAction(text: string): string[] {
  const { value, problems } = strictYaml(text);
  if (problems.length > 0) return problems;
  const runs = (value['runs'] ?? {}) as Partial<ActionYml['runs']>;
  const out: string[] = [];
  // The schema bundled with @action-validator/core 0.6 predates `node24`; check the runtime
  // here and give the schema the newest value it knows, so every other rule still applies.
  if (runs.using !== 'node20' && runs.using !== 'node24') out.push(`runs.using is ${String(runs.using)}, expected node20 or node24`);
  const forSchema = text.replace(/^(\s+using:\s*['"]?)node24(['"]?\s*)$/m, '$1node20$2');
  out.push(...schemaProblems(validateAction(forSchema).errors));
  for (const [name, spec] of Object.entries((value['inputs'] ?? {}) as Record<string, Json>)) {
    if (typeof spec['description'] !== 'string' || spec['description'].trim() === '') out.push(`input ${name} has no description`);
  }
  return out;
}
