// A merged index as imagetools prints it, for the merge tests.
export const A = `sha256:${'a'.repeat(64)}`;
export const B = `sha256:${'b'.repeat(64)}`;

/** Docker media types as imagetools writes them for Docker-typed sources (no annotations field). */
export const index = (entries: Array<{ digest: string; arch: string; attestation?: boolean }>, options: { docker?: boolean; annotations?: Record<string, string> } = {}) =>
  JSON.stringify({
    schemaVersion: 2,
    mediaType: options.docker ? 'application/vnd.docker.distribution.manifest.list.v2+json' : 'application/vnd.oci.image.index.v1+json',
    manifests: entries.map((e) => ({
      mediaType: options.docker ? 'application/vnd.docker.distribution.manifest.v2+json' : 'application/vnd.oci.image.manifest.v1+json',
      digest: e.digest,
      size: 1,
      platform: e.attestation ? { os: 'unknown', architecture: 'unknown' } : { os: 'linux', architecture: e.arch },
      ...(e.attestation ? { annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': A } } : {}),
    })),
    ...(options.annotations ? { annotations: options.annotations } : {}),
  });
