// attest-key and attest-key-password in the plan: the key is opened before git, the engine or
// a registry is asked; every bad key is a named InputError; both are registered as secrets
// before anything, and no error text carries them.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { INPUT_DEFAULTS, rawInputsFrom, type InputName } from '../../../src/inputs/names.js';
import { memoryLogger } from '../../../src/log/logger.js';
import { plan, type Plan } from '../../../src/pipeline/plan.js';
import { attestationManifest, attestationTag, envelopeLayer } from '../../../src/attest/cosign-layout.js';
import { withAttestKeyFile } from '../../../src/cli/attest-key-file.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/attest/${name}`, import.meta.url), 'utf8');
const KEY = fixture('cosign.key');
const PUB = fixture('cosign.pub');
const PASSWORD = 'fixture pass: not a secret';
const dir = mkdtempSync(join(tmpdir(), 'attest-plan-'));

async function planWith(values: Partial<Record<InputName, string>>, run = {}): Promise<{ result: Plan | InputError; calls: string[]; secrets: string[] }> {
  const calls: string[] = [];
  const secrets: string[] = [];
  const inputs = { ...INPUT_DEFAULTS, engine: 'registry', 'base-image': 'r.io/lib/base:1', images: 'r.io/x', push: 'true', 'cache-dir': join(dir, 'cache'), ...values };
  const result = await plan(rawInputsFrom(inputs), {
    defaultCacheRoot: join(dir, 'root'),
    processEnv: {},
    git: async () => {
      calls.push('git');
      return { sha: 'a'.repeat(40), ref: 'refs/tags/v1.0.0', commitTime: 1_700_000_000 };
    },
    run,
  }, {
    log: memoryLogger(),
    addSecret: (s) => void secrets.push(s),
    readPlatforms: async (ref) => {
      calls.push(`registry:${ref}`);
      return ['linux/amd64', 'linux/arm64'];
    },
  }).catch((error: unknown) => {
    if (error instanceof InputError) return error;
    throw error;
  });
  return { result, calls, secrets };
}

describe('attest-key in the plan', () => {
  it('opens the key (registry engine) and carries the run facts; key lines and password are secrets', async () => {
    const { result, calls, secrets } = await planWith({ 'attest-key': KEY, 'attest-key-password': PASSWORD }, { repository: 'o/r', runId: '7' });
    expect(result).not.toBeInstanceOf(InputError);
    const p = result as Plan;
    expect(p.mode === 'build' && p.buildEngine === 'registry' && p.attest?.run).toEqual({ repository: 'o/r', runId: '7' });
    expect(p.mode === 'build' && p.buildEngine === 'registry' && p.attest?.key.publicKeyPem.trim()).toBe(PUB.trim());
    expect(calls.sort()).toEqual(['git', 'registry:r.io/lib/base:1']);
    const body = KEY.split('\n').filter((l) => l && !l.startsWith('-----'));
    expect(secrets).toEqual(expect.arrayContaining([PASSWORD, ...body]));
  });

  it('every bad key is a named input error before git or a registry is asked', async () => {
    const cases: Array<[Partial<Record<InputName, string>>, string, RegExp]> = [
      [{ 'attest-key': KEY, 'attest-key-password': 'wrong' }, 'attest-key-password', /wrong password/],
      [{ 'attest-key': PUB, 'attest-key-password': PASSWORD }, 'attest-key', /public key where the private key is needed/],
      [{ 'attest-key': 'not a key', 'attest-key-password': PASSWORD }, 'attest-key', /no PEM block/],
      [{ 'attest-key': KEY, 'attest-key-password': PASSWORD, push: 'false', archive: join(dir, 'x.tar') }, 'attest-key', /needs push: true/],
      [{ 'attest-key': KEY, 'attest-key-password': PASSWORD, verify: 'false' }, 'attest-key', /needs verify: true/],
      [{ 'attest-key-password': PASSWORD }, 'attest-key-password', /attest-key is empty/],
    ];
    for (const [values, input, message] of cases) {
      const { result, calls } = await planWith(values);
      expect(result, JSON.stringify(Object.keys(values))).toBeInstanceOf(InputError);
      const error = result as InputError;
      expect([error.input, error.message]).toEqual([input, expect.stringMatching(message)]);
      expect(calls).toEqual([]);
      expect(error.message).not.toContain(PASSWORD);
      for (const line of KEY.split('\n').filter((l) => l && !l.startsWith('-----'))) expect(error.message).not.toContain(line);
    }
  });

  it('the CLI reads --attest-key FILE and takes the password from COSIGN_PASSWORD unless given', async () => {
    const path = new URL('../../../fixtures/attest/cosign.key', import.meta.url).pathname;
    expect(await withAttestKeyFile({ 'attest-key': path }, { COSIGN_PASSWORD: 'p1' })).toEqual({ 'attest-key': KEY, 'attest-key-password': 'p1' });
    expect((await withAttestKeyFile({ 'attest-key': path, 'attest-key-password': 'p2' }, { COSIGN_PASSWORD: 'p1' }))['attest-key-password']).toBe('p2');
    await expect(withAttestKeyFile({ 'attest-key': join(dir, 'missing.key') }, {})).rejects.toThrow(/--attest-key .*missing\.key cannot be read/);
  });
});

describe("cosign's attestation layout", () => {
  it('the .att manifest and config are byte for byte what cosign 2.5 pushed for the same envelope', () => {
    const theirs = fixture('cosign-2.5-att-manifest.json');
    const layer = (JSON.parse(theirs) as { layers: Array<{ size: number; digest: string; annotations: { predicateType: string } }> }).layers[0]!;
    const ours = envelopeLayer(Buffer.alloc(layer.size), layer.annotations.predicateType);
    const { manifest, config } = attestationManifest([{ ...ours, digest: layer.digest }]);
    expect(manifest.toString()).toBe(theirs);
    expect(config.toString()).toBe(fixture('cosign-2.5-att-config.json'));
    expect(attestationTag(`sha256:${'ab'.repeat(32)}`)).toBe(`sha256-${'ab'.repeat(32)}.att`);
  });
});
