import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkIndexAnnotations, readIndex } from '../../../src/build/merge-index.js';
import { BuildError, InputError } from '../../../src/errors.js';
import { A, B, index } from './merge-fixtures.js';

describe('readIndex', () => {
  it('hashes the exact bytes and leaves attestations out', () => {
    const raw = index([
      { digest: A, arch: 'amd64' },
      { digest: `sha256:${'c'.repeat(64)}`, arch: '', attestation: true },
      { digest: B, arch: 'arm64' },
    ]);
    const read = readIndex(raw);
    expect(read.digest).toBe(`sha256:${createHash('sha256').update(raw).digest('hex')}`);
    expect(read.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(read.manifests).toEqual([
      { platform: 'linux/amd64', digest: A },
      { platform: 'linux/arm64', digest: B },
    ]);
  });

  it('a byte more is another digest', () => {
    const raw = index([{ digest: A, arch: 'amd64' }]);
    expect(readIndex(`${raw}\n`).digest).not.toBe(readIndex(raw).digest);
  });

  it('rejects what is not JSON with a BuildError', () => {
    expect(() => readIndex('<html>')).toThrow(BuildError);
  });
});

describe('checkIndexAnnotations', () => {
  const two = [
    { digest: A, arch: 'amd64' },
    { digest: B, arch: 'arm64' },
  ];
  const asked = ['index:org.opencontainers.image.title=one-api', 'index:org.opencontainers.image.version=v1=2'];

  it('passes when nothing is asked, even for a Docker manifest list', () => {
    expect(() => checkIndexAnnotations(index(two, { docker: true }), [])).not.toThrow();
  });

  it('passes when the index holds every key with its value (a value may hold "=")', () => {
    const raw = index(two, { annotations: { 'org.opencontainers.image.title': 'one-api', 'org.opencontainers.image.version': 'v1=2', other: 'x' } });
    expect(() => checkIndexAnnotations(raw, asked)).not.toThrow();
  });

  it('a Docker manifest list (Docker-typed sources) is an input error naming the sources and the fix', () => {
    const error = (() => {
      try {
        checkIndexAnnotations(index(two, { docker: true }), asked);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe('annotations');
    const message = (error as InputError).message;
    expect(message).toContain('org.opencontainers.image.title, org.opencontainers.image.version');
    expect(message).toContain(`${A} (application/vnd.docker.distribution.manifest.v2+json)`);
    expect(message).toContain('oci-mediatypes=true');
    expect(message).toContain('remove annotations from the merge job');
  });

  it('an OCI index that lacks a key or has another value is a build error (imagetools misbehaved)', () => {
    expect(() => checkIndexAnnotations(index(two, { annotations: { 'org.opencontainers.image.title': 'one-api' } }), asked)).toThrow(BuildError);
    expect(() => checkIndexAnnotations(index(two, { annotations: { 'org.opencontainers.image.title': 'x', 'org.opencontainers.image.version': 'v1=2' } }), asked)).toThrow(
      /left annotations asked for off[\s\S]*org\.opencontainers\.image\.title/,
    );
  });
});
