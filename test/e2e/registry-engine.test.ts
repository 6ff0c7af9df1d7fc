// engine: registry — overlay mode with no Docker on PATH. The bases are the real python3-tiktoken
// image re-exported three ways (Docker schema 2 media types; OCI with attestations; an OCI
// archive), and on amd64 and arm64 python3-tiktoken and the Go reader encode with every bundled
// encoding with --network none in the result. Docker is used only to make the bases and to run the results.
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaType } from '../../src/oci/media-types.js';
import { fetchManifest, imageEntries, requireEngine, runDocker, testImage, uniqueTag } from '../support/docker.js';
import { buildAndPush } from '../support/engine-push.js';
import { requireGoReader } from '../support/go-reader.js';
import { expectReadersOffline } from '../support/offline-readers.js';
import { tempDir } from './build-support.js';
import { ENCODINGS, PLATFORMS, TIKTOKEN_BASE, encoderSource, noDockerEnv, requireTiktokenBase, runCli } from './registry-engine-support.js';

const tag = uniqueTag();
const DOCKER_BASE = `${testImage('h8-base-docker')}:${tag}`;
const OCI_BASE = `${testImage('h8-base-attested')}:${tag}`;
let work: string;
let source: string;
let archiveBase: string;
const loaded: string[] = [];

function engineArgs(base: string, cacheDir: string, extra: readonly string[]): string[] {
  return ['build', '--engine', 'registry', '--base-image', base, '--source', source, '--no-encoder-cache', '--cache-dir', cacheDir, '--encoders', 'r50k_base,p50k_base,cl100k_base,o200k_base', '--source-date-epoch', '1700000000', '--image-version', 'v1.0.0', ...extra];
}

async function baseContext(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'Dockerfile'), `FROM ${TIKTOKEN_BASE}\nLABEL fixture=registry-engine\n`);
  return dir;
}

beforeAll(async () => {
  await requireEngine();
  await requireTiktokenBase();
  requireGoReader();
  work = await tempDir('registry-engine');
  source = await encoderSource(join(work, 'source'));
  const platforms = ['--platform', PLATFORMS.join(',')];
  await buildAndPush(DOCKER_BASE, await baseContext(join(work, 'docker-base')), { args: [...platforms, '--provenance', 'false'], ociMediatypes: false });
  await buildAndPush(OCI_BASE, await baseContext(join(work, 'oci-base')), { args: [...platforms, '--provenance', 'mode=min'], ociMediatypes: true });
  archiveBase = join(work, 'base.oci.tar');
  await runDocker(['buildx', 'build', ...platforms, '--provenance', 'false', '--output', `type=oci,dest=${archiveBase}`, await baseContext(join(work, 'archive-base'))]);
}, 600_000);

afterAll(async () => {
  for (const ref of loaded) await runDocker(['image', 'rm', ref], { allowFailure: true });
  if (work) await rm(work, { recursive: true, force: true });
});

