// Where the profile reaches the shared code: the overlay Dockerfile and the registry engine's
// config (the profile's variables; generic byte for byte as before), the base's config read
// for `auto` (one pass, digest-checked), the CLI flag, the outputs, the CLI result and the
// job summary.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overlayDockerfile } from '../../../src/build/overlay.js';
import type { BuildOptions } from '../../../src/build/options.js';
import { parseCliArgs } from '../../../src/cli/args.js';
import { COMMANDS } from '../../../src/cli/commands.js';
import { cliResult } from '../../../src/cli/result.js';
import { namedGateway } from '../../../src/gateways/gateway-input.js';
import { imageEnvOf, withImageEnv } from '../../../src/gateways/image-env.js';
import { PROFILES } from '../../../src/gateways/profiles.js';
import type { VerificationReport } from '../../../src/image/report.js';
import { imageFacts } from '../../../src/oci/base-platforms.js';
import { layoutSource } from '../../../src/oci/layout-source.js';
import { BlobMediaType } from '../../../src/oci/media-types.js';
import { overlayConfig } from '../../../src/oci/overlay-documents.js';
import { actionOutputs } from '../../../src/pipeline/outputs.js';
import type { PipelineResult } from '../../../src/pipeline/pipeline.js';
import { summaryInput } from '../../../src/pipeline/summary-input.js';
import { renderSummary } from '../../../src/report/summary.js';
import { blob, descriptor, index, writeLayout } from '../image/build-tar.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gateway-wiring-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const options = (cachePath: string) => ({ cachePath }) as BuildOptions;

describe("the overlay sets the profile's variables", () => {
  it('generic and every profile that needs only the two: the Dockerfile and the config are what they always were', () => {
    for (const name of ['generic', 'one-api', 'new-api', 'open-webui', 'dify-api', 'dify-plugin-daemon'] as const) {
      const built = withImageEnv(options('/tiktoken_cache'), namedGateway(PROFILES[name]));
      expect(built.imageEnv, name).toBeUndefined();
      expect(overlayDockerfile('b:1', '/tiktoken_cache', built.imageEnv)).toBe('FROM b:1\nCOPY . /\nENV TIKTOKEN_CACHE_DIR=/tiktoken_cache DATA_GYM_CACHE_DIR=/tiktoken_cache\n');
    }
    const base = { config: { Env: ['PATH=/bin'] } };
    const change = { diffId: `sha256:${'d'.repeat(64)}`, cachePath: '/t', labels: [], createdBy: 'COPY' };
    expect(overlayConfig(base, { ...change, env: imageEnvOf('/t', undefined) }, BlobMediaType.ociConfig).bytes).toEqual(overlayConfig(base, change, BlobMediaType.ociConfig).bytes);
  });

  it('litellm: CUSTOM_TIKTOKEN_CACHE_DIR too, in both engines, replacing what the base set', () => {
    const { imageEnv } = withImageEnv(options('/opt/tk'), namedGateway(PROFILES.litellm));
    expect(overlayDockerfile('b:1', '/opt/tk', imageEnv).split('\n')[2]).toBe('ENV TIKTOKEN_CACHE_DIR=/opt/tk DATA_GYM_CACHE_DIR=/opt/tk CUSTOM_TIKTOKEN_CACHE_DIR=/opt/tk');
    const base = { config: { Env: ['PATH=/bin', 'CUSTOM_TIKTOKEN_CACHE_DIR=/old', 'TIKTOKEN_CACHE_DIR=/old'] } };
    const out = overlayConfig(base, { diffId: `sha256:${'d'.repeat(64)}`, cachePath: '/opt/tk', env: imageEnv, labels: [], createdBy: 'COPY' }, BlobMediaType.ociConfig);
    expect((JSON.parse(out.bytes.toString('utf8')) as { config: { Env: string[] } }).config.Env).toEqual(['PATH=/bin', 'TIKTOKEN_CACHE_DIR=/opt/tk', 'DATA_GYM_CACHE_DIR=/opt/tk', 'CUSTOM_TIKTOKEN_CACHE_DIR=/opt/tk']);
  });
});

