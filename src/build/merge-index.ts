// Reads a merged index back from its exact bytes: the digest (sha256 of those bytes, which is
// what the registry stores it under) and the image manifests per platform, attestations left
// out — through the OCI core's one manifest parser and index reader. Pure.
import { BuildError } from '../errors.js';
import { sha256Digest } from '../oci/digest.js';
import { indexImages } from '../oci/image-index.js';
import { parseManifest } from '../oci/media-types.js';

/** One image manifest of the merged index. */
export interface MergedManifest {
  readonly platform: string;
  readonly digest: string;
}

/** Digest, platforms and image manifests of an index from its raw bytes (attestations left out). */
export function readIndex(raw: string): { digest: string; platforms: string[]; manifests: MergedManifest[] } {
  let parsed: ReturnType<typeof parseManifest>;
  try {
    parsed = parseManifest(Buffer.from(raw, 'utf8'), undefined, 'the merged index');
  } catch (error) {
    throw new BuildError(
      { what: 'the merged index could not be read back', got: raw.slice(0, 200), expected: 'an OCI image index or Docker manifest list (JSON)', fix: 'check the registry and rerun the merge job' },
      { cause: error },
    );
  }
  const manifests = parsed.kind === 'index' ? indexImages(parsed.doc).map(({ platform, digest }) => ({ platform, digest })) : [];
  return { digest: sha256Digest(raw), platforms: [...new Set(manifests.map((m) => m.platform))], manifests };
}
