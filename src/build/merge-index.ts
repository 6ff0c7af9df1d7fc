// Reads a merged index back from its exact bytes: the digest (sha256 of those bytes, which is
// what the registry stores it under) and the image manifests per platform, attestations left
// out. Pure.
import { BuildError } from '../errors.js';
import { sha256Digest } from '../oci/digest.js';

/** One image manifest of the merged index. */
export interface MergedManifest {
  readonly platform: string;
  readonly digest: string;
}

interface IndexJson {
  readonly manifests?: ReadonlyArray<{
    readonly digest?: string;
    readonly platform?: { readonly os?: string; readonly architecture?: string; readonly variant?: string };
    readonly annotations?: Readonly<Record<string, string>>;
  }>;
}

/** Digest, platforms and image manifests of an index from its raw bytes (attestations left out). */
export function readIndex(raw: string): { digest: string; platforms: string[]; manifests: MergedManifest[] } {
  let json: IndexJson;
  try {
    json = JSON.parse(raw) as IndexJson;
  } catch (error) {
    throw new BuildError(
      { what: 'the merged index could not be read back', got: raw.slice(0, 200), expected: 'an OCI image index or Docker manifest list (JSON)', fix: 'check the registry and rerun the merge job' },
      { cause: error },
    );
  }
  const manifests = (json.manifests ?? [])
    .filter((m) => m.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest')
    .map((m) => ({
      digest: m.digest ?? '',
      platform: [m.platform?.os ?? 'unknown', m.platform?.architecture ?? 'unknown', m.platform?.variant]
        .filter((part) => part !== undefined && part !== '')
        .join('/'),
    }));
  return {
    digest: sha256Digest(raw),
    platforms: [...new Set(manifests.map((m) => m.platform))],
    manifests,
  };
}

