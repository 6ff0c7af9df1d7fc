// Reads a merged index back from its exact bytes (what `imagetools create --dry-run` printed):
// the digest (sha256 of those bytes, which is what the registry stores it under), the image
// manifests per platform (attestations left out), and whether it holds the annotations asked
// for. Pure.
import { BuildError, InputError } from '../errors.js';
import { sha256Digest } from '../oci/digest.js';
import { indexImages } from '../oci/image-index.js';
import { MediaType, parseManifest } from '../oci/media-types.js';

/** One image manifest of the merged index. */
export interface MergedManifest {
  readonly platform: string;
  readonly digest: string;
}

interface IndexJson {
  readonly mediaType?: string;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly manifests?: ReadonlyArray<{
    readonly mediaType?: string;
    readonly digest?: string;
    readonly platform?: { readonly os?: string; readonly architecture?: string; readonly variant?: string };
    readonly annotations?: Readonly<Record<string, string>>;
  }>;
}

const DOCKER_LIST = MediaType.dockerList;

function parseIndex(raw: string): IndexJson {
  try {
    return JSON.parse(raw) as IndexJson;
  } catch (error) {
    throw new BuildError(
      { what: 'the merged index could not be read back', got: raw.slice(0, 200), expected: 'an OCI image index or Docker manifest list (JSON)', fix: 'check the registry and rerun the merge job' },
      { cause: error },
    );
  }
}

/** Digest, platforms and image manifests of an index from its raw bytes (attestations left out), through the OCI core's parser and index reader. */
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

/**
 * Every `index:key=value` asked for is in the index, with its value. buildx 0.13's imagetools
 * makes a Docker manifest list when every source has Docker media types and then drops the
 * annotations without a word (a manifest list has no place for them): that is an input error
 * here, before anything is written to a registry, naming the sources' media types.
 */
export function checkIndexAnnotations(raw: string, annotations: readonly string[]): void {
  if (annotations.length === 0) return;
  const json = parseIndex(raw);
  const wanted = annotations.map((a) => a.slice(a.indexOf(':') + 1)).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as const);
  const missing = wanted.filter(([key, value]) => json.annotations?.[key] !== value).map(([key]) => key);
  if (missing.length === 0) return;
  if (json.mediaType === DOCKER_LIST) {
    const sources = (json.manifests ?? []).map((m) => `${m.digest ?? '?'} (${m.mediaType ?? 'no media type'})`);
    throw new InputError('annotations', {
      got: `${missing.join(', ')} for an index of per-platform images with Docker media types: ${sources.join(', ')}`,
      expected: 'per-platform images with OCI media types: imagetools then makes an OCI index, which holds annotations; a Docker manifest list cannot',
      fix: 'build the per-platform images with OCI media types (this action always does; plain buildx: --output type=image,oci-mediatypes=true,… or provenance on), or remove annotations from the merge job',
    });
  }
  throw new BuildError({
    what: 'imagetools left annotations asked for off the merged index',
    got: missing.join(', '),
    expected: `every annotation in ${JSON.stringify(json.annotations ?? {})}`,
    fix: 'report this with the imagetools version (docker buildx version); meanwhile remove those annotations from the merge job',
  });
}
