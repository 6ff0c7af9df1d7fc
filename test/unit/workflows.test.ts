// Every workflow (the project's and the examples') and action.yml through the checks in
// test/support/workflow-lint.ts, with proof that each check fails on a broken file, plus what
// each workflow is for.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERIFIED_PINS } from '../support/action-pins.js';
import { LOCAL, PLACEHOLDER, lintAction, lintWorkflow, PINNED_ONE_API, strictYaml, type ActionYml, type Json, type Step } from '../support/workflow-lint.js';

const ROOT = resolve(import.meta.dirname, '../..');
const files = (dir: string) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => `${dir}/${f}`);
const PROJECT = files('.github/workflows');
const EXAMPLES = files('examples/workflows');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

const ACTION_TEXT = read('action.yml');

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

  const PROSE = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  it.each(PROSE)('%s pins every action it shows to the checked commit and version', (path) => {
    const pins = [...read(path).matchAll(/uses:\s*([\w.-]+\/[\w.-]+)@(\S+)(?:\s*#\s*(v[\d.]+))?/g)].filter((m) => !m[1]!.endsWith('/oneapi-offline-action'));
    for (const [, action, ref, version] of pins) {
      expect(VERIFIED_PINS[action!], `${action} in ${path} is not in VERIFIED_PINS`).toBeDefined();
      expect(`${ref} # ${version}`, `${action} in ${path}`).toBe(`${VERIFIED_PINS[action!]!.sha} # ${VERIFIED_PINS[action!]!.version}`);
    }
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

  it('the release example overlays a pinned multi-arch One API release for both platforms and pushes', () => {
    const [step] = oursIn(load('examples/workflows/release.yml'));
    expect(String(step?.with?.['platforms']).split(',')).toEqual(['linux/amd64', 'linux/arm64']);
    expect(step?.with).toMatchObject({ push: true, version: '${{ github.ref_name }}' });
    expect(String(step?.with?.['base-image'])).toMatch(PINNED_ONE_API);
  });

  it('every One API base in the examples is a release tag (optionally @sha256), never latest', () => {
    const bases: string[] = [];
    for (const path of [...EXAMPLES, 'examples/one-api/Dockerfile.offline']) {
      const code = read(path).split('\n').filter((line) => !/^\s*#/.test(line)).join('\n');
      for (const m of code.matchAll(/(?:ONE_API_IMAGE=|base-image:\s*)(\S+)/g)) bases.push(m[1]!);
    }
    expect(bases.length).toBeGreaterThanOrEqual(4);
    for (const base of bases) expect(base).toMatch(PINNED_ONE_API);
    for (const path of EXAMPLES) expect(read(path), path).not.toMatch(/one-api:latest/);
  });

  it('release workflows queue instead of racing: a concurrency group that never cancels a release', () => {
    const releases = [...EXAMPLES, '.github/workflows/release.yml'].filter((path) => {
      const on = load(path)['on'] as { push?: { tags?: unknown } } | undefined;
      return on?.push?.tags !== undefined;
    });
    expect(releases).toEqual(expect.arrayContaining(['examples/workflows/release.yml', 'examples/workflows/release-native-runners.yml', 'examples/workflows/release-source.yml']));
    for (const path of releases) {
      const concurrency = load(path)['concurrency'] as { group?: string; 'cancel-in-progress'?: boolean } | undefined;
      expect(concurrency?.group, path).toBeTruthy();
      expect(concurrency?.['cancel-in-progress'], path).toBe(false);
    }
  });

  it('the source-build example checks out One API at a tag and keeps the layer cache in the Actions cache', () => {
    const wf = load('examples/workflows/release-source.yml');
    const checkout = steps(wf).find((s) => s.uses?.startsWith('actions/checkout@') && s.with?.['repository'] === 'songquanpeng/one-api');
    expect(checkout?.with?.['path']).toBe('one-api');
    expect(String((wf['env'] as Json)['ONE_API_REF'])).toMatch(/^v\d+\.\d+\.\d+$/);
    const [step] = oursIn(wf);
    expect(step?.with).toMatchObject({ context: 'one-api', file: 'examples/one-api/Dockerfile.source', push: true });
    expect(String(step?.with?.['cache-from'])).toMatch(/^type=gha\b/);
    expect(String(step?.with?.['cache-to'])).toMatch(/^type=gha\b.*\bmode=max\b/);
  });

  it('the metadata-action example passes its tags, labels and annotations in as they are, created pinned', () => {
    const wf = load('examples/workflows/release-metadata.yml');
    const meta = steps(wf).find((s) => s.uses?.startsWith('docker/metadata-action@'));
    expect(meta?.id).toBe('meta');
    const [step] = oursIn(wf);
    for (const name of ['tags', 'labels', 'annotations', 'version']) expect(step?.with?.[name], name).toBe(`\${{ steps.meta.outputs.${name} }}`);
    expect(step?.with?.['images']).toBeUndefined(); // names come from the full references
    expect(step?.with?.['keep-created']).toBeUndefined(); // the default pins created to the commit's time
    expect(step?.with?.['push']).toBe(true);
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
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
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
    ['a tag instead of a SHA', good.replace(/checkout@\w+ # v7.0.1/, 'checkout@v7'), /not pinned by a 40-hex commit SHA/],
    ['a SHA without its version', good.replace(' # v7.0.1', ''), /no "# vX.Y.Z" comment/],
    ['a SHA nobody checked', good.replace('3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1', '11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2'), /is not the verified/],
    ['an action nobody checked', good.replace('actions/checkout@', 'someone/checkout@'), /someone\/checkout is not in VERIFIED_PINS/],
    ['a step id that does not exist', good.replace('steps.o.outputs', 'steps.p.outputs'), /steps\.p is not a step id/],
    ['an image name that is not lower-cased', good.replace('encoders: cl100k_base', 'images: ghcr.io/${{ github.repository_owner }}/x'), /is not lower-cased/],
    ['an input action.yml lacks', good.replace('encoders: cl100k_base', 'encoder: cl100k_base'), /with\.encoder is not an input/],
    ['a workflow input nobody declared', good.replace('steps.o.outputs.digest }}', 'steps.o.outputs.digest }} ${{ inputs.version }}'), /inputs\.version is not an input of workflow_dispatch or workflow_call/],
    ['a deprecated input', good.replace('encoders: cl100k_base', 'tag-prefix: old-'), /with\.tag-prefix is deprecated in action\.yml \(Deprecated: flavor prefix=/],
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
