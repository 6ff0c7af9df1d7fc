// Pushing a fixture image built with Engine's own builder (the `docker` driver).
//
// Why not `--output type=image,push=true`: on the docker driver BuildKit pushes, then buildx
// has Docker push the same image again, and Docker 26's containerd store PUTs every manifest of
// a multi-platform image to the same tag at once. Distribution 2.8 rewrites a tag's link file
// in place, so a HEAD in between can read it half-written and answer 500 ("invalid checksum
// digest format"); a CI run failed on exactly that. So a fixture goes out the way the action's
// Engine path does: an OCI archive, pushed by digest with the OCI core, then the tag once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryLogger } from '../../src/log/logger.js';
import { layoutSource } from '../../src/oci/layout-source.js';
import { pushByDigest } from '../../src/oci/push-image.js';
import { parseImageReference } from '../../src/oci/reference.js';
import { putManifest } from '../../src/oci/registry-write.js';
import { openRepository } from '../../src/oci/repository.js';
import { runDocker } from './docker.js';

export interface EnginePushOptions {
  /** `docker buildx build` arguments besides the builder, output and context (platforms, provenance, files, build args). */
  readonly args?: readonly string[];
  /** Default false, as Engine's `type=image` does: Docker media types (BuildKit switches to OCI when there are attestations). */
  readonly ociMediatypes?: boolean;
  /** Where buildx writes its metadata (`--metadata-file`). */
  readonly metadataFile?: string;
}

/** Builds `context` with Engine's builder and pushes it as `image` (name:tag); returns the pushed root digest. */
export async function buildAndPush(image: string, context: string, options: EnginePushOptions = {}): Promise<string> {
  const ref = parseImageReference(image);
  if (!ref.tag) throw new Error(`buildAndPush needs name:tag, got ${image}`);
  const dir = await mkdtemp(join(tmpdir(), 'oneapi-engine-push-'));
  const archive = join(dir, 'image.oci.tar');
  try {
    const output = `type=oci,dest=${archive},oci-mediatypes=${options.ociMediatypes ?? false}`;
    const metadata = options.metadataFile ? ['--metadata-file', options.metadataFile] : [];
    await runDocker(['buildx', 'build', '--builder', 'default', ...(options.args ?? []), ...metadata, '--output', output, context]);
    const source = await layoutSource(archive);
    try {
      // Fixtures go to the anonymous loopback registry: no credentials.
      const http = openRepository(image, { credentials: async () => undefined });
      const root = await pushByDigest(source, http, { log: memoryLogger() });
      await putManifest(http, ref.tag, root.bytes, root.mediaType);
      return root.digest;
    } finally {
      await source.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
