// Reading an OCI archive in tests, through the OCI core: a member's bytes (the tar index the
// layout reader uses) and the index's `platform → manifest digest` (the layout reader and the
// one index reader), attestations left out.
import { open } from 'node:fs/promises';
import { indexTar } from '../../src/oci/tar-index.js';
import { indexImages } from '../../src/oci/image-index.js';
import { layoutSource } from '../../src/oci/layout-source.js';
import { parseManifest } from '../../src/oci/media-types.js';
import { configPlatform, platformName } from '../../src/oci/platform.js';

/** The bytes of `member` in the (uncompressed) tar at `path`, or undefined. */
export async function readTarMember(path: string, member: string): Promise<Buffer | undefined> {
  const handle = await open(path, 'r');
  try {
    const slice = (await indexTar(handle)).get(member.replace(/^\.\//, ''));
    if (!slice) return undefined;
    const buffer = Buffer.alloc(slice.size);
    await handle.read(buffer, 0, slice.size, slice.offset);
    return buffer;
  } finally {
    await handle.close();
  }
}

/** The image the archive names: its digest and `platform → manifest digest`. */
export async function archiveIndex(path: string): Promise<{ digest: string; platforms: Record<string, string> }> {
  const source = await layoutSource(path);
  try {
    const root = await source.root();
    const parsed = parseManifest(root.bytes, root.mediaType, path);
    if (parsed.kind === 'index') return { digest: root.digest, platforms: Object.fromEntries(indexImages(parsed.doc).map((i) => [i.platform, i.digest])) };
    const config = await source.document(parsed.doc.config);
    const platform = configPlatform(JSON.parse(config?.toString('utf8') ?? '{}') as Record<string, unknown>);
    return { digest: root.digest, platforms: platform ? { [platformName(platform)]: root.digest } : {} };
  } finally {
    await source.close();
  }
}
