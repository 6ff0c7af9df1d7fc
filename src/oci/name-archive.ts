// Names the image in an OCI archive after it passed verification: index.json gets one entry per
// tag (the same descriptor, with `io.containerd.image.name` and `org.opencontainers.image.ref.name`
// as buildx writes them for `--tag`), so `skopeo copy oci-archive:x.tar:<tag>` and `docker load`
// find it. Before that the archive is un-named: it names no tag. The tar is rewritten from
// index.json's header on (BuildKit writes index.json and oci-layout last, after the blobs), so
// the blobs are not copied again.
import { open } from 'node:fs/promises';
import { BLOCK, isZeroBlock, parseHeader } from '../tar/tar-header.js';
import { tarHeader } from '../tar/tar-write.js';
import { splitTag } from './reference.js';

const MAX_TAIL = 16 * 1024 * 1024;

/** A ustar header for a regular file `name` of `size` bytes (the project's one tar header writer). */
export function ustarHeader(name: string, size: number, mtime = 0): Buffer {
  return tarHeader({ name, type: 'file', size, mode: 0o644, mtime });
}

/** index.json naming the (single) image once per reference. Pure. */
export function namedIndex(indexJson: string, refs: readonly string[]): string {
  const index = JSON.parse(indexJson) as { manifests?: Array<{ annotations?: Record<string, string> }> } & Record<string, unknown>;
  const root = index.manifests?.[0];
  if (!root) throw new Error('index.json lists no image');
  const manifests = refs.map((ref) => {
    const tag = splitTag(ref).tag ?? 'latest';
    return { ...root, annotations: { ...root.annotations, 'io.containerd.image.name': ref, 'org.opencontainers.image.ref.name': tag } };
  });
  return JSON.stringify({ ...index, manifests });
}

export async function nameArchive(path: string, refs: readonly string[]): Promise<void> {
  if (refs.length === 0) return;
  const handle = await open(path, 'r+');
  try {
    const { size: fileSize } = await handle.stat();
    let position = 0;
    let found: { at: number; dataSize: number; name: string } | undefined;
    let end = fileSize;
    const block = Buffer.alloc(BLOCK);
    while (position + BLOCK <= fileSize) {
      await handle.read(block, 0, BLOCK, position);
      if (isZeroBlock(block)) {
        end = position;
        break;
      }
      const header = parseHeader(block);
      if (header.name.replace(/^\.\//, '') === 'index.json' && header.type === 'file') found = { at: position, dataSize: header.size, name: header.name };
      position += BLOCK + Math.ceil(header.size / BLOCK) * BLOCK;
    }
    if (!found) throw new Error(`${path} has no index.json: not an OCI archive`);
    const afterIndex = found.at + BLOCK + Math.ceil(found.dataSize / BLOCK) * BLOCK;
    if (end - afterIndex > MAX_TAIL) throw new Error(`${path}: index.json is not near the end of the archive (${end - afterIndex} bytes follow it)`);
    const indexBytes = Buffer.alloc(found.dataSize);
    await handle.read(indexBytes, 0, found.dataSize, found.at + BLOCK);
    const tail = Buffer.alloc(end - afterIndex);
    await handle.read(tail, 0, tail.length, afterIndex);
    const named = Buffer.from(namedIndex(indexBytes.toString('utf8'), refs), 'utf8');
    const padded = Buffer.alloc(Math.ceil(named.length / BLOCK) * BLOCK);
    named.copy(padded);
    const rewritten = Buffer.concat([ustarHeader(found.name, named.length), padded, tail, Buffer.alloc(2 * BLOCK)]);
    await handle.truncate(found.at);
    await handle.write(rewritten, 0, rewritten.length, found.at);
  } finally {
    await handle.close();
  }
}
