// `gateway: auto`: the profile a base's config points to, as the gateways' own images are
// configured (profiles.ts names the files these configs come from), and why.
import { describe, expect, it } from 'vitest';
import { detectGateway } from '../../../src/gateways/detect.js';
import type { GatewayName } from '../../../src/gateways/profiles.js';
import type { ImageConfigFacts } from '../../../src/oci/base-platforms.js';

const config = (c: Partial<ImageConfigFacts>): ImageConfigFacts => ({ env: ['PATH=/usr/bin:/bin'], entrypoint: [], cmd: [], labels: {}, ...c });
const SOURCE = 'org.opencontainers.image.source';

describe('detectGateway', () => {
  it.each<[string, ImageConfigFacts, GatewayName, RegExp]>([
    ['One API (label from metadata-action)', config({ labels: { [SOURCE]: 'https://github.com/songquanpeng/one-api' }, entrypoint: ['/one-api'] }), 'one-api', /label org\.opencontainers\.image\.source=https:\/\/github\.com\/songquanpeng\/one-api is One API's repository/],
    ['One API (entrypoint only)', config({ entrypoint: ['/one-api'] }), 'one-api', /its entrypoint runs \/one-api, One API's program/],
    ['new-api (QuantumNous label, .git, any case)', config({ labels: { [SOURCE]: 'https://GitHub.com/QuantumNous/new-api.git' } }), 'new-api', /new-api's repository/],
    ['new-api (entrypoint)', config({ entrypoint: ['/new-api'] }), 'new-api', /entrypoint runs \/new-api/],
    ['LiteLLM (entrypoint litellm)', config({ entrypoint: ['litellm'], cmd: ['--port', '4000'] }), 'litellm', /entrypoint runs litellm, LiteLLM's program/],
    ['LiteLLM non-root image', config({ env: ['LITELLM_NON_ROOT=true'], entrypoint: ['/app/docker/prod_entrypoint.sh'], cmd: ['--port', '4000'] }), 'litellm', /prod_entrypoint\.sh/],
    ['LiteLLM by path of its program', config({ entrypoint: ['/usr/local/bin/litellm'] }), 'litellm', /runs \/usr\/local\/bin\/litellm/],
    ['Open WebUI', config({ env: ['WEBUI_SECRET_KEY=', 'TIKTOKEN_ENCODING_NAME=cl100k_base', 'TIKTOKEN_CACHE_DIR=/app/backend/data/cache/tiktoken'], cmd: ['bash', 'start.sh'] }), 'open-webui', /it sets WEBUI_SECRET_KEY, TIKTOKEN_ENCODING_NAME, as Open WebUI's image does/],
    ['Dify API', config({ env: ['FLASK_APP=app.py', 'EDITION=SELF_HOSTED', 'DEPLOY_ENV=PRODUCTION', 'TIKTOKEN_CACHE_DIR=/app/api/.tiktoken_cache'], entrypoint: ['/bin/bash', '/entrypoint.sh'] }), 'dify-api', /FLASK_APP, EDITION, DEPLOY_ENV/],
    ['Dify plugin daemon (sh -c cmd)', config({ entrypoint: ['/usr/bin/tini', '-g', '--'], cmd: ['/bin/bash', '-c', '/app/commandline migrate && exec /app/main'] }), 'dify-plugin-daemon', /its cmd runs \/app\/main/],
    ['Dify plugin daemon (variables)', config({ env: ['UV_PATH=/usr/local/bin/uv', 'PLATFORM=local', 'GIN_MODE=release'], cmd: ['/bin/bash', '-c', '/app/entrypoint.sh'] }), 'dify-plugin-daemon', /UV_PATH, PLATFORM, GIN_MODE/],
  ])('%s → %s', (_what, facts, name, why) => {
    const choice = detectGateway(facts, 'r.io/base:1');
    expect(choice.profile.name).toBe(name);
    expect(choice.by).toBe('auto');
    expect(choice.why).toMatch(why);
    expect(choice.why.startsWith('r.io/base:1: ')).toBe(true);
  });

  it('a label wins over a program of another gateway (a fork that kept the old entrypoint)', () => {
    const choice = detectGateway(config({ labels: { [SOURCE]: 'https://github.com/Calcium-Ion/new-api' }, entrypoint: ['/one-api'] }), 'b');
    expect(choice.profile.name).toBe('new-api');
  });

  it('nothing recognised is generic, and says what was looked at', () => {
    const choice = detectGateway(config({ entrypoint: ['/usr/bin/python3'], labels: { [SOURCE]: 'https://github.com/acme/gateway' } }), 'r.io/acme:1');
    expect(choice.profile.name).toBe('generic');
    expect(choice.why).toBe('nothing in the config of r.io/acme:1 names a known gateway (org.opencontainers.image.source label, entrypoint, cmd, variables), so generic');
  });

  it('two gateways at the same strength is generic, naming both', () => {
    const choice = detectGateway(config({ entrypoint: ['/one-api'], cmd: ['/new-api'] }), 'b');
    expect(choice.profile.name).toBe('generic');
    expect(choice.why).toMatch(/fits more than one gateway \(one-api: .*; new-api: .*\), so generic; name the gateway/);
  });

  it('a part of a word is no sign (a program named one-api-helper, a repository one-api-fork)', () => {
    expect(detectGateway(config({ entrypoint: ['/one-api-helper'] }), 'b').profile.name).toBe('generic');
    expect(detectGateway(config({ labels: { [SOURCE]: 'https://github.com/songquanpeng/one-api-fork' } }), 'b').profile.name).toBe('generic');
    expect(detectGateway(config({ env: ['UV_PATH=/x', 'PLATFORM=local'] }), 'b').profile.name).toBe('generic');
  });

  it('a hostile label is shown short and printable', () => {
    const label = `https://github.com/songquanpeng/one-api\u001b[2J${'x'.repeat(500)}`;
    const choice = detectGateway(config({ labels: { [SOURCE]: label }, entrypoint: ['/new-api'] }), 'b');
    // Not a repository URL: the label is no sign, the entrypoint decides.
    expect(choice.profile.name).toBe('new-api');
    const shown = detectGateway(config({ cmd: [`/app/main\u0007${'y'.repeat(300)}`, '/app/main'] }), 'b\u0000c');
    expect(shown.why).not.toMatch(/[\u0000-\u001f]/);
    expect(shown.why.length).toBeLessThan(400);
  });
});
