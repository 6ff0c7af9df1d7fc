// engine: registry — every rule checked by plan() before any network call, and no Docker is
// asked anything (the docker binary given to plan does not exist).
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { rawInputsFrom, type InputName } from '../../../src/inputs/names.js';
import { memoryLogger } from '../../../src/log/logger.js';
import { plan } from '../../../src/pipeline/plan.js';

const facts = {
  defaultCacheRoot: '/tmp/h8-plan-cache',
  processEnv: {},
  git: async () => ({ sha: 'a'.repeat(40), commitTime: 1_700_000_000 }),
};
const deps = { log: memoryLogger(), addSecret: () => {}, docker: '/nonexistent/docker' };

function planWith(values: Partial<Record<InputName, string>>) {
  return plan(rawInputsFrom({ platforms: 'linux/amd64,linux/arm64', 'cache-path': '/tiktoken_cache', verify: 'true', ...values }), facts, deps);
}

async function inputError(values: Partial<Record<InputName, string>>): Promise<InputError> {
  const error = await planWith(values).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('engine input', () => {
  it('plans a registry build without probing Docker', async () => {
    const p = await planWith({ engine: 'registry', 'base-image': '127.0.0.1:5000/a/b:1', images: '127.0.0.1:5000/a/c', version: 'v1', push: 'true' });
    expect(p).toMatchObject({ mode: 'build', buildEngine: 'registry' });
    expect('engine' in p).toBe(false);
  });

  it.each([
    [{ engine: 'podman' }, 'engine', /buildx or registry/],
    [{ engine: 'registry', images: 'r/x', version: 'v1', push: 'true' }, 'engine', /base-image/],
    [{ engine: 'registry', 'base-image': 'r/b:1', archive: '/tmp/x.tar', load: 'true' }, 'load', /push the image or write an archive/],
    [{ engine: 'registry', 'base-image': 'r/b:1', archive: '/tmp/x.tar', 'build-args': 'A=1' }, 'build-args', /runs no Dockerfile/],
    [{ engine: 'registry', 'base-image': 'r/b:1', archive: '/tmp/x.tar', annotations: 'org.opencontainers.image.title=x' }, 'annotations', /use engine: buildx/],
    [{ engine: 'registry', 'base-image': 'r/b:1' }, 'engine', /neither push nor archive/],
    [{ engine: 'registry', 'base-image': 'ftp://x/y', archive: '/tmp/x.tar' }, 'base-image', /unknown scheme/],
    [{ engine: 'registry', 'base-image': 'oci-archive://', archive: '/tmp/x.tar' }, 'base-image', /needs a path/],
    [{ 'cache-image': 'r/x', build: 'false' }, 'cache-image', /name:tag/],
  ] as const)('%o → input error on %s', async (values, input, text) => {
    const error = await inputError(values);
    expect(error.input).toBe(input);
    expect(error.message).toMatch(text);
  });

  it('keeps cache-image in a prepare-only plan', async () => {
    expect(await planWith({ build: 'false', 'cache-image': '127.0.0.1:5000/a/cache:v1' })).toMatchObject({ mode: 'prepare', cacheImage: { reference: '127.0.0.1:5000/a/cache:v1', cachePath: '/tiktoken_cache', platforms: ['linux/amd64', 'linux/arm64'], verify: true } });
  });
});
