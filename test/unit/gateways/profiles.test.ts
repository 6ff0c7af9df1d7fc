// One test per gateway profile: an image laid out as the gateway's own image sets it up, then
// overlaid as the action does for that profile (its variables over the base's config, the
// files at /tiktoken_cache), is verified through verifyImage on a real OCI layout: it passes
// with a verdict that names the gateway; and the same gateway broken the way its users break
// it fails, saying why. Then the table itself: every fact has a source, every default holds
// what the gateway loads, and the README's table of gateways says what the table says.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectFiles } from '../../../src/encoders/selection.js';
import { GATEWAYS, PROFILES, type GatewayName, type GatewayProfile } from '../../../src/gateways/profiles.js';
import { expectedFile } from '../../../src/image/expectations.js';
import type { Expectations, PlatformReport } from '../../../src/image/report.js';
import { verifyImage } from '../../../src/image/verify-image.js';
import { memoryLogger } from '../../../src/log/logger.js';
import { BlobMediaType } from '../../../src/oci/media-types.js';
import { overlayConfig } from '../../../src/oci/overlay-documents.js';
import type { EncodingName } from '../../../src/pins.js';
import { image, layer, sha256, writeLayout, type TarItem } from '../image/build-tar.js';

const CACHE = '/tiktoken_cache';
const amd64 = { os: 'linux', architecture: 'amd64' };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gateway-profiles-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Stand-in bytes per file (the verifier checks them against the expectations built from them). */
const bytesOf = (id: string): string => `rank table of ${id}\n`.repeat(40);

/** The env the action's overlay gives `base` for `variables` (the registry engine's own code). */
function overlaid(baseEnv: readonly string[], variables: readonly string[], cachePath = CACHE): string[] {
  const out = overlayConfig({ config: { Env: baseEnv } }, { diffId: `sha256:${'d'.repeat(64)}`, cachePath, env: variables.map((v) => [v, cachePath] as const), labels: [], createdBy: 'test' }, BlobMediaType.ociConfig);
  return (JSON.parse(out.bytes.toString('utf8')) as { config: { Env: string[] } }).config.Env;
}

interface Layout {
  readonly env: readonly string[];
  /** Where the files are, and which encodings. */
  readonly folder: string;
  readonly encodings: readonly EncodingName[];
  readonly workingDir?: string;
}

