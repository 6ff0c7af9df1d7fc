// Proxy credentials never leave the build, on every builder of the matrix: a multi-arch build
// through a proxy URL with a password (a RUN step checks the proxy build-args on both platforms;
// provenance mode=max requested) must show the password nowhere — not in our log,
// the result/metadata, `docker history`, the image config, nor any manifest, config, layer or
// attestation blob in the registry. A control build with raw buildx proves the search finds
// the password when mode=max does record it.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build/build.js';
import { archiveIndex, readTarMember } from '../support/oci-archive.js';
import { parseBuildInputs } from '../../src/build/options.js';
import { rawInputsFrom } from '../../src/inputs/names.js';
import { memoryLogger } from '../../src/log/logger.js';
import { BUILDERS, requireBuilder } from '../support/builders.js';
import { fetchBlob, fetchManifest, PROXY, requireEngine, requireProxy, runDocker, testImage, uniqueTag, type Descriptor } from '../support/docker.js';
import { upstreamTree } from '../support/encoder-bytes.js';
import { startMirrorServer } from '../support/mirror-server.js';
import { freshRunner, runAction } from '../support/run-action.js';
import { busyboxContext, encoderCache, tempDir } from './build-support.js';

const SECRET: string = PROXY.password;
const PROXY_URL = `http://${PROXY.user}:${PROXY.password}@${PROXY.host}:${PROXY.port}`;
const REPO = 'oneapi-offline-test/proxy';

/** Every blob reachable from a manifest in the registry, layers gunzipped. */
async function registryBlobs(reference: string): Promise<Array<{ what: string; bytes: Buffer }>> {
  const out: Array<{ what: string; bytes: Buffer }> = [];
  const visit = async (ref: string): Promise<void> => {
    const manifest = await fetchManifest(REPO, ref);
    out.push({ what: `manifest ${ref}`, bytes: Buffer.from(manifest.raw) });
    for (const child of manifest.json.manifests ?? []) await visit(child.digest);
    const blobs: Descriptor[] = [...(manifest.json.config ? [manifest.json.config] : []), ...(manifest.json.layers ?? [])];
    for (const blob of blobs) {
      const bytes = await fetchBlob(REPO, blob.digest);
      out.push({ what: `${blob.mediaType} ${blob.digest}`, bytes: blob.mediaType.endsWith('gzip') ? gunzipSync(bytes) : bytes });
    }
  };
  await visit(reference);
  return out;
}

const leaks = (items: Array<{ what: string; bytes: Buffer }>, secret = SECRET) => items.filter((item) => item.bytes.includes(secret)).map((item) => item.what);

let work: string;
let cacheDir: string;
let context: string;

// One cache folder and build context for all builders.
beforeAll(async () => {
  await requireEngine();
  await requireProxy();
  work = await tempDir('proxy');
  cacheDir = await encoderCache(`${work}/cache`, ['r50k_base']);
  context = await busyboxContext(`${work}/ctx`, 'busybox-proxy');
});

