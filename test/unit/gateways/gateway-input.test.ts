// The `gateway` input and what a profile adds to the other inputs: its defaults for encoders
// and consumers, and the input errors it adds (each naming the input, the value and the fix).
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { checkGatewayCachePath, checkGatewayInputs, gatewayInputs, readGatewayInput } from '../../../src/gateways/gateway-input.js';
import { GATEWAYS, PROFILES } from '../../../src/gateways/profiles.js';
import { rawInputsFrom, type InputName } from '../../../src/inputs/names.js';

const raw = (values: Partial<Record<InputName, string>>) => rawInputsFrom(values);

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('no input error');
}

describe('readGatewayInput', () => {
  it.each(GATEWAYS.map((g) => [g]))('%s names its profile', (name) => {
    const request = readGatewayInput(raw({ gateway: name }), { verifyOnly: false });
    expect(request).toMatchObject({ kind: 'named', choice: { profile: { name }, by: 'input' } });
  });

  it('empty is generic, any case is accepted', () => {
    expect(readGatewayInput(raw({}), { verifyOnly: false })).toMatchObject({ kind: 'named', choice: { profile: { name: 'generic' }, why: 'the gateway input' } });
    expect(readGatewayInput(raw({ gateway: ' LiteLLM ' }), { verifyOnly: false })).toMatchObject({ choice: { profile: { name: 'litellm' } } });
  });

  it('an unknown gateway names the input, the value and every choice', () => {
    const error = inputError(() => readGatewayInput(raw({ gateway: 'oneapi' }), { verifyOnly: false }));
    expect(error.input).toBe('gateway');
    expect(error.message).toContain('"oneapi"');
    expect(error.message).toContain('one-api, new-api, litellm, open-webui, dify-api, dify-plugin-daemon, auto');
  });

  it('auto with base-image (overlay build)', () => {
    expect(readGatewayInput(raw({ gateway: 'auto', 'base-image': 'r.io/x:1' }), { verifyOnly: false })).toEqual({ kind: 'auto' });
  });

  it.each<[string, Partial<Record<InputName, string>>, boolean, RegExp]>([
    ['Dockerfile mode', {}, false, /Dockerfile mode has no base-image/],
    ['prepare only', { 'base-image': 'r.io/x:1', build: 'false' }, false, /build: false makes no image/],
    ['merge', { 'base-image': 'r.io/x:1', 'merge-digests': 'sha256:a' }, false, /merge joins images that are already built/],
    ['verify', { 'base-image': 'r.io/x:1' }, true, /verify reads an image that is already built/],
  ])('auto in %s is an input error', (_what, values, verifyOnly, why) => {
    const error = inputError(() => readGatewayInput(raw({ gateway: 'auto', ...values }), { verifyOnly }));
    expect(error.input).toBe('gateway');
    expect(error.message).toMatch(why);
    expect(error.message).toMatch(/name the gateway/);
  });
});

describe('gatewayInputs: the profile fills what is left empty', () => {
  it('encoders and consumers from the profile; given values win', () => {
    const one = gatewayInputs(raw({}), PROFILES['one-api'], { verifyOnly: false });
    expect(one('encoders')).toBe('cl100k_base,o200k_base');
    expect(one('consumers')).toBe('tiktoken-go');
    const given = gatewayInputs(raw({ encoders: 'all', consumers: 'tiktoken-go' }), PROFILES['one-api'], { verifyOnly: false });
    expect(given('encoders')).toBe('all');
  });

  it('verify keeps encoders empty (the set then comes from the image manifest)', () => {
    expect(gatewayInputs(raw({}), PROFILES['dify-api'], { verifyOnly: true })('encoders')).toBe('');
  });

  it('generic changes nothing (the action defaults apply)', () => {
    const inputs = raw({});
    expect(gatewayInputs(inputs, PROFILES.generic, { verifyOnly: false })).toBe(inputs);
  });
});

describe('checkGatewayInputs', () => {
  it.each([
    ['open-webui', '/app/backend/data/cache/tiktoken', '/app/backend/data', "Open WebUI's data volume"],
    ['open-webui', '/app/backend/data', '/app/backend/data', "Open WebUI's data volume"],
    ['one-api', '/data/tiktoken/', '/data', "One API's data volume"],
    ['new-api', '//data//tk', '/data', "new-api's data volume"],
    ['dify-api', '/app/api/storage/tk', '/app/api/storage', "Dify's storage volume"],
    ['dify-plugin-daemon', '/app/storage/tk', '/app/storage', "the plugin daemon's storage volume"],
  ] as const)('%s: cache-path %s under the volume is refused, naming it', (name, cachePath, volume, what) => {
    const error = inputError(() => checkGatewayCachePath(PROFILES[name], cachePath));
    expect(error.input).toBe('cache-path');
    expect(error.message).toContain(`under ${volume}, ${what}`);
    expect(error.message).toContain('hides what the image holds');
  });

  it.each([
    ['open-webui', '/app/backend/database'],
    ['open-webui', '/tiktoken_cache'],
    ['one-api', '/data2/tk'],
    ['generic', '/data/tk'],
    ['litellm', '/app/tk'],
  ] as const)('%s: cache-path %s is fine', (name, cachePath) => {
    expect(() => checkGatewayCachePath(PROFILES[name], cachePath)).not.toThrow();
  });

  it('consumers naming a reader the gateway does not use', () => {
    const error = inputError(() => checkGatewayInputs(raw({ consumers: 'tiktoken' }), PROFILES['one-api'], { making: true, cachePath: '/tiktoken_cache', encodings: ['cl100k_base', 'o200k_base'] }));
    expect(error.input).toBe('consumers');
    expect(error.message).toContain('One API reads its files with tiktoken-go, not tiktoken');
    expect(() => checkGatewayInputs(raw({ consumers: 'tiktoken-go' }), PROFILES['one-api'], { making: true, cachePath: '/tiktoken_cache', encodings: ['cl100k_base', 'o200k_base'] })).not.toThrow();
  });

  it('encoders given without what the gateway loads, when the run makes the files', () => {
    const error = inputError(() => checkGatewayInputs(raw({ encoders: 'cl100k_base' }), PROFILES['one-api'], { making: true, cachePath: '/tiktoken_cache', encodings: ['cl100k_base'] }));
    expect(error.input).toBe('encoders');
    expect(error.message).toContain('One API needs o200k_base (it loads cl100k_base, o200k_base)');
    expect(error.message).toContain("leave encoders out for One API's set (cl100k_base, o200k_base)");
    // verify and merge check existing images: the verdict says what is missing instead.
    expect(() => checkGatewayInputs(raw({ encoders: 'cl100k_base' }), PROFILES['one-api'], { making: false, cachePath: '/tiktoken_cache', encodings: ['cl100k_base'] })).not.toThrow();
    // open-webui's encoding is a setting: any set will do.
    expect(() => checkGatewayInputs(raw({ encoders: 'o200k_base' }), PROFILES['open-webui'], { making: true, cachePath: '/tiktoken_cache', encodings: ['o200k_base'] })).not.toThrow();
  });
});