async function verifyAs(profile: GatewayProfile, layout: Layout, cachePath = layout.folder, order: 'selection' | 'reversed' = 'selection'): Promise<PlatformReport> {
  const files = selectFiles(layout.encodings);
  const folder = layout.folder.replace(/^\//, '');
  const parents = folder.split('/').map((_, i, parts) => `${parts.slice(0, i + 1).join('/')}/`);
  const items: TarItem[] = [...parents.map((name): TarItem => ({ type: 'dir', name })), ...files.map((f): TarItem => ({ type: 'file', name: `${folder}/${f.cacheFile}`, data: bytesOf(f.id) }))];
  const img = image(amd64, layout.env, [layer([{ type: 'dir', name: 'tmp/' }, ...items])], layout.workingDir);
  const path = await writeLayout(await mkdtemp(join(dir, 'img-')), img.manifest, img.blobs);
  const expectations: Expectations = {
    cachePath,
    files: (order === 'reversed' ? [...files].reverse() : files).map((f) => expectedFile({ ...f, sha256: sha256(bytesOf(f.id)), size: Buffer.byteLength(bytesOf(f.id)) })),
    consumers: profile.readers,
    gateway: profile,
  };
  const report = await verifyImage({ kind: 'oci-archive', path }, expectations, { log: memoryLogger() });
  expect(report.platforms).toHaveLength(1);
  return report.platforms[0] as PlatformReport;
}

interface Case {
  /** The env of the gateway's own image (what its Dockerfile sets). */
  readonly baseEnv: readonly string[];
  readonly workingDir?: string;
  readonly verdict: string;
  /** The gateway set up the way its users get it wrong, and what the verdict must say. */
  readonly broken: { readonly what: string; readonly layout: Layout; readonly cachePath?: string; readonly says: RegExp; readonly fix?: RegExp };
}

const CASES: Record<GatewayName, Case> = {
  generic: {
    baseEnv: ['PATH=/usr/bin:/bin'],
    verdict: 'generic (tiktoken, tiktoken-go) starts offline on linux/amd64: r50k_base, p50k_base, cl100k_base, o200k_base where tiktoken and tiktoken-go look (/tiktoken_cache)',
    broken: { what: 'no cache variable: both readers look in the temp dir', layout: { env: ['PATH=/bin'], folder: CACHE, encodings: ['cl100k_base'] }, says: /^generic \(tiktoken, tiktoken-go\) would not start offline on linux\/amd64: tiktoken reads \/tmp\/data-gym-cache/ },
  },
  'one-api': {
    baseEnv: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    workingDir: '/data',
    verdict: 'one-api starts offline on linux/amd64: cl100k_base, o200k_base where tiktoken-go looks (/tiktoken_cache)',
    broken: {
      what: 'encoders: cl100k_base only (One API also loads o200k_base for gpt-4o at start)',
      layout: { env: overlaid(['PATH=/bin'], PROFILES['one-api'].variables), folder: CACHE, encodings: ['cl100k_base'], workingDir: '/data' },
      says: /^one-api would not start offline on linux\/amd64: One API loads o200k_base, which \/tiktoken_cache does not serve \(it serves cl100k_base\)/,
    },
  },
  'new-api': {
    baseEnv: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    workingDir: '/data',
    verdict: `new-api starts offline on linux/amd64: cl100k_base, o200k_base where tiktoken-go looks (/tiktoken_cache); ${PROFILES['new-api'].note}`,
    broken: {
      what: 'encoders: o200k_base only',
      layout: { env: overlaid(['PATH=/bin'], PROFILES['new-api'].variables), folder: CACHE, encodings: ['o200k_base'] },
      says: /^new-api would not start offline on linux\/amd64: new-api loads cl100k_base/,
    },
  },
  litellm: {
    baseEnv: ['PATH=/app/.venv/bin:/usr/bin:/bin', 'LITELLM_NON_ROOT=true', 'TIKTOKEN_CACHE_DIR=/ignored/by/litellm'],
    verdict: `litellm starts offline on linux/amd64: cl100k_base where tiktoken looks (/tiktoken_cache); ${PROFILES.litellm.note}`,
    broken: {
      what: 'TIKTOKEN_CACHE_DIR alone (what generic sets): LiteLLM overwrites it at import',
      layout: { env: overlaid(['PATH=/bin', 'LITELLM_NON_ROOT=true'], PROFILES.generic.variables), folder: CACHE, encodings: ['cl100k_base'] },
      says: /^litellm would not start offline on linux\/amd64: tiktoken: CUSTOM_TIKTOKEN_CACHE_DIR is not set, so LiteLLM overwrites TIKTOKEN_CACHE_DIR with the tokenizers folder inside its package/,
      fix: /ENV CUSTOM_TIKTOKEN_CACHE_DIR=\/tiktoken_cache/,
    },
  },
  'open-webui': {
    baseEnv: ['PATH=/usr/local/bin:/usr/bin:/bin', 'WEBUI_SECRET_KEY=', 'TIKTOKEN_ENCODING_NAME=cl100k_base', 'TIKTOKEN_CACHE_DIR=/app/backend/data/cache/tiktoken'],
    workingDir: '/app/backend',
    verdict: `open-webui starts offline on linux/amd64: cl100k_base where tiktoken looks (/tiktoken_cache); ${PROFILES['open-webui'].note}`,
    broken: {
      what: "the image's own folder, inside the data volume users mount",
      layout: { env: ['TIKTOKEN_ENCODING_NAME=cl100k_base', 'TIKTOKEN_CACHE_DIR=/app/backend/data/cache/tiktoken'], folder: '/app/backend/data/cache/tiktoken', encodings: ['cl100k_base'] },
      says: /^open-webui would not start offline on linux\/amd64: tiktoken reads \/app\/backend\/data\/cache\/tiktoken, under \/app\/backend\/data, Open WebUI's data volume/,
    },
  },
  'dify-api': {
    baseEnv: ['PATH=/app/api/.venv/bin:/usr/bin:/bin', 'FLASK_APP=app.py', 'EDITION=SELF_HOSTED', 'DEPLOY_ENV=PRODUCTION', 'TIKTOKEN_CACHE_DIR=/app/api/.tiktoken_cache'],
    workingDir: '/app/api',
    verdict: 'dify-api starts offline on linux/amd64: gpt2 where tiktoken looks (/tiktoken_cache)',
    broken: {
      what: 'the files in the storage volume',
      layout: { env: ['TIKTOKEN_CACHE_DIR=/app/api/storage/tiktoken'], folder: '/app/api/storage/tiktoken', encodings: ['gpt2'] },
      says: /^dify-api would not start offline on linux\/amd64: tiktoken reads \/app\/api\/storage\/tiktoken, under \/app\/api\/storage/,
    },
  },
  'dify-plugin-daemon': {
    baseEnv: ['PATH=/usr/bin:/bin', 'TIKTOKEN_CACHE_DIR=/app/.tiktoken', 'UV_PATH=/usr/local/bin/uv', 'PLATFORM=local', 'GIN_MODE=release'],
    workingDir: '/app',
    verdict: `dify-plugin-daemon starts offline on linux/amd64: r50k_base, p50k_base, p50k_edit, cl100k_base, o200k_base, gpt2 where tiktoken looks (/tiktoken_cache); ${PROFILES['dify-plugin-daemon'].note}`,
    broken: {
      what: 'encoders: gpt2 only (the plugins load cl100k_base and o200k_base)',
      layout: { env: overlaid(['PATH=/bin'], PROFILES['dify-plugin-daemon'].variables), folder: CACHE, encodings: ['gpt2'] },
      says: /^dify-plugin-daemon would not start offline on linux\/amd64: Dify's plugin daemon loads cl100k_base, o200k_base/,
    },
  },
};

describe.each(GATEWAYS.map((name) => [name, PROFILES[name], CASES[name]] as const))('gateway %s', (name, profile, c) => {
  it(`starts offline as the overlay sets it up, and the verdict names ${name}`, async () => {
    const report = await verifyAs(profile, { env: overlaid(c.baseEnv, profile.variables), folder: CACHE, encodings: profile.encodings, ...(c.workingDir ? { workingDir: c.workingDir } : {}) });
    expect(report.consumers.filter((r) => r.required).map((r) => r.consumer)).toEqual([...profile.readers]);
    expect(report.ok, JSON.stringify(report.consumers.map((r) => r.findings))).toBe(true);
    expect(report.verdict).toBe(c.verdict);
  });

  it(`fails when ${c.broken.what}`, async () => {
    const report = await verifyAs(profile, c.broken.layout, c.broken.cachePath ?? c.broken.layout.folder);
    expect(report.ok).toBe(false);
    expect(report.verdict).toMatch(c.broken.says);
    if (c.broken.fix) expect(report.consumers.flatMap((r) => r.findings.map((f) => f.fix)).join('\n')).toMatch(c.broken.fix);
  });
});

it("the verdict lists the encodings in the pins' order, whatever order the prepared manifest lists the files in", async () => {
  const profile = PROFILES['dify-plugin-daemon'];
  const layout = { env: overlaid([], profile.variables), folder: CACHE, encodings: profile.encodings };
  const [one, other] = await Promise.all([verifyAs(profile, layout), verifyAs(profile, layout, CACHE, 'reversed')]);
  expect(one.verdict).toBe(other.verdict);
  expect(one.verdict).toContain(': r50k_base, p50k_base, p50k_edit, cl100k_base, o200k_base, gpt2 where');
});

describe('litellm: CUSTOM_TIKTOKEN_CACHE_DIR decides where it reads', () => {
  it('a CUSTOM_TIKTOKEN_CACHE_DIR pointing elsewhere fails, and the fix names that variable', async () => {
    const env = ['CUSTOM_TIKTOKEN_CACHE_DIR=/elsewhere', `TIKTOKEN_CACHE_DIR=${CACHE}`];
    const report = await verifyAs(PROFILES.litellm, { env, folder: CACHE, encodings: ['cl100k_base'] });
    expect(report.ok).toBe(false);
    const tiktoken = report.consumers.find((r) => r.consumer === 'tiktoken');
    expect(tiktoken?.directory).toBe('/elsewhere');
    expect(tiktoken?.why).toBe('LiteLLM sets TIKTOKEN_CACHE_DIR from CUSTOM_TIKTOKEN_CACHE_DIR=/elsewhere');
    expect(tiktoken?.findings.map((f) => f.fix).join('\n')).toMatch(/change it to `ENV CUSTOM_TIKTOKEN_CACHE_DIR=\/tiktoken_cache`/);
  });

  it('an empty CUSTOM_TIKTOKEN_CACHE_DIR is not a folder either', async () => {
    const report = await verifyAs(PROFILES.litellm, { env: ['CUSTOM_TIKTOKEN_CACHE_DIR=', `TIKTOKEN_CACHE_DIR=${CACHE}`], folder: CACHE, encodings: ['cl100k_base'] });
    expect(report.ok).toBe(false);
    expect(report.verdict).toMatch(/CUSTOM_TIKTOKEN_CACHE_DIR is empty/);
  });

  it('a relative CUSTOM_TIKTOKEN_CACHE_DIR resolves against the working directory, as os.makedirs and open() do', async () => {
    const report = await verifyAs(PROFILES.litellm, { env: ['CUSTOM_TIKTOKEN_CACHE_DIR=tk'], folder: '/app/tk', encodings: ['cl100k_base'], workingDir: '/app' });
    expect(report.ok, report.verdict).toBe(true);
    expect(report.verdict).toMatch(/where tiktoken looks \(\/app\/tk\)/);
  });
});

describe('the table', () => {
  it.each(GATEWAYS.map((name) => [name, PROFILES[name]] as const))('%s: every fact has a source; the defaults hold what it loads; TIKTOKEN_CACHE_DIR is set', (name, profile) => {
    expect(profile.name).toBe(name);
    expect(profile.readers.length).toBeGreaterThan(0);
    expect(profile.sources.length).toBeGreaterThan(0);
    for (const s of profile.sources) for (const part of [s.repository, s.path, s.at, s.fact]) expect(part.trim()).not.toBe('');
    for (const e of profile.loads) expect(profile.encodings).toContain(e);
    expect(profile.variables.slice(0, 2)).toEqual(['TIKTOKEN_CACHE_DIR', 'DATA_GYM_CACHE_DIR']);
    for (const v of profile.volumes) expect(v.path).toMatch(/^\/[^\s]*[^/]$/);
  });

  it("the README's table of gateways has one row per profile, with its default encoders and volumes", async () => {
    const readme = await readFile(resolve(import.meta.dirname, '../../../README.md'), 'utf8');
    const block = readme.split('### Gateways')[1]?.split('\n### ')[0] ?? '';
    const rows = block.split('\n').filter((l) => l.startsWith('| `') && !l.startsWith('| `gateway`'));
    expect(rows.map((r) => /^\| `([^`]+)`/.exec(r)?.[1])).toEqual([...GATEWAYS]);
    for (const row of rows) {
      const name = /^\| `([^`]+)`/.exec(row)?.[1] as GatewayName;
      const profile = PROFILES[name];
      expect(row, name).toContain(`\`${profile.encodings.join(',')}\``);
      for (const v of profile.variables) expect(row, name).toContain(`\`${v}\``);
      for (const v of profile.volumes) expect(row, name).toContain(`\`${v.path}\``);
    }
  });
});
