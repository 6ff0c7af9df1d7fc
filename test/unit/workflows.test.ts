// Every workflow (the project's and the examples') and action.yml against the GitHub schemas
// (SchemaStore's, as bundled by @action-validator/core, which runs offline as WebAssembly),
// plus the rules the schemas cannot express: strict YAML, actions pinned by commit SHA with a
// version comment, and `with:`/`outputs` of this action that exist in action.yml.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateAction, validateWorkflow, type ValidationError } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');
const PLACEHOLDER = 'your-org/oneapi-offline-action@v1';
const LOCAL = './';

const files = (dir: string) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => `${dir}/${f}`);
const PROJECT = files('.github/workflows');
const EXAMPLES = files('examples/workflows');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface ActionYml {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  runs: { using: string; main: string };
}
const ACTION_TEXT = read('action.yml');

type Json = Record<string, unknown>;
interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
  run?: string;
}

/** YAML as GitHub reads it, but strict: duplicate keys and any parse error are problems. */
function strictYaml(text: string): { value: Json; problems: string[] } {
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

const SHA_PIN = /^[\w.-]+\/[\w.-]+(?:\/[\w./-]+)?@[0-9a-f]{40}$/;

/** Everything wrong with one workflow file; [] when it is fine. */
function lintWorkflow(text: string, actionText: string, options: { example: boolean }): string[] {
  const { value, problems } = strictYaml(text);
  if (problems.length > 0) return problems;
  const out = schemaProblems(validateWorkflow(text).errors);
  const action = strictYaml(actionText).value as unknown as ActionYml;
  const inputs = new Set(Object.keys(action.inputs ?? {}));
  const outputs = new Set(Object.keys(action.outputs ?? {}));
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
  }
  for (const [n, line] of lines.entries()) {
    if ((line.match(/\$\{\{/g) ?? []).length !== (line.match(/\}\}/g) ?? []).length) out.push(`line ${n + 1}: unbalanced \${{ }}`);
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
      }
    }
    const jobText = JSON.stringify(job);
    for (const m of jobText.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      if (ours.has(m[1]!) && !outputs.has(m[2]!)) out.push(`job ${jobName}: steps.${m[1]}.outputs.${m[2]} is not an output of action.yml`);
    }
  }
  return out;
}

