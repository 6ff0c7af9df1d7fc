import { describe, expect, it } from 'vitest';
import { registryCredentials } from '../../../src/pipeline/registry-auth.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const config = JSON.stringify({
  auths: {
    'ghcr.io': { auth: b64('octo:ghp_token:with:colons') },
    'https://index.docker.io/v1/': { auth: b64('hubuser:hubpass') },
    'registry.local:5000': { username: 'u', password: 'p' },
    'broken.example': { auth: b64('no-colon') },
  },
});

describe('registryCredentials', () => {
  it.each([
    ['ghcr.io', { username: 'octo', password: 'ghp_token:with:colons' }],
    ['docker.io', { username: 'hubuser', password: 'hubpass' }],
    ['registry.local:5000', { username: 'u', password: 'p' }],
    ['broken.example', undefined],
    ['quay.io', undefined],
  ])('%s', (registry, expected) => {
    expect(registryCredentials(config, registry)).toEqual(expected);
  });

  it.each([[undefined], [''], ['not json'], ['{}']])('no usable config (%j) → anonymous', (text) => {
    expect(registryCredentials(text, 'ghcr.io')).toBeUndefined();
  });
});
