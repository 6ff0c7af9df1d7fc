// The plan with a gateway: what the profile changes in each mode (encoders, consumers, the
// overlay's variables, the verdict's profile), `auto` reading the base once before anything
// else is asked, and every gateway input error raised before git, the engine or a registry.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineFacts } from '../../../src/build/engine-facts.js';
import { InputError } from '../../../src/errors.js';
import { INPUT_DEFAULTS, rawInputsFrom, type InputName } from '../../../src/inputs/names.js';
import { memoryLogger } from '../../../src/log/logger.js';
import type { ImageConfigFacts, ImageFacts } from '../../../src/oci/base-platforms.js';
import { plan, type Plan, type PlanDeps, type PlanFacts } from '../../../src/pipeline/plan.js';

const dir = mkdtempSync(join(tmpdir(), 'plan-gateway-'));
const ENGINE: EngineFacts = { driver: 'docker-container', containerdStore: false, loadsMultiPlatform: false };
const BASE = 'r.io/gw/base:1';

let calls: string[];
let log: ReturnType<typeof memoryLogger>;
let bases: Record<string, ImageFacts>;

const config = (c: Partial<ImageConfigFacts>): ImageConfigFacts => ({ env: [], entrypoint: [], cmd: [], labels: {}, ...c });

beforeEach(() => {
  calls = [];
  log = memoryLogger();
  bases = {
    [BASE]: { platforms: ['linux/amd64', 'linux/arm64'], config: config({ entrypoint: ['/one-api'] }) },
    'r.io/gw/litellm:1': { platforms: ['linux/amd64'], config: config({ entrypoint: ['litellm'], cmd: ['--port', '4000'] }) },
    'r.io/gw/plain:1': { platforms: ['linux/amd64'], config: config({ entrypoint: ['/bin/app'] }) },
  };
});

const facts: PlanFacts = {
  defaultCacheRoot: join(dir, 'cache-root'),
  processEnv: {},
  git: vi.fn(async () => {
    calls.push('git');
    return { sha: '0123456789abcdef0123456789abcdef01234567', ref: 'refs/tags/v1.2.3', commitTime: 1_700_000_000 };
  }),
};

const deps = (): PlanDeps => ({
  log,
  addSecret: () => undefined,
  probeEngine: async () => {
    calls.push('engine');
    return ENGINE;
  },
  readPlatforms: async (ref) => {
    calls.push(`platforms:${ref}`);
    const found = bases[ref];
    if (!found) throw new Error(`GET ${ref} answered HTTP 404`);
    return [...found.platforms];
  },
  readBaseFacts: async (ref, prefer) => {
    calls.push(`facts:${ref}:${(prefer ?? []).join(',')}`);
    const found = bases[ref];
    if (!found) throw new Error(`GET https://r.io/v2/gw/missing/manifests/1 answered HTTP 401 (log in to r.io)`);
    return found;
  },
});

const run = (values: Partial<Record<InputName, string>>, extra: Partial<PlanFacts> = {}): Promise<Plan> => plan(rawInputsFrom({ ...INPUT_DEFAULTS, 'cache-dir': join(dir, 'cache'), ...values }), { ...facts, ...extra }, deps());