/** Everything wrong with action.yml. */
function lintAction(text: string): string[] {
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

describe('workflow files', () => {
  it('exist where users and CI look for them', () => {
    expect(PROJECT).toEqual(expect.arrayContaining(['.github/workflows/ci.yml', '.github/workflows/self-test.yml', '.github/workflows/release.yml']));
    expect(EXAMPLES).toEqual(
      expect.arrayContaining(['examples/workflows/release.yml', 'examples/workflows/refresh.yml', 'examples/workflows/air-gapped.yml']),
    );
  });

  it.each(PROJECT)('%s passes the schema and the pin/input rules', (path) => {
    expect(lintWorkflow(read(path), ACTION_TEXT, { example: false })).toEqual([]);
  });

  it.each(EXAMPLES)('%s passes the schema and the pin/input rules', (path) => {
    expect(lintWorkflow(read(path), ACTION_TEXT, { example: true })).toEqual([]);
  });

  it('one version per action across all files', () => {
    const seen = new Map<string, string>();
    for (const path of [...PROJECT, ...EXAMPLES]) {
      for (const m of read(path).matchAll(/uses:\s*([\w.-]+\/[\w.-]+)@([0-9a-f]{40})\s*#\s*(v[\d.]+)/g)) {
        const key = m[1]!;
        const pin = `${m[2]} ${m[3]}`;
        expect(seen.get(key) ?? pin, `${key} in ${path}`).toBe(pin);
        seen.set(key, pin);
      }
    }
    expect(seen.size).toBeGreaterThanOrEqual(5);
  });
});

describe('action.yml', () => {
  it('passes the action schema', () => {
    expect(lintAction(ACTION_TEXT)).toEqual([]);
  });

  it('runs the bundled entry on node24', () => {
    const action = strictYaml(ACTION_TEXT).value as unknown as ActionYml;
    expect(action.runs.using).toBe('node24');
    expect(existsSync(join(ROOT, action.runs.main)), `${action.runs.main} (npm run build)`).toBe(true);
  });
});

describe('what each workflow is for', () => {
  const load = (path: string) => strictYaml(read(path)).value;
  const steps = (wf: Json) => Object.values((wf['jobs'] ?? {}) as Record<string, { steps?: Step[] }>).flatMap((j) => j.steps ?? []);
  const oursIn = (wf: Json) => steps(wf).filter((s) => s.uses === PLACEHOLDER || s.uses === LOCAL);

  it('ci runs the local CI script', () => {
    expect(steps(load('.github/workflows/ci.yml')).some((s) => /\bbash \.ci\/run\b/.test(s.run ?? ''))).toBe(true);
  });

  it('self-test runs the checkout against a registry:2 service on port 5000', () => {
    const wf = load('.github/workflows/self-test.yml');
    const jobs = Object.values(wf['jobs'] as Record<string, { services?: Record<string, { image: string; ports: string[] }> }>);
    expect(jobs.some((j) => Object.values(j.services ?? {}).some((s) => s.image === 'registry:2' && s.ports.includes('5000:5000')))).toBe(true);
    expect(oursIn(wf).some((s) => s.uses === LOCAL && s.with?.['push'] === true && String(s.with?.['images']).startsWith('localhost:5000/'))).toBe(true);
  });

  it('release publishes on vX.Y.Z tags and moves the major tag', () => {
    const wf = load('.github/workflows/release.yml');
    expect((wf['on'] as { push: { tags: string[] } }).push.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+']);
    const runs = steps(wf).map((s) => s.run ?? '').join('\n');
    expect(runs).toMatch(/gh release create/);
    expect(runs).toMatch(/git push --force origin "refs\/tags\/\$major"/);
    expect(runs).toMatch(/npm run build/);
  });

  it('the release example builds both platforms with version tags and pushes', () => {
    const [step] = oursIn(load('examples/workflows/release.yml'));
    expect(String(step?.with?.['platforms']).split(',')).toEqual(['linux/amd64', 'linux/arm64']);
    expect(step?.with).toMatchObject({ push: true, version: '${{ github.ref_name }}' });
  });

  it('the native-runner example builds per platform on native runners and merges by digest', () => {
    const wf = load('examples/workflows/release-native-runners.yml');
    const build = (wf['jobs'] as Json)['build'] as { strategy: { matrix: { include: Array<{ runner: string; platform: string }> } } };
    expect(build.strategy.matrix.include).toEqual([
      { runner: 'ubuntu-24.04', platform: 'linux/amd64' },
      { runner: 'ubuntu-24.04-arm', platform: 'linux/arm64' },
    ]);
    const [perPlatform, merge] = oursIn(wf);
    expect(perPlatform?.with?.['push-by-digest']).toBe(true);
    expect(String(merge?.with?.['merge-digests'])).toMatch(/steps\.\w+\.outputs/);
  });

  it('the refresh example is weekly, refreshes and keeps the cache warm', () => {
    const wf = load('examples/workflows/refresh.yml');
    const cron = (wf['on'] as { schedule: Array<{ cron: string }> }).schedule[0]!.cron.split(' ');
    expect(cron).toHaveLength(5);
    expect(cron[4]).toMatch(/^[0-6]$/); // one day of the week: well inside the 7-day eviction
    const ours = oursIn(wf);
    expect(ours.some((s) => s.with?.['refresh'] === true)).toBe(true);
    const warm = ours.find((s) => s.with?.['refresh'] === undefined && s.with?.['cache'] !== false);
    expect(warm).toBeDefined();
    // The Actions cache key is the encoder set: the warmed entry must be the one releases restore.
    const sorted = (v: unknown): string => String(v).split(',').map((e) => e.trim()).sort().join(',');
    const release = oursIn(load('examples/workflows/release.yml'))[0];
    expect(sorted(warm?.with?.['encoders'])).toBe(sorted(release?.with?.['encoders']));
  });

  it('the air-gapped example writes an archive and uploads it with the cache tarball and checksums', () => {
    const wf = load('examples/workflows/air-gapped.yml');
    expect(oursIn(wf)[0]?.with?.['archive']).toMatch(/\.oci\.tar$/);
    const upload = steps(wf).find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(String(upload?.with?.['path'])).toMatch(/one-api-offline\.oci\.tar[\s\S]*tiktoken-cache\.tar\.gz[\s\S]*SHA256SUMS/);
    const text = read('examples/workflows/air-gapped.yml');
    expect(text).toMatch(/sha256sum -c SHA256SUMS/);
    expect(text).toMatch(/skopeo copy --all oci-archive:one-api-offline\.oci\.tar:offline-v\S+ docker:\/\//);
    expect(text).toMatch(/tar -xzf tiktoken-cache\.tar\.gz/);
  });
});

describe('the checks fail on broken files', () => {
  const good = `name: x
on: push
jobs:
  a:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
      - id: o
        uses: ./
        with:
          encoders: cl100k_base
      - run: echo "\${{ steps.o.outputs.digest }}"
`;

  it('the minimal good workflow passes (so the failures below are the edits)', () => {
    expect(lintWorkflow(good, ACTION_TEXT, { example: false })).toEqual([]);
  });

  it.each<[string, string, RegExp]>([
    ['an unknown job key', good.replace('runs-on:', 'runs_on:'), /^schema: \/jobs\/a/],
    ['a job without steps', good.replace('    steps:', '    stepz:'), /^schema: \/jobs\/a/],
    ['a bad trigger', good.replace('on: push', 'on: pushh'), /^schema: \/on/],
    ['needs of a missing job', good.replace('    runs-on:', '    needs: nope\n    runs-on:'), /unresolved job nope/i],
    ['a duplicate key', good.replace('    runs-on: ubuntu-24.04', '    runs-on: ubuntu-24.04\n    runs-on: ubuntu-22.04'), /^yaml: .*unique/i],
    ['a tag instead of a SHA', good.replace(/checkout@\w+ # v4.2.2/, 'checkout@v4'), /not pinned by a 40-hex commit SHA/],
    ['a SHA without its version', good.replace(' # v4.2.2', ''), /no "# vX.Y.Z" comment/],
    ['an input action.yml lacks', good.replace('encoders: cl100k_base', 'encoder: cl100k_base'), /with\.encoder is not an input/],
    ['an output action.yml lacks', good.replace('outputs.digest', 'outputs.digests'), /outputs\.digests is not an output/],
    ['an unclosed expression', good.replace('outputs.digest }}', 'outputs.digest }'), /unbalanced/],
    ['the placeholder in a project workflow', good.replace('uses: ./', `uses: ${PLACEHOLDER}`), /belongs in examples only/],
  ])('%s', (_name, text, problem) => {
    expect(text).not.toBe(good);
    const found = lintWorkflow(text, ACTION_TEXT, { example: false });
    expect(found.some((p) => problem.test(p)), found.join('\n')).toBe(true);
  });

  it('examples must use the placeholder, not ./', () => {
    expect(lintWorkflow(good, ACTION_TEXT, { example: true }).join('\n')).toMatch(/examples use your-org/);
  });

  it.each<[string, string, RegExp]>([
    ['an unknown runtime', ACTION_TEXT.replace(/using: 'node24'/, "using: 'node99'"), /runs\.using is node99/],
    ['runs without main', ACTION_TEXT.replace(/\n\s+main: 'dist\/action\.mjs'/, ''), /^schema: \/runs/],
    ['an input without description', ACTION_TEXT.replace(/(\n  encoders:\n)\s+description: .*\n/, '$1'), /input encoders has no description/],
    ['an unknown top-level key', `${ACTION_TEXT}\nrunz: {}\n`, /^schema: /],
  ])('action.yml with %s fails', (_name, text, problem) => {
    expect(text).not.toBe(ACTION_TEXT);
    const found = lintAction(text);
    expect(found.some((p) => problem.test(p)), found.join('\n')).toBe(true);
  });
});
