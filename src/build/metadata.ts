// buildx's `--metadata-file` JSON → the outputs the action reports. Pure; tested on files
// captured from buildx 0.13.1 (fixtures/images/metadata/).
import { BuildError } from '../errors.js';
import { isDigest } from '../oci/digest.js';

export interface BuildMetadata {
  /** Image or index digest (`containerimage.digest`). */
  readonly digest?: string;
  /** Image ID: the config digest, else the digest (the containerd store's ID is the index digest). */
  readonly imageid?: string;
  /** Names buildx wrote (`image.name`, comma-separated there). */
  readonly names: readonly string[];
  /** The whole JSON object, as the `metadata` output. */
  readonly metadata: Readonly<Record<string, unknown>>;
}


function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function parseMetadata(text: string, file = 'metadata file'): BuildMetadata {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BuildError(
      { what: `buildx ${file} is not JSON`, got: JSON.stringify(text.slice(0, 200)), expected: 'a JSON object', fix: 'check the buildx version (0.10 or newer writes --metadata-file)' },
      { cause: error },
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new BuildError({ what: `buildx ${file} is not a JSON object`, got: text.slice(0, 200), fix: 'check the buildx version' });
  }
  const metadata = parsed as Record<string, unknown>;
  const digest = str(metadata['containerimage.digest']);
  const config = str(metadata['containerimage.config.digest']);
  const names = (str(metadata['image.name']) ?? '').split(',').map((n) => n.trim()).filter((n) => n !== '');
  for (const [key, value] of [['containerimage.digest', digest], ['containerimage.config.digest', config]] as const) {
    if (value !== undefined && !isDigest(value)) {
      throw new BuildError({ what: `buildx ${file}: ${key} is not a sha256 digest`, got: value, expected: 'sha256:<64 hex>', fix: 'report this with the buildx version' });
    }
  }
  const imageid = config ?? digest;
  return { ...(digest ? { digest } : {}), ...(imageid ? { imageid } : {}), names, metadata };
}