describe.each(BUILDERS)('proxy credentials stay out of everything, on $name ($driver)', (builder) => {
  const log = memoryLogger();
  const image = testImage('proxy');
  let result: BuildResult;

  beforeAll(async () => {
    await requireBuilder(builder);
    const options = parseBuildInputs(
      rawInputsFrom({ context, images: image, version: uniqueTag(), push: 'true', provenance: 'mode=max', builder: builder.name }),
      { proxy: { http: PROXY_URL, https: PROXY_URL, noProxy: 'localhost,127.0.0.1' }, cacheDir, engineLoadsMultiPlatform: true, commitTime: 1_700_000_000 },
    );
    expect(options.secrets).toContain(SECRET);
    result = await build(options, { cacheDir }, { log, tempDir: `${work}/${builder.name}` });
  });

  it('the build saw the proxy build-args (the RUN step checked them on both platforms)', async () => {
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      const run = await runDocker(['run', '--rm', '--network', 'none', '--platform', platform, `${image}@${result.digest}`, 'cat', '/proxy-args-seen']);
      expect(run.stdout.trim()).toBe('proxy-args-seen');
    }
  });

  it('mode=max was turned into mode=min with a notice that names the proxy without its password', () => {
    const notice = log.lines.find((line) => line.startsWith('notice: provenance mode=max'));
    expect(notice).toContain('http://***@127.0.0.1:8888');
    expect(log.lines.some((line) => line.includes('--provenance mode=min'))).toBe(true);
  });

  it('is not in our log lines (argv shown redacted), the result or the metadata', () => {
    expect(log.lines.some((line) => line.includes('HTTPS_PROXY=http://***@127.0.0.1:8888/'))).toBe(true);
    expect(log.lines.filter((line) => line.includes(SECRET))).toEqual([]);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  // `docker history --platform` needs API 1.48 (the daemon here has 1.45), so history is read
  // for the host platform here; both platforms' configs (history included) are searched below.
  it('is not in docker history nor docker image inspect', async () => {
    const ref = `${image}@${result.digest}`;
    // Only Engine's builder stores what it builds in the engine; pull the others' push.
    await runDocker(['pull', ref]);
    const history = await runDocker(['history', '--no-trunc', '--format', '{{.CreatedBy}}', ref]);
    expect(history.stdout).toContain('proxy-args-seen');
    expect(history.stdout).not.toContain(SECRET);
    const inspect = await runDocker(['image', 'inspect', ref]);
    expect(inspect.stdout).not.toContain(SECRET);
  });

  it('is in no manifest, config, layer or attestation in the registry', async () => {
    const blobs = await registryBlobs(result.digest ?? '');
    const attestations = blobs.filter((b) => b.what.startsWith('application/vnd.in-toto+json'));
    expect(attestations.length).toBeGreaterThanOrEqual(2);
    // Both platforms' image configs (attestation manifests have configs too) hold the RUN history.
    const configs = blobs.filter((b) => b.what.startsWith('application/vnd.oci.image.config') && b.bytes.includes('proxy-args-seen'));
    expect(configs.length).toBe(2);
    expect(leaks(blobs)).toEqual([]);
  });
});

describe('proxy credentials: the search above', () => {
  it('control: raw buildx with mode=max does record it, and the search above would catch it', async () => {
    const archive = `${work}/control.tar`;
    await runDocker([
      'buildx', 'build', '--builder', 'default', '--platform', 'linux/amd64', '--provenance', 'mode=max',
      '--build-context', `tiktoken=${cacheDir}`, '--build-arg', `HTTPS_PROXY=${PROXY_URL}`,
      '--output', `type=oci,dest=${archive}`, context,
    ]);
    const index = await archiveIndex(archive);
    const top = JSON.parse((await readTarMember(archive, `blobs/${index.digest.replace(':', '/')}`))?.toString() ?? '{}') as { manifests: Descriptor[] };
    const found: string[] = [];
    for (const entry of top.manifests) {
      const manifest = JSON.parse((await readTarMember(archive, `blobs/${entry.digest.replace(':', '/')}`))?.toString() ?? '{}') as { layers?: Descriptor[] };
      for (const layer of manifest.layers ?? []) {
        const bytes = await readTarMember(archive, `blobs/${layer.digest.replace(':', '/')}`);
        if (bytes?.includes(SECRET)) found.push(layer.mediaType);
      }
    }
    expect(found).toContain('application/vnd.in-toto+json');
    expect((await readFile(archive)).includes(SECRET)).toBe(true);
  });
});

// The whole run through the bundled action (Node 24, the real @actions/core, no runner to mask):
// credentials in the mirror, extra-encoders (user:password and a token as user name), both
// proxy inputs (the https one without a scheme) and every predefined proxy build-arg in both
// cases, with and without a scheme, plus a URL credential in another build-arg, with
// provenance mode=max and a push. Each appears only in `::add-mask::` lines: in no other log
// line, output, the summary, manifest.json, nor any manifest, image config (history included),
// layer or attestation in the registry.
describe('every credential given to the action stays out of logs, outputs, summary, manifest.json and the pushed image', () => {
  const EXTRA_BYTES = Buffer.from('aGVsbG8= 0\nd29ybGQ= 1\n');
  const BUILD_ARGS: ReadonlyArray<readonly [string, string, string]> = [
    ['HTTP_PROXY', 'http://ba:e2e-ba-pw-1@127.0.0.1:8888', 'e2e-ba-pw-1'],
    ['http_proxy', 'ba:e2e-ba-pw-2@127.0.0.1:8888', 'e2e-ba-pw-2'],
    ['HTTPS_PROXY', 'http://e2e-ba-tok-3@127.0.0.1:8888', 'e2e-ba-tok-3'],
    ['https_proxy', 'e2e-ba-tok-4@127.0.0.1:8888', 'e2e-ba-tok-4'],
    ['FTP_PROXY', 'http://ba:e2e-ba-pw-5@127.0.0.1:8888', 'e2e-ba-pw-5'],
    ['ftp_proxy', 'ba:e2e-ba-pw-6@127.0.0.1:8888', 'e2e-ba-pw-6'],
    ['ALL_PROXY', 'socks5://e2e-ba-tok-7@127.0.0.1:1080', 'e2e-ba-tok-7'],
    ['all_proxy', 'ba:e2e-ba-pw-8@127.0.0.1:1080', 'e2e-ba-pw-8'],
    ['GIT_URL', 'https://e2e-ba-tok-9@git.example/org/repo.git', 'e2e-ba-tok-9'],
  ];
  const SECRETS: Record<string, string> = {
    'mirror password': 'e2e-mirror-pw',
    'extra-encoders token': 'e2e-extra-tok',
    'extra-encoders password': 'e2e-extra-pw',
    'proxy password (http-proxy, and https-proxy without a scheme)': SECRET,
    ...Object.fromEntries(BUILD_ARGS.map(([name, value, secret]) => [`build-arg ${name}=${value}`, secret])),
  };
  let run: Awaited<ReturnType<typeof runAction>>;
  let manifestText: string;
  let blobs: Array<{ what: string; bytes: Buffer }>;

  beforeAll(async () => {
    await requireEngine();
    await requireProxy();
    const files = await upstreamTree();
    files.set('/extras/token_base.tiktoken', EXTRA_BYTES);
    files.set('/extras/pair_base.tiktoken', EXTRA_BYTES);
    const mirror = await startMirrorServer({ files });
    try {
      const work = await tempDir('secrets');
      const context = await busyboxContext(join(work, 'ctx'), 'busybox-proxy');
      const host = mirror.origin.replace('http://', '');
      const sha = createHash('sha256').update(EXTRA_BYTES).digest('hex');
      const runner = await freshRunner(join(work, 'runner'), { RUNNER_DEBUG: '1' });
      const cacheDir = join(runner.root, 'cache');
      run = await runAction(runner, {
        mirror: `http://mirroruser:e2e-mirror-pw@${host}`,
        encoders: 'r50k_base',
        'extra-encoders': `token_base http://e2e-extra-tok@${host}/extras/token_base.tiktoken ${sha}\npair_base http://xu:e2e-extra-pw@${host}/extras/pair_base.tiktoken ${sha}`,
        'http-proxy': PROXY_URL,
        'https-proxy': `${PROXY.user}:${PROXY.password}@${PROXY.host}:${PROXY.port}`,
        'no-proxy': '127.0.0.1,localhost',
        'build-args': BUILD_ARGS.map(([name, value]) => `${name}=${value}`).join('\n'),
        'cache-dir': cacheDir,
        cache: 'false',
        context,
        images: testImage('proxy'),
        version: uniqueTag(),
        push: 'true',
        provenance: 'mode=max',
      }, { timeoutMs: 800_000 });
      manifestText = await readFile(join(cacheDir, 'manifest.json'), 'utf8');
    } finally {
      await mirror.close();
    }
    expect(run.code, run.stdout.slice(-6000)).toBe(0);
    blobs = await registryBlobs(run.outputs['digest'] ?? '');
  });

  it('mode=max was downgraded to mode=min, and the image holds both platforms and their attestations', () => {
    expect(run.stdout).toMatch(/::notice::provenance mode=max would record/);
    expect(run.stdout).toMatch(/--provenance mode=min/);
    expect(blobs.filter((b) => b.what.startsWith('application/vnd.in-toto+json')).length).toBeGreaterThanOrEqual(2);
    expect(blobs.filter((b) => b.what.startsWith('application/vnd.oci.image.config') && b.bytes.includes('proxy-args-seen')).length).toBe(2);
  });

  it.each(Object.keys(SECRETS))('%s: only in ::add-mask:: lines', (what) => {
    const secret = SECRETS[what] as string;
    expect(`${run.stdout}\n${run.stderr}`.split('\n').filter((line) => line.includes(secret) && !line.startsWith('::add-mask::'))).toEqual([]);
    expect(run.stdout.split('\n')).toContain(`::add-mask::${secret}`);
    expect(JSON.stringify(run.outputs)).not.toContain(secret);
    expect(run.summary).not.toContain(secret);
    expect(manifestText).not.toContain(secret);
    expect(leaks(blobs, secret)).toEqual([]);
  });
});