describe('registry engine, no docker on PATH', () => {
  it('(a) a base with Docker schema 2 manifests: the result keeps the Docker media types and works offline', async () => {
    const image = testImage('h8-engine-docker');
    const { env } = await noDockerEnv(join(work, 'run-a'));
    const base = await fetchManifest('oneapi-offline-test/h8-base-docker', tag);
    expect(base.mediaType).toBe(MediaType.dockerList);
    const run = await runCli(engineArgs(DOCKER_BASE, join(work, 'run-a/cache'), ['--images', image, '--tag-prefix', `${tag}-`, '--push']), env);
    expect(run.code, run.stderr).toBe(0);
    const index = await fetchManifest('oneapi-offline-test/h8-engine-docker', `${tag}-v1.0.0`);
    expect(index.digest).toBe(run.json['digest']);
    expect(index.mediaType).toBe(MediaType.dockerList);
    for (const entry of imageEntries(index)) expect(entry.mediaType).toBe(MediaType.dockerManifest);
    for (const platform of PLATFORMS) await expectReadersOffline(`${image}@${index.digest}`, platform, ENCODINGS);
  }, 600_000);

  it('(b) an OCI base with attestations in the same registry: attestations dropped, base blobs mounted not uploaded', async () => {
    const repo = `oneapi-offline-test/h8-engine-oci-${tag}`;
    const image = `127.0.0.1:5000/${repo}`;
    const base = await fetchManifest('oneapi-offline-test/h8-base-attested', tag);
    expect((base.json.manifests ?? []).some((m) => m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest')).toBe(true);
    const { env } = await noDockerEnv(join(work, 'run-b'));
    const run = await runCli(engineArgs(OCI_BASE, join(work, 'run-b/cache'), ['--images', image, '--push']), env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/dropping the base's 2 attestation manifest/);
    const index = await fetchManifest(repo, 'offline-v1.0.0');
    expect(index.json.manifests?.map((m) => m.platform?.architecture).sort()).toEqual(['amd64', 'arm64']);
    expect(index.json.manifests?.some((m) => m.annotations?.['vnd.docker.reference.type'])).toBe(false);

    // Every layer of the base reached the new repository by a mount (201), none by an upload.
    const baseLayers = new Set<string>();
    for (const entry of imageEntries(base)) for (const layer of (await fetchManifest('oneapi-offline-test/h8-base-attested', entry.digest)).json.layers ?? []) baseLayers.add(layer.digest);
    const log = await readFile('/var/lib/oneapi-offline-e2e/registry.log', 'utf8');
    const requests = log.split('\n').filter((line) => line.startsWith('127.0.0.1') && line.includes(`/v2/${repo}/`));
    for (const digest of baseLayers) {
      const hex = digest.slice('sha256:'.length);
      const mounted = requests.filter((line) => line.includes(`mount=sha256%3A${hex}`) && / 201 /.test(line));
      const uploaded = requests.filter((line) => line.includes('PUT ') && line.includes(`digest=sha256%3A${hex}`));
      expect({ digest, mounted: mounted.length, uploaded: uploaded.length }).toEqual({ digest, mounted: 1, uploaded: 0 });
    }
    for (const platform of PLATFORMS) await expectReadersOffline(`${image}@${index.digest}`, platform, ENCODINGS);
  }, 600_000);

  it('(c) an OCI archive in, an OCI archive out, byte-identical across runs with another temp folder, umask and TZ', async () => {
    const name = testImage(`h8-engine-archive-${tag}`);
    const one = await noDockerEnv(join(work, 'run-c1'), { TZ: 'UTC' });
    const two = await noDockerEnv(join(work, 'run-c2'), { TZ: 'Asia/Kathmandu' });
    const out1 = join(work, 'run-c1/out.oci.tar');
    const out2 = join(work, 'run-c2/other-name.oci.tar');
    const first = await runCli(engineArgs(`oci-archive://${archiveBase}`, join(work, 'run-c1/cache'), ['--images', name, '--archive', out1]), one.env, '022');
    expect(first.code, first.stderr).toBe(0);
    const second = await runCli(engineArgs(`oci-archive://${archiveBase}`, join(work, 'run-c2/cache'), ['--images', name, '--archive', out2]), two.env, '077');
    expect(second.code, second.stderr).toBe(0);
    expect(second.json['platform-digests']).toEqual(first.json['platform-digests']);
    expect(Object.keys(first.json['platform-digests'] as object).sort()).toEqual([...PLATFORMS]);
    expect(second.json['digest']).toBe(first.json['digest']);
    const sha = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');
    expect(await sha(out2)).toBe(await sha(out1));

    await runDocker(['load', '--input', out1]);
    const ref = `${name}:offline-v1.0.0`;
    loaded.push(ref);
    for (const platform of PLATFORMS) await expectReadersOffline(ref, platform, ENCODINGS);
  }, 600_000);
});
