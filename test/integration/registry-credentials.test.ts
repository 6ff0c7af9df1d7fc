// Every registry call resolves credentials the one way (src/oci/docker-credentials.ts), here
// against a real Distribution registry with `auth: htpasswd` on loopback and a Docker config
// whose only credentials come from a `docker-credential-*` helper script: the buildx path's
// publish (tagging the verified digest), the verifier's registry read by digest, and the plan's
// base-platform check. Without the helper the same calls fail with a named 401, and the
// password shows up in no log line or error.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish } from '../../src/build/publish.js';
import { PublishError } from '../../src/errors.js';
import { memoryLogger } from '../../src/log/logger.js';
import { registryPlatforms } from '../../src/oci/base-platforms.js';
import { sha256Digest } from '../../src/oci/digest.js';
import type { ImageSource } from '../../src/oci/image-source.js';
import { MediaType, type Descriptor } from '../../src/oci/media-types.js';
import { pushByDigest } from '../../src/oci/push-image.js';
import { registrySource } from '../../src/oci/registry-source.js';
import { openRepository } from '../../src/oci/repository.js';
import { verifyTarget } from '../../src/pipeline/verify-target.js';
import type { PipelineResult } from '../../src/pipeline/pipeline.js';
import type { Plan } from '../../src/pipeline/plan.js';
import { startAuthRegistry, type AuthRegistry } from '../support/auth-registry.js';
import { BASE_OPTIONS } from '../unit/build/base-options.js';
import { httpTransport } from '../../src/http/http-request.js';

const PASSWORD = 'core-helper-Pw-7Yq2-secret';
let registry: AuthRegistry;
let dir: string;
let savedPath: string | undefined;

/** A one-platform image in memory: index → manifest → config + one layer. */
function memoryImage(seed: string): { source: ImageSource; digest: string } {
  const blobs = new Map<string, Buffer>();
  const add = (mediaType: string, bytes: Buffer, extra: Partial<Descriptor> = {}): Descriptor => {
    blobs.set(sha256Digest(bytes), bytes);
    return { mediaType, digest: sha256Digest(bytes), size: bytes.length, ...extra };
  };
  const config = add('application/vnd.oci.image.config.v1+json', Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', seed })));
  const layer = add('application/vnd.oci.image.layer.v1.tar+gzip', Buffer.from(`${seed}-layer`.repeat(50)));
  const manifest = add(MediaType.ociManifest, Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociManifest, config, layers: [layer] })), { platform: { os: 'linux', architecture: 'amd64' } });
  const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: [manifest] }));
  return {
    digest: sha256Digest(index),
    source: {
      label: `memory ${seed}`,
      partial: false,
      root: async () => ({ digest: sha256Digest(index), mediaType: MediaType.ociIndex, bytes: index }),
      document: async (d) => blobs.get(d.digest),
      blob: async (d) => (async function* () { yield blobs.get(d.digest) as Buffer; })(),
      close: async () => {},
    },
  };
}

beforeAll(async () => {
  registry = await startAuthRegistry('coreuser', PASSWORD);
  dir = await mkdtemp(join(tmpdir(), 'core-cred-helper-'));
  const helper = join(dir, 'docker-credential-coretest');
  // Answers only for this registry, as the protocol says: the host on stdin, JSON on stdout.
  await writeFile(helper, `#!/bin/sh\n[ "$1" = get ] || exit 2\nread -r server\n[ "$server" = "${registry.host}" ] || { echo "credentials not found in native keychain"; exit 1; }\necho '{"ServerURL":"${registry.host}","Username":"coreuser","Secret":"${PASSWORD}"}'\n`);
  await chmod(helper, 0o755);
  // The helper is found on PATH, as the Docker CLI finds it.
  savedPath = process.env['PATH'];
  process.env['PATH'] = `${dir}:${savedPath ?? ''}`;
}, 60_000);

afterAll(async () => {
  if (savedPath !== undefined) process.env['PATH'] = savedPath;
  await registry?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const helperConfig = () => JSON.stringify({ credHelpers: { [registry.host]: 'coretest' } });

describe('credentials from a docker-credential helper only', () => {
  it('the buildx path: push by digest, verify-target reads it, publish tags it', async () => {
    const log = memoryLogger();
    const name = `${registry.host}/core/helper`;
    const { source, digest } = memoryImage('helper');
    const dockerConfig = helperConfig();
    await pushByDigest(source, openRepository(name, { dockerConfig }), { log });

    // What verification reads: the registry by digest, with the helper's credentials.
    const options = { ...BASE_OPTIONS, images: [name], tags: [`${name}:v1`, `${name}:latest`], push: true, load: false, pushByDigest: false };
    const chosen = verifyTarget({ mode: 'build', buildOptions: options } as unknown as Plan, { mode: 'build', built: { digest } } as unknown as PipelineResult, dockerConfig);
    expect(chosen?.target.kind).toBe('registry');
    const read = registrySource(chosen?.target as Parameters<typeof registrySource>[0], httpTransport());
    expect((await read.root()).digest).toBe(digest);

    // Tagging after verification, through the buildx path's publish (no root bytes in hand: it GETs them).
    const states = await publish({ digest } as Parameters<typeof publish>[0], options, { log, dockerConfig });
    expect(states).toEqual([
      { ref: `${name}:v1`, where: 'registry', published: true },
      { ref: `${name}:latest`, where: 'registry', published: true },
    ]);
    const tagged = await fetch(`http://${registry.host}/v2/core/helper/manifests/v1`, {
      headers: { authorization: `Basic ${Buffer.from(`coreuser:${PASSWORD}`).toString('base64')}`, accept: MediaType.ociIndex },
    });
    expect(tagged.headers.get('docker-content-digest')).toBe(digest);

    // The plan's base-platform check reads the same image the same way.
    expect(await registryPlatforms({ dockerConfig })(`${name}:v1`)).toEqual(['linux/amd64']);
    expect(log.lines.join('\n')).not.toContain(PASSWORD);
  });

  it('without the helper the registry refuses, named, and nothing is tagged', async () => {
    const log = memoryLogger();
    const name = `${registry.host}/core/helper`;
    const options = { ...BASE_OPTIONS, images: [name], tags: [`${name}:nohelper`], push: true, load: false, pushByDigest: false };
    const { digest } = memoryImage('helper');
    const error = await publish({ digest } as Parameters<typeof publish>[0], options, { log, dockerConfig: JSON.stringify({ credHelpers: { 'other.example': 'coretest' } }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishError);
    expect((error as PublishError).tags[0]).toMatchObject({ ref: `${name}:nohelper`, published: false });
    expect((error as PublishError).tags[0]?.reason).toMatch(/401/);
    expect(log.lines.join('\n')).not.toContain(PASSWORD);
  });

  it('a helper that fails is a named error, not retried as a network failure', async () => {
    const log = memoryLogger();
    const name = `${registry.host}/core/helper`;
    const options = { ...BASE_OPTIONS, images: [name], tags: [`${name}:broken`], push: true, load: false, pushByDigest: false };
    const { digest } = memoryImage('helper');
    const error = await publish({ digest } as Parameters<typeof publish>[0], options, { log, dockerConfig: JSON.stringify({ credsStore: 'core-missing-helper' }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishError);
    expect((error as PublishError).tags[0]?.reason).toMatch(/docker-credential-core-missing-helper/);
    expect(log.lines.join('\n')).not.toMatch(/trying again/);
  });
});