describe("imageFacts: the base's platforms and config in one pass", () => {
  const configOf = (architecture: string, extra: Record<string, unknown>) =>
    blob(BlobMediaType.ociConfig, JSON.stringify({ os: 'linux', architecture, config: { Env: ['PATH=/bin', 7], Entrypoint: ['/one-api'], Cmd: null, Labels: { 'org.opencontainers.image.source': 'https://github.com/songquanpeng/one-api', n: 1 }, ...extra }, rootfs: { type: 'layers', diff_ids: [] } }));
  const manifestOf = (config: ReturnType<typeof blob>, architecture: string) =>
    blob('application/vnd.oci.image.manifest.v1+json', JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: descriptor(config), layers: [] }), { platform: { os: 'linux', architecture } });

  it('an index: every platform, the config of the preferred one; only strings are kept', async () => {
    const amd = configOf('amd64', {});
    const arm = configOf('arm64', { Entrypoint: ['/arm-only'] });
    const [mAmd, mArm] = [manifestOf(amd, 'amd64'), manifestOf(arm, 'arm64')];
    const idx = index([mAmd, mArm], true);
    const path = await writeLayout(join(dir, 'index'), idx.index, [amd, arm, mAmd, mArm, ...idx.blobs]);
    const source = await layoutSource(path);
    try {
      const facts = await imageFacts(source, ['linux/arm64']);
      expect(facts.platforms).toEqual(['linux/amd64', 'linux/arm64']);
      expect(facts.config).toEqual({ env: ['PATH=/bin'], entrypoint: ['/arm-only'], cmd: [], labels: { 'org.opencontainers.image.source': 'https://github.com/songquanpeng/one-api' } });
      expect((await imageFacts(source)).config.entrypoint).toEqual(['/one-api']);
    } finally {
      await source.close();
    }
  });

  it('a single manifest: its platform from the config', async () => {
    const amd = configOf('amd64', {});
    const m = manifestOf(amd, 'amd64');
    const path = await writeLayout(join(dir, 'single'), m, [amd, m]);
    const source = await layoutSource(path);
    try {
      expect(await imageFacts(source)).toMatchObject({ platforms: ['linux/amd64'], config: { entrypoint: ['/one-api'] } });
    } finally {
      await source.close();
    }
  });
});

describe('the CLI, the outputs and the summary', () => {
  it('--gateway is a flag of every command', () => {
    for (const command of COMMANDS) {
      const extra = command === 'merge' ? ['--merge-digest', 'sha256:aa'] : [];
      expect(parseCliArgs([command, '--gateway', 'litellm', ...extra]), command).toMatchObject({ kind: 'run', inputs: { gateway: 'litellm' } });
    }
  });

  const verification: VerificationReport = {
    ok: true,
    image: 'r/x@sha256:1',
    digest: `sha256:${'1'.repeat(64)}`,
    cachePath: '/tiktoken_cache',
    attestations: 0,
    absent: [],
    platforms: ['linux/amd64', 'linux/arm64'].map((platform) => ({
      platform,
      digest: `sha256:${'2'.repeat(64)}`,
      ok: true,
      files: [],
      consumers: [],
      env: { ok: true },
      problems: [],
      verdict: `one-api starts offline on ${platform}: cl100k_base, o200k_base where tiktoken-go looks (/tiktoken_cache)`,
    })),
  };
  const result: PipelineResult = { mode: 'verify', verification, gateway: { profile: PROFILES['one-api'], by: 'auto', why: 'r/base:1: its entrypoint runs /one-api, One API\'s program' } };

  it('outputs: gateway, and the verdict one line per platform', () => {
    const outputs = actionOutputs(result);
    expect(outputs.gateway).toBe('one-api');
    expect(outputs.verdict).toBe(verification.platforms.map((p) => p.verdict).join('\n'));
    expect(actionOutputs({ mode: 'prepare' })).toMatchObject({ gateway: '', verdict: '' });
  });

  it('CLI result: the gateway with how it was chosen, the verdict per platform', () => {
    const out = cliResult(result);
    expect(out['gateway']).toEqual({ name: 'one-api', by: 'auto', why: "r/base:1: its entrypoint runs /one-api, One API's program" });
    expect(out['platforms']).toMatchObject({ 'linux/arm64': { ok: true, verdict: 'one-api starts offline on linux/arm64: cl100k_base, o200k_base where tiktoken-go looks (/tiktoken_cache)' } });
  });

  it('summary: the gateway (and why auto chose it), then each verdict as code', () => {
    const text = renderSummary(summaryInput(result));
    expect(text).toContain("**Gateway:** `one-api` (auto: `r/base:1: its entrypoint runs /one-api, One API's program`)");
    expect(text).toContain('- ✅ `one-api starts offline on linux/amd64: cl100k_base, o200k_base where tiktoken-go looks (/tiktoken_cache)`');
  });
});
