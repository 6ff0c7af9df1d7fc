// `plan` is the only reader of raw inputs: one table per mode. Git, the engine and the base
// image's registry are fakes that record their calls, so every invalid input is shown to be
// rejected before any of them is asked (and a valid one asks each at most once).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineFacts } from '../../../src/build/engine-facts.js';
import { InputError } from '../../../src/errors.js';
import { INPUT_DEFAULTS, rawInputsFrom, type InputName } from '../../../src/inputs/names.js';
import { memoryLogger } from '../../../src/log/logger.js';
import { plan, type Plan, type PlanDeps, type PlanFacts } from '../../../src/pipeline/plan.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const DIGEST = `sha256:${'a'.repeat(64)}`;
const ENGINE: EngineFacts = { driver: 'docker', containerdStore: true, loadsMultiPlatform: true };

const dir = mkdtempSync(join(tmpdir(), 'plan-test-'));
const context = join(dir, 'ctx');
const secretFile = join(dir, 'key.pem');
writeFileSync(secretFile, 'file-secret');
const { mkdirSync } = await import('node:fs');
mkdirSync(context);
writeFileSync(
  join(context, 'Dockerfile'),
  ['ARG BASE=r.io/lib/base:1', 'FROM --platform=$BUILDPLATFORM r.io/lib/go:1 AS build', 'FROM ${BASE}', 'COPY --from=build /x /x', 'COPY --from=tiktoken . /tiktoken_cache', ''].join('\n'),
);

let calls: string[];
let secrets: string[];
let log: ReturnType<typeof memoryLogger>;
let basePlatforms: Record<string, string[]>;

beforeEach(() => {
  calls = [];
  secrets = [];
  log = memoryLogger();
  basePlatforms = { 'r.io/lib/base:1': ['linux/amd64', 'linux/arm64/v8'], 'r.io/one-api:v1': ['linux/amd64', 'unknown/unknown'] };
});

function facts(env: Record<string, string> = {}): PlanFacts {
  return {
    defaultCacheRoot: join(dir, 'cache-root'),
    processEnv: env,
    git: vi.fn(async () => {
      calls.push('git');
      return { sha: SHA, ref: 'refs/tags/v1.2.3', commitTime: 1_700_000_000 };
    }),
    repositoryUrl: 'https://github.com/o/r',
  };
}

function deps(engine: EngineFacts = ENGINE): PlanDeps {
  return {
    log,
    addSecret: (s) => void secrets.push(s),
    probeEngine: async (builder) => {
      calls.push(`engine${builder ? `:${builder}` : ''}`);
      return engine;
    },
    readPlatforms: async (ref) => {
      calls.push(`registry:${ref}`);
      const found = basePlatforms[ref];
      if (!found) throw new Error(`GET ${ref} answered HTTP 404`);
      return found;
    },
    // What an overlay's base serves is read by test/unit/base-floor/plan-floor.test.ts.
    readFloor: async () => undefined,
  };
}

const run = (values: Partial<Record<InputName, string>>, extra: Partial<PlanFacts> = {}, env: Record<string, string> = {}): Promise<Plan> =>
  plan(rawInputsFrom({ ...INPUT_DEFAULTS, ...values }), { ...facts(env), ...extra }, deps());

