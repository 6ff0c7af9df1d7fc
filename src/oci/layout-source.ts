// An OCI image layout: a folder, or a tar of one as `docker buildx build --output
// type=oci,dest=…` and `docker image save` (containerd image store) write it. index.json names
// the image; blobs live under blobs/<alg>/<hex>. Tars are read in place, never unpacked.
import { createReadStream } from 'node:fs';
import { open, readFile, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageSource, RootDocument } from './image-source.js';
import { manifestKind, type Descriptor, type ImageIndex } from './media-types.js';
import { DEFAULT_READ_LIMITS } from './read-limits.js';
import { sha256Digest } from './digest.js';
import { indexTar, type TarSlice } from './tar-index.js';

interface BlobStore {
  /** A whole small file; throws when it is larger than `max` bytes. */
  read(path: string, max: number): Promise<Buffer | undefined>;
  stream(path: string): AsyncIterable<Buffer> | undefined;
  close(): Promise<void>;
}

async function folderStore(dir: string): Promise<BlobStore> {
  return {
    async read(path, max) {
      const info = await stat(join(dir, path)).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
      if (!info) return undefined;
      if (!info.isFile() || info.size > max) throw new Error(`${path} in ${dir} is ${info.isFile() ? `${info.size} bytes, over the ${max}-byte limit for image documents` : 'not a regular file'}`);
      return readFile(join(dir, path));
    },
    stream: (path) => createReadStream(join(dir, path), { highWaterMark: 1 << 20 }),
    close: async () => {},
  };
}

async function tarStore(file: string): Promise<BlobStore> {
  const handle: FileHandle = await open(file, 'r');
  let files: Map<string, TarSlice>;
  try {
    files = await indexTar(handle);
  } catch (error) {
    await handle.close();
    throw new Error(`${file} is not a readable (uncompressed) tar of an OCI layout: ${(error as Error).message}`, { cause: error });
  }
  return {
    async read(path, max) {
      const slice = files.get(path);
      if (!slice) return undefined;
      if (slice.size > max) throw new Error(`${path} in ${file} is ${slice.size} bytes, over the ${max}-byte limit for image documents`);
      const buffer = Buffer.alloc(slice.size);
      await handle.read(buffer, 0, slice.size, slice.offset);
      return buffer;
    },
    stream(path) {
      const slice = files.get(path);
      if (!slice) return undefined;
      if (slice.size === 0) return (async function* () {})();
      return createReadStream(file, { start: slice.offset, end: slice.offset + slice.size - 1, highWaterMark: 1 << 20 });
    },
    close: () => handle.close(),
  };
}

function blobPath(digest: string): string {
  const [algorithm, hex] = digest.split(':');
  if (!algorithm || !hex || !/^[a-z0-9]+$/.test(algorithm) || !/^[0-9a-f]+$/.test(hex)) throw new Error(`"${digest}" is not a digest`);
  return `blobs/${algorithm}/${hex}`;
}

/** Picks the image index.json names: its only entry, else the one whose ref name matches. */
function pickRoot(index: ImageIndex, refName: string | undefined): Descriptor | 'self' {
  const entries = index.manifests;
  if (entries.length === 1) return entries[0] as Descriptor;
  // One image under several names (a buildx archive lists it once per tag): that image.
  if (entries.length > 1 && entries.every((d) => d.digest === entries[0]?.digest)) return entries[0] as Descriptor;
  if (refName) {
    const match = entries.find((d) =>
      [d.annotations?.['io.containerd.image.name'], d.annotations?.['org.opencontainers.image.ref.name']].some(
        (name) => name === refName || name?.endsWith(`/${refName}`),
      ),
    );
    if (match) return match;
  }
  // Several platform manifests listed directly: index.json itself is the index.
  return 'self';
}

export interface LayoutOptions {
  /** The ref to pick when index.json lists several images. */
  readonly refName?: string;
  readonly partial?: boolean;
  readonly label?: string;
  /** What to say when there is no index.json. */
  readonly noIndexHint?: string;
  readonly maxDocumentBytes?: number;
}

export async function layoutSource(path: string, options: LayoutOptions = {}): Promise<ImageSource> {
  const info = await stat(path);
  const store = info.isDirectory() ? await folderStore(path) : await tarStore(path);
  const label = options.label ?? path;
  const max = options.maxDocumentBytes ?? DEFAULT_READ_LIMITS.maxDocumentBytes;
  const document = async (descriptor: Descriptor) => {
    if (descriptor.size > max) throw new Error(`${label}: ${descriptor.digest} is declared as ${descriptor.size} bytes, over the ${max}-byte limit for image documents`);
    return store.read(blobPath(descriptor.digest), max);
  };
  return {
    label,
    partial: options.partial ?? false,
    async root(): Promise<RootDocument> {
      const bytes = await store.read('index.json', max);
      if (!bytes) throw new Error(`${label} has no index.json: it is not an OCI image layout (${options.noIndexHint ?? 'build with --output type=oci,dest=…'})`);
      const index = JSON.parse(bytes.toString('utf8')) as ImageIndex;
      if (manifestKind(index.mediaType, index) !== 'index') throw new Error(`${label}: index.json is not an image index`);
      const picked = pickRoot(index, options.refName);
      if (picked === 'self') {
        return { digest: sha256Digest(bytes), mediaType: index.mediaType, bytes };
      }
      const rootBytes = await document(picked);
      if (!rootBytes) throw new Error(`${label}: index.json names ${picked.digest}, which is not in blobs/`);
      return { digest: picked.digest, mediaType: picked.mediaType, bytes: rootBytes };
    },
    document,
    async blob(descriptor: Descriptor) {
      const stream = store.stream(blobPath(descriptor.digest));
      if (!stream) throw new Error(`${label}: blob ${descriptor.digest} is not in the layout`);
      return stream;
    },
    close: () => store.close(),
  };
}
