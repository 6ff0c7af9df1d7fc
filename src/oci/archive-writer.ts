// Writes an image (any ImageSource: index, manifests, configs, layers) as an OCI image layout
// in one tar — what `docker load`, `skopeo copy oci-archive:` and our verifier read:
// `oci-layout`, the blobs as they arrive (each digest-checked while streamed), then index.json.
// It goes to a temporary name beside the target, with an index.json that names nothing, so
// the image can be verified before it has a name; `publish` names it (name-archive.ts rewrites
// index.json, the archive's last entry) and renames the file into place. `discard` (and any failure) removes the temporary file:
// nothing half-written is left at the target.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { checkedBlob } from './blob-stream.js';
import type { ImageSource } from './image-source.js';
import { MediaType, parseManifest, type Descriptor } from './media-types.js';
import { tarEnd, tarHeader, tarPadding } from '../tar/tar-write.js';
import { nameArchive } from './name-archive.js';
import { bytesOnce, digestHex, sha256Digest } from './digest.js';

export interface WrittenArchive {
  /** The temporary file, complete and readable, with an index.json that names no image. */
  readonly tempPath: string;
  readonly root: Descriptor;
  /** Names the image (full `name:tag` references) and moves the file to its path. */
  publish(names: readonly string[]): Promise<void>;
  discard(): Promise<void>;
}

const OCI_LAYOUT = Buffer.from('{"imageLayoutVersion":"1.0.0"}', 'utf8');

function indexJson(root: Descriptor): Buffer {
  const manifests = [{ mediaType: root.mediaType, digest: root.digest, size: root.size }];
  return Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests }), 'utf8');
}

/** Copies `source` into an archive for `path`; `mtime` dates every tar entry (SOURCE_DATE_EPOCH or 0). */
export async function writeArchive(source: ImageSource, path: string, mtime: number): Promise<WrittenArchive> {
  await mkdir(dirname(path), { recursive: true });
  const tempPath = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.partial`);
  const handle: FileHandle = await open(tempPath, 'wx', 0o644);
  let position = 0;
  const stored = new Set<string>();
  const write = async (bytes: Buffer | Uint8Array): Promise<void> => {
    await handle.write(bytes, 0, bytes.length, position);
    position += bytes.length;
  };
  const file = async (name: string, data: Buffer): Promise<void> => {
    await write(tarHeader({ name, type: 'file', size: data.length, mode: 0o644, mtime }));
    await write(Buffer.concat([data, tarPadding(data.length)]));
  };
  const blob = async (descriptor: Descriptor, body: AsyncIterable<Buffer | Uint8Array>): Promise<void> => {
    if (stored.has(descriptor.digest)) return;
    const hex = digestHex(descriptor.digest);
    if (!hex) throw new Error(`"${descriptor.digest}" is not a sha256 digest`);
    await write(tarHeader({ name: `blobs/sha256/${hex}`, type: 'file', size: descriptor.size, mode: 0o644, mtime }));
    for await (const chunk of checkedBlob(body, descriptor)) await write(chunk);
    await write(tarPadding(descriptor.size));
    stored.add(descriptor.digest);
  };
  const document = async (descriptor: Descriptor): Promise<Buffer> => {
    const bytes = await source.document(descriptor);
    if (!bytes) throw new Error(`${source.label} does not hold ${descriptor.mediaType} ${descriptor.digest}`);
    return bytes;
  };
  const copy = async (bytes: Buffer, descriptor: Descriptor, depth: number): Promise<void> => {
    const parsed = parseManifest(bytes, descriptor.mediaType, `${source.label} ${descriptor.digest}`, { strict: true });
    if (parsed.kind === 'index') {
      if (depth > 4) throw new Error(`${source.label}: indexes nested deeper than 4`);
      for (const child of parsed.doc.manifests) await copy(await document(child), child, depth + 1);
    } else {
      await blob(parsed.doc.config, bytesOnce(await document(parsed.doc.config)));
      for (const layer of parsed.doc.layers) await blob(layer, await source.blob(layer));
    }
    await blob(descriptor, bytesOnce(bytes));
  };

  try {
    await write(tarHeader({ name: 'blobs', type: 'directory', size: 0, mode: 0o755, mtime }));
    await write(tarHeader({ name: 'blobs/sha256', type: 'directory', size: 0, mode: 0o755, mtime }));
    await file('oci-layout', OCI_LAYOUT);
    const rootDoc = await source.root();
    if (sha256Digest(rootDoc.bytes) !== rootDoc.digest) throw new Error(`${source.label}: the root does not match its digest ${rootDoc.digest}`);
    const root: Descriptor = { mediaType: rootDoc.mediaType ?? MediaType.ociIndex, digest: rootDoc.digest, size: rootDoc.bytes.length };
    await copy(rootDoc.bytes, root, 0);
    await file('index.json', indexJson(root));
    await write(tarEnd());
    await handle.sync();
    let done = false;
    const discard = async (): Promise<void> => {
      if (done) return;
      done = true;
      await handle.close().catch(() => undefined);
      await rm(tempPath, { force: true });
    };
    return {
      tempPath,
      root,
      async publish(names) {
        if (done) throw new Error('internal: archive already published or discarded');
        done = true;
        try {
          await handle.close();
          await nameArchive(tempPath, names);
          await rename(tempPath, path);
        } catch (error) {
          await rm(tempPath, { force: true });
          throw error;
        }
      },
      discard,
    };
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(tempPath, { force: true });
    throw error;
  }
}