describe('plan: one result per mode', () => {
  it('prepare (build: false): no git, no engine, no registry', async () => {
    const p = await run({ build: 'false', 'cache-path': '/opt/tk/' });
    expect(p).toMatchObject({ mode: 'prepare', cachePath: '/opt/tk' });
    expect(calls).toEqual([]);
  });

  it('verify: the source to read and cache-path, nothing asked', async () => {
    expect(await run({ images: `r.io/a@${DIGEST}` }, { verifyOnly: true })).toMatchObject({ mode: 'verify', source: { kind: 'image', reference: `r.io/a@${DIGEST}` }, cachePath: '/tiktoken_cache' });
    expect(await run({ archive: '/x/img.tar' }, { verifyOnly: true })).toMatchObject({ mode: 'verify', source: { kind: 'archive', path: '/x/img.tar' } });
    expect(calls).toEqual([]);
  });

  it('merge: builder, verify, annotations and tags parsed; git only for the default version', async () => {
    const p = await run({ 'merge-digests': DIGEST, images: 'r.io/A', builder: 'b1', verify: 'false', annotations: 'org.opencontainers.image.title=x' });
    expect(p.mode).toBe('merge');
    if (p.mode !== 'merge') return;
    expect(p.merge).toMatchObject({ images: ['r.io/a'], digests: [DIGEST], builder: 'b1', verify: false, version: 'v1.2.3', annotations: ['index:org.opencontainers.image.title=x'] });
    expect(p.merge.tags).toContain('r.io/a:offline-v1.2.3');
    expect(calls).toEqual(['git']);
    calls = [];
    await run({ 'merge-digests': DIGEST, images: 'r.io/a', version: 'v2.0.0' });
    expect(calls).toEqual([]);
  });

  it.each<[string, Partial<Record<InputName, string>>, string, string[]]>([
    ['metadata-action\'s clock time: the commit\'s time, git asked for it', {}, 'index:org.opencontainers.image.created=2023-11-14T22:13:20Z', ['git']],
    ['source-date-epoch given: that time, no git', { 'source-date-epoch': '1600000000' }, 'index:org.opencontainers.image.created=2020-09-13T12:26:40Z', []],
    ['keep-created: as given, no git', { 'keep-created': 'true' }, 'index:org.opencontainers.image.created=2026-12-08T03:41:07.123Z', []],
  ])('merge: a created annotation, %s', async (_name, values, want, asked) => {
    const p = await run({ 'merge-digests': DIGEST, images: 'r.io/a', version: 'v2.0.0', annotations: 'index:org.opencontainers.image.created=2026-12-08T03:41:07.123Z', ...values });
    expect(p.mode === 'merge' && p.merge.annotations).toEqual([want]);
    expect(calls).toEqual(asked);
  });

  it('build (overlay): engine and git once, the base read once, platforms checked', async () => {
    const p = await run({ 'base-image': 'r.io/lib/base:1', images: 'r.io/x', push: 'true', secrets: 'npm=tok-1', 'secret-files': `key=${secretFile}`, 'secret-envs': 'gh=GH_TOKEN' }, {}, { GH_TOKEN: 'env-secret' });
    expect(p.mode).toBe('build');
    if (p.mode !== 'build') return;
    expect(p.buildOptions.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(p.engine).toEqual(ENGINE);
    expect(calls.sort()).toEqual(['engine', 'git', 'registry:r.io/lib/base:1']);
    expect(secrets).toEqual(expect.arrayContaining(['tok-1', 'env-secret']));
  });

  it('build (overlay) with platforms: auto takes the base platforms, attestations left out', async () => {
    const p = await run({ 'base-image': 'r.io/one-api:v1', platforms: 'auto', images: 'r.io/x', push: 'true' });
    expect(p.mode === 'build' && p.buildOptions.platforms).toEqual(['linux/amd64']);
  });

  it('build (Dockerfile): FROM images resolved with build-args, build stages and $BUILDPLATFORM skipped', async () => {
    const p = await run({ context, 'build-args': 'UNUSED=1' });
    expect(p.mode).toBe('build');
    expect(calls.filter((c) => c.startsWith('registry:'))).toEqual(['registry:r.io/lib/base:1']);
    expect(log.lines.join('\n')).toMatch(/FROM r\.io\/lib\/go:1 skipped \(runs on the build platform/);
    calls = [];
    await run({ context, 'build-args': 'BASE=r.io/one-api:v1', platforms: 'linux/amd64' });
    expect(calls.filter((c) => c.startsWith('registry:'))).toEqual(['registry:r.io/one-api:v1']);
  });

  it('a base that cannot be read is a warning unless platforms is auto', async () => {
    const p = await run({ 'base-image': 'r.io/private:1' });
    expect(p.mode).toBe('build');
    expect(log.lines.join('\n')).toMatch(/warning: could not read the platforms of r\.io\/private:1/);
    await expect(run({ 'base-image': 'r.io/private:1', platforms: 'auto' })).rejects.toThrow(/platforms: auto could not read the platforms of r\.io\/private:1/);
  });

  it('a requested platform the base lacks stops the run, naming the base and its platforms', async () => {
    const error = await run({ 'base-image': 'r.io/one-api:v1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe('platforms');
    expect((error as Error).message).toMatch(/the base image r\.io\/one-api:v1 has no linux\/arm64/);
    expect((error as Error).message).toMatch(/platforms r\.io\/one-api:v1 has: linux\/amd64/);
    expect((error as Error).message).toMatch(/platforms: auto/);
    // Checked before the build: git and the engine were asked, nothing else ran.
    expect(calls.sort()).toEqual(['engine', 'git', 'registry:r.io/one-api:v1']);
  });
});

describe('plan: every invalid input is rejected before git, the engine or a registry is asked', () => {
  it.each<[string, Partial<Record<InputName, string>>, InputName, Record<string, string>?]>([
    // prepare
    ['an unknown encoder', { encoders: 'nope_base' }, 'encoders'],
    ['build not a boolean', { build: 'maybe' }, 'build'],
    // merge
    ['merge: verify not a boolean', { 'merge-digests': DIGEST, images: 'r.io/a', verify: 'sometimes' }, 'verify'],
    ['merge: a manifest annotation', { 'merge-digests': DIGEST, images: 'r.io/a', annotations: 'manifest:a=b' }, 'annotations'],
    ['merge: a bad digest', { 'merge-digests': 'sha256:nope', images: 'r.io/a' }, 'merge-digests'],
    ['merge: no images', { 'merge-digests': DIGEST }, 'images'],
    ['merge: a bad flavor', { 'merge-digests': DIGEST, images: 'r.io/a', flavor: 'latest=sometimes' }, 'flavor'],
    ['merge: a relative cache-path', { 'merge-digests': DIGEST, images: 'r.io/a', 'cache-path': 'tk' }, 'cache-path'],
    ['merge: push-by-digest too', { 'merge-digests': DIGEST, images: 'r.io/a', 'push-by-digest': 'true' }, 'push-by-digest'],
    // build
    ['build: verify not a boolean', { verify: 'sometimes' }, 'verify'],
    ['build: an unknown platform', { platforms: 'linux/sparc' }, 'platforms'],
    ['build: auto in Dockerfile mode', { platforms: 'auto' }, 'platforms'],
    ['build: push without images', { push: 'true' }, 'push'],
    ['build: a bad version', { images: 'r.io/a', version: 'v 1' }, 'version'],
    ['build: a context named tiktoken', { 'build-contexts': 'tiktoken=.' }, 'build-contexts'],
    ['build: a bad annotation', { annotations: 'layer:a=b' }, 'annotations'],
    ['build: a bad secret', { secrets: 'novalue' }, 'secrets'],
    ['build: a missing secret file', { 'secret-files': `k=${join(dir, 'missing.pem')}` }, 'secret-files'],
    ['build: a secret env that is not set', { 'secret-envs': 'gh=GH_TOKEN' }, 'secret-envs'],
    ['build: an empty secret env', { 'secret-envs': 'gh=GH_TOKEN' }, 'secret-envs', { GH_TOKEN: '' }],
    ['build: bad add-hosts', { 'add-hosts': 'x' }, 'add-hosts'],
    ['build: bad network', { network: 'bridge' }, 'network'],
    ['build: bad provenance', { provenance: 'full' }, 'provenance'],
    ['build: bad source-date-epoch', { 'source-date-epoch': 'now' }, 'source-date-epoch'],
    ['build: bad tags', { images: 'r.io/a', tags: 'r.io/a:-x' }, 'tags'],
    ['build: base-image and file', { 'base-image': 'r.io/b:1', file: 'Dockerfile' }, 'base-image'],
    ['build: a target in overlay mode', { 'base-image': 'r.io/b:1', target: 'x' }, 'target'],
    ['build: no-cache not a boolean', { 'no-cache': 'y' }, 'no-cache'],
    ['build: pull not a boolean', { pull: 'y' }, 'pull'],
    ['build: sbom junk', { sbom: 'a b' }, 'sbom'],
    ['build: a bad cache-to', { 'cache-to': 'type=local, dest=x' }, 'cache-to'],
    ['build: tag-prefix against flavor', { 'tag-prefix': 'a-', flavor: 'prefix=b-' }, 'tag-prefix'],
  ])('%s', async (_name, values, input, env = {}) => {
    let valid = 0;
    const error = await plan(rawInputsFrom({ ...INPUT_DEFAULTS, context, ...values }), facts(env), { ...deps(), inputsValid: () => void valid++ }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe(input);
    expect(calls).toEqual([]);
    // Nothing may start beside the plan (the pipeline's early prepare) for an invalid input.
    expect(valid).toBe(0);
  });

  it('what only git or the engine can decide fails after asking them, and names the input', async () => {
    const oldStore = { ...ENGINE, containerdStore: false, loadsMultiPlatform: false };
    const load = await plan(rawInputsFrom({ ...INPUT_DEFAULTS, context, load: 'true' }), facts(), deps(oldStore)).catch((e: unknown) => e);
    expect((load as InputError).input).toBe('load');
    expect(calls).toContain('engine');
    const noVersion = await plan(rawInputsFrom({ ...INPUT_DEFAULTS, context, images: 'r.io/a', platforms: 'linux/amd64' }), { ...facts(), git: async () => ({}) }, deps()).catch((e: unknown) => e);
    expect((noVersion as InputError).input).toBe('version');
  });
});

describe('plan: the engine, git and the base registry are asked together, once every input is valid', () => {
  it('calls inputsValid once, with the prepare options, before asking any of them', async () => {
    const seen: string[] = [];
    const p = await plan(rawInputsFrom({ ...INPUT_DEFAULTS, 'base-image': 'r.io/lib/base:1', images: 'r.io/x', push: 'true' }), facts(), {
      ...deps(),
      inputsValid: (options) => void seen.push(`inputs-valid:${options.encodings.join(',')}`, `asked-before:${calls.length}`),
    });
    expect(p.mode).toBe('build');
    expect(seen).toEqual([`inputs-valid:${(p as Extract<Plan, { mode: 'build' }>).prepareOptions.encodings.join(',')}`, 'asked-before:0']);
  });

  it('does not wait for one answer before asking the next', async () => {
    let release: () => void = () => undefined;
    const probeHeld = new Promise<void>((resolve) => (release = resolve));
    const pending = plan(rawInputsFrom({ ...INPUT_DEFAULTS, 'base-image': 'r.io/lib/base:1', images: 'r.io/x', push: 'true' }), facts(), {
      ...deps(),
      probeEngine: async () => {
        calls.push('engine');
        await probeHeld;
        return ENGINE;
      },
    });
    await vi.waitFor(() => expect(calls.sort()).toEqual(['engine', 'git', 'registry:r.io/lib/base:1']));
    release();
    expect((await pending).mode).toBe('build');
  });

  it("when several fail, the engine's error wins, on every run (not the fastest one)", async () => {
    const missingBuilder = new InputError('builder', { what: 'buildx builder "nope" does not exist', fix: 'pass an existing builder' });
    for (let i = 0; i < 3; i++) {
      const error = await plan(rawInputsFrom({ ...INPUT_DEFAULTS, 'base-image': 'r.io/none:1', images: 'r.io/x', push: 'true', builder: 'nope' }), facts(), {
        ...deps(),
        probeEngine: async () => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          throw missingBuilder;
        },
        readPlatforms: async () => {
          throw new Error('GET r.io/none:1 answered HTTP 404');
        },
      }).catch((e: unknown) => e);
      expect(error).toBe(missingBuilder);
    }
  });
});
