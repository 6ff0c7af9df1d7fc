// Proxy credentials never leave the build, on every builder of the matrix: a multi-arch build
// through a proxy URL with a password (a RUN step checks the proxy build-args on both platforms;
// provenance mode=max requested) must show the password nowhere — not in our log,
// the result/metadata, `docker history`, the image config, nor any manifest, config, layer or
// attestation blob in the registry. A control build with raw buildx proves the search finds
// the password when mode=max does record it.
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build/build.js';
import { archiveIndex, readTarMember } from '../../src/build/oci-archive.js';
import { parseBuildInputs } from '../../src/build/options.js';
import { rawInputsFrom } from '../../src/inputs/names.js';
import { memoryLogger } from '../../src/log/logger.js';
import { BUILDERS, requireBuilder } from '../support/builders.js';
import { fetchBlob, fetchManifest, PROXY, requireEngine, requireProxy, runDocker, testImage, uniqueTag, type Descriptor } from '../support/docker.js';
import { busyboxContext, encoderCache, tempDir } from './build-support.js';

const SECRET = PROXY.password;
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

const leaks = (items: Array<{ what: string; bytes: Buffer }>) => items.filter((item) => item.bytes.includes(SECRET)).map((item) => item.what);

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