async function rejected(values: Partial<Record<InputName, string>>, extra: Partial<PlanFacts> = {}): Promise<InputError> {
  const error = await run(values, extra).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('plan with a named gateway', () => {
  it('one-api overlay (buildx): its encoders and reader, the default variables (no imageEnv: the image stays as generic makes it)', async () => {
    const p = await run({ gateway: 'one-api', 'base-image': BASE });
    expect(p.mode).toBe('build');
    expect(p.gateway).toMatchObject({ profile: { name: 'one-api' }, by: 'input' });
    expect(p.prepareOptions.encodings).toEqual(['cl100k_base', 'o200k_base']);
    expect(p.verifyOptions).toMatchObject({ consumers: ['tiktoken-go'], gateway: { name: 'one-api' } });
    expect(p.mode === 'build' && p.buildOptions.imageEnv).toBeUndefined();
  });

  it('litellm (registry engine): the overlay also sets CUSTOM_TIKTOKEN_CACHE_DIR to cache-path', async () => {
    const p = await run({ gateway: 'litellm', 'base-image': 'r.io/gw/litellm:1', engine: 'registry', archive: join(dir, 'out.oci.tar'), platforms: 'linux/amd64', 'cache-path': '/opt/tk' });
    expect(p.mode === 'build' && p.buildOptions.imageEnv).toEqual([
      ['TIKTOKEN_CACHE_DIR', '/opt/tk'],
      ['DATA_GYM_CACHE_DIR', '/opt/tk'],
      ['CUSTOM_TIKTOKEN_CACHE_DIR', '/opt/tk'],
    ]);
    expect(p.verifyOptions.consumers).toEqual(['tiktoken']);
    expect(p.prepareOptions.encodings).toEqual(['cl100k_base']);
  });

  it('generic is today: the four default encodings, both readers, no imageEnv', async () => {
    const p = await run({ 'base-image': BASE });
    expect(p.gateway).toMatchObject({ profile: { name: 'generic' }, by: 'input', why: 'the gateway input' });
    expect(p.prepareOptions.encodings).toEqual(['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base']);
    expect(p.verifyOptions.consumers).toEqual(['tiktoken', 'tiktoken-go']);
    expect(p.mode === 'build' && p.buildOptions.imageEnv).toBeUndefined();
    expect(calls.some((c) => c.startsWith('facts:'))).toBe(false);
  });

  it.each<[string, Partial<Record<InputName, string>>, Partial<PlanFacts>, string, RegExp]>([
    ['prepare', { build: 'false', gateway: 'dify-api' }, {}, 'prepare', /^gpt2$/],
    ['merge', { 'merge-digests': `sha256:${'a'.repeat(64)}`, images: 'r.io/gw/out', 'image-version': 'v1', gateway: 'dify-plugin-daemon' } as Partial<Record<InputName, string>>, {}, 'merge', /o200k_base,cl100k_base,p50k_base,r50k_base,p50k_edit,gpt2/],
    ['verify', { images: 'r.io/gw/out:1', gateway: 'dify-api' }, { verifyOnly: true }, 'verify', /r50k_base,p50k_base,cl100k_base,o200k_base/],
  ])('%s takes the profile too', async (_mode, values, extra, mode, encodings) => {
    const p = await run({ ...values, version: 'v1' }, extra);
    expect(p.mode).toBe(mode);
    expect(p.prepareOptions.encodings.join(',')).toMatch(encodings);
    expect(p.verifyOptions.gateway?.name).toBe(values.gateway);
    // verify reads the encoder set from the image's manifest.json when encoders is not given.
    if (mode === 'verify') expect(p.verifyOptions.encodersFromImage).toBe(true);
  });
});

describe('plan with gateway: auto', () => {
  it('reads the base once (platforms and config), picks the profile, logs why, and re-reads the inputs for it', async () => {
    const p = await run({ gateway: 'auto', 'base-image': BASE });
    expect(p.gateway).toMatchObject({ profile: { name: 'one-api' }, by: 'auto' });
    expect(p.gateway.why).toBe(`${BASE}: its entrypoint runs /one-api, One API's program`);
    expect(log.lines).toContain(`gateway: auto → one-api (${BASE}: its entrypoint runs /one-api, One API's program)`);
    expect(p.prepareOptions.encodings).toEqual(['cl100k_base', 'o200k_base']);
    expect(p.verifyOptions).toMatchObject({ consumers: ['tiktoken-go'], gateway: { name: 'one-api' } });
    // The base's platforms came with its config: its registry is not asked again.
    expect(calls.filter((c) => c.includes(BASE))).toEqual([`facts:${BASE}:linux/amd64,linux/arm64`]);
  });

  it('registry engine, platforms: auto, a LiteLLM base: the platforms from the same read, and the overlay variables', async () => {
    const p = await run({ gateway: 'auto', 'base-image': 'r.io/gw/litellm:1', engine: 'registry', archive: join(dir, 'out.oci.tar'), platforms: 'auto' });
    expect(p.mode === 'build' && p.buildOptions.platforms).toEqual(['linux/amd64']);
    expect(p.mode === 'build' && p.buildOptions.imageEnv?.map(([k]) => k)).toEqual(['TIKTOKEN_CACHE_DIR', 'DATA_GYM_CACHE_DIR', 'CUSTOM_TIKTOKEN_CACHE_DIR']);
    expect(calls.filter((c) => c.includes('litellm'))).toEqual(['facts:r.io/gw/litellm:1:']);
  });

  it('nothing recognised: generic, said so', async () => {
    const p = await run({ gateway: 'auto', 'base-image': 'r.io/gw/plain:1', platforms: 'linux/amd64' });
    expect(p.gateway.profile.name).toBe('generic');
    expect(log.lines.join('\n')).toMatch(/gateway: auto → generic \(nothing in the config of r\.io\/gw\/plain:1 names a known gateway/);
    expect(p.prepareOptions.encodings).toEqual(['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base']);
  });

  it('an unreadable base is an input error naming gateway, before git or the engine', async () => {
    const error = await rejected({ gateway: 'auto', 'base-image': 'r.io/gw/missing:1' });
    expect(error.input).toBe('gateway');
    expect(error.message).toContain('gateway: auto could not read the config of r.io/gw/missing:1');
    expect(error.message).toContain('HTTP 401');
    expect(error.message).toMatch(/name the gateway \(e\.g\. gateway: one-api\)/);
    expect(calls).toEqual(['facts:r.io/gw/missing:1:linux/amd64,linux/arm64']);
  });

  it("the chosen gateway's checks run on the inputs as given: encoders without what One API loads", async () => {
    const error = await rejected({ gateway: 'auto', 'base-image': BASE, encoders: 'cl100k_base' });
    expect(error.input).toBe('encoders');
    expect(error.message).toContain('One API needs o200k_base');
    expect(calls).toEqual([`facts:${BASE}:linux/amd64,linux/arm64`]);
  });
});

describe('gateway input errors come before anything is asked', () => {
  it.each<[string, Partial<Record<InputName, string>>, Partial<PlanFacts>, InputName, RegExp]>([
    ['an unknown gateway', { gateway: 'one_api', 'base-image': BASE }, {}, 'gateway', /got:\s+"one_api"/],
    ['auto in Dockerfile mode', { gateway: 'auto' }, {}, 'gateway', /Dockerfile mode has no base-image/],
    ['auto in verify', { gateway: 'auto', images: 'r.io/x:1' }, { verifyOnly: true }, 'gateway', /verify reads an image that is already built/],
    ['cache-path in Open WebUI\'s volume', { gateway: 'open-webui', 'base-image': BASE, 'cache-path': '/app/backend/data/cache/tiktoken' }, {}, 'cache-path', /under \/app\/backend\/data, Open WebUI's data volume/],
    ['cache-path in One API\'s volume, prepare only', { gateway: 'one-api', build: 'false', 'cache-path': '/data/tiktoken' }, {}, 'cache-path', /under \/data, One API's data volume/],
    ['cache-path in the volume, verify', { gateway: 'dify-api', images: 'r.io/x:1', 'cache-path': '/app/api/storage/tk' }, { verifyOnly: true }, 'cache-path', /Dify's storage volume/],
    ['encoders without what the gateway loads', { gateway: 'litellm', 'base-image': BASE, encoders: 'o200k_base' }, {}, 'encoders', /LiteLLM needs cl100k_base/],
    ['a reader the gateway does not use', { gateway: 'litellm', 'base-image': BASE, consumers: 'tiktoken-go' }, {}, 'consumers', /LiteLLM reads its files with tiktoken, not tiktoken-go/],
  ])('%s', async (_what, values, extra, input, message) => {
    const error = await rejected(values, extra);
    expect(error.input).toBe(input);
    expect(error.message).toMatch(message);
    expect(calls).toEqual([]);
  });
});
