import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { archiveIndex, readTarMember } from '../../support/oci-archive.js';

const sha = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

/** An OCI layout shaped like buildx's: index.json → an index → two platforms and an attestation. */
async function layout(): Promise<{ tar: string; indexDigest: string; amd: string; arm: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'oci-'));
  await mkdir(join(dir, 'blobs/sha256'), { recursive: true });
  const put = async (text: string) => {
    const digest = sha(text);
    await writeFile(join(dir, 'blobs/sha256', digest.slice(7)), text);
    return digest;
  };
  const amd = await put('{"amd":1}');
  const arm = await put('{"arm":1}');
  const att = await put('{"att":1}');
  const index = JSON.stringify({
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: amd, size: 9, platform: { os: 'linux', architecture: 'amd64' } },
      { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: arm, size: 9, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: att, size: 9, platform: { os: 'unknown', architecture: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } },
    ],
  });
  const indexDigest = await put(index);
  await writeFile(join(dir, 'index.json'), JSON.stringify({ manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', digest: indexDigest, size: index.length }] }));
  await writeFile(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  const tar = join(dir, 'image.tar');
  execFileSync('tar', ['-cf', tar, '-C', dir, 'oci-layout', 'index.json', 'blobs']);
  return { tar, indexDigest, amd, arm };
}

describe('OCI archive reader', () => {
  it('lists the platforms of the index, attestations left out', async () => {
    const { tar, indexDigest, amd, arm } = await layout();
    expect(await archiveIndex(tar)).toEqual({ digest: indexDigest, platforms: { 'linux/amd64': amd, 'linux/arm64/v8': arm } });
  });

  it('reads a member and says when one is missing', async () => {
    const { tar } = await layout();
    expect((await readTarMember(tar, 'oci-layout'))?.toString()).toBe('{"imageLayoutVersion":"1.0.0"}');
    expect(await readTarMember(tar, 'nope')).toBeUndefined();
  });
});
