import { describe, expect, it } from 'vitest';
import { credentialsFromDockerConfig } from '../../../src/oci/docker-credentials.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const config = JSON.stringify({
  auths: {
    'ghcr.io': { auth: b64('octo:ghp_token:with:colons') },
    'https://index.docker.io/v1/': { auth: b64('hubuser:hubpass') },
    'reg.example:5000': { username: 'u', password: 'p' },
    'broken.example': { auth: b64('nocolon') },
  },
  credsStore: 'desktop',
});

describe('credentialsFromDockerConfig', () => {
  it.each([
    ['ghcr.io', { username: 'octo', password: 'ghp_token:with:colons' }],
    ['docker.io', { username: 'hubuser', password: 'hubpass' }],
    ['reg.example:5000', { username: 'u', password: 'p' }],
    ['broken.example', undefined],
    ['quay.io', undefined],
  ])('%s', (registry, want) => {
    expect(credentialsFromDockerConfig(config, registry)).toEqual(want);
  });

  it('returns undefined for text that is not JSON', () => {
    expect(credentialsFromDockerConfig('{', 'ghcr.io')).toBeUndefined();
  });
});
