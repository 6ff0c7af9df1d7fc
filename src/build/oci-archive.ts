// Reads an OCI image archive (the tar `type=oci,dest=…` writes) without unpacking it: find a
// member by name, then list the index's platforms and their manifest digests.
import { open, type FileHandle } from 'node:fs/promises';

const BLOCK = 512;

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? length : end).toString('utf8');
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** The bytes of `member` in the (uncompressed, ustar) tar at `path`, or undefined. */
export async function readTarMember(path: string, member: string): Promise<Buffer | undefined> {
  const handle = await open(path, 'r');
  try {
    let position = 0;
    let longName: string | undefined;
    for (;;) {
      const header = await readAt(handle, position, BLOCK);
      if (header.length < BLOCK || header.every((b) => b === 0)) return undefined;
      const size = parseInt(field(header, 124, 12).trim() || '0', 8);
      const type = field(header, 156, 1);
      const prefix = field(header, 345, 155);
      const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
      longName = undefined;
      const data = position + BLOCK;
      if (type === 'L') longName = (await readAt(handle, data, size)).toString('utf8').replace(/\0+$/, '');
      else if (name.replace(/^\.\//, '') === member && (type === '0' || type === '')) return readAt(handle, data, size);
      position = data + Math.ceil(size / BLOCK) * BLOCK;
    }
  } finally {
    await handle.close();
  }
}

interface Descriptor {
  readonly mediaType?: string;
  readonly digest: string;
  readonly platform?: { readonly os: string; readonly architecture: string; readonly variant?: string };
  readonly annotations?: Record<string, string>;
}

async function readJson(path: string, member: string): Promise<{ manifests?: Descriptor[]; mediaType?: string }> {
  const bytes = await readTarMember(path, member);
  if (!bytes) throw new Error(`${path} has no ${member}: not an OCI archive`);
  return JSON.parse(bytes.toString('utf8')) as { manifests?: Descriptor[] };
}

const INDEX_TYPES = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);

/** The image index inside the archive: its digest and `platform → manifest digest`. */
export async function archiveIndex(path: string): Promise<{ digest: string; platforms: Record<string, string> }> {
  const top = await readJson(path, 'index.json');
  const entry = top.manifests?.[0];
  if (!entry) throw new Error(`${path}: index.json lists no image`);
  if (!INDEX_TYPES.has(entry.mediaType ?? '')) {
    const p = entry.platform;
    return { digest: entry.digest, platforms: p ? { [[p.os, p.architecture, p.variant].filter(Boolean).join('/')]: entry.digest } : {} };
  }
  const index = await readJson(path, `blobs/${entry.digest.replace(':', '/')}`);
  const platforms: Record<string, string> = {};
  for (const m of index.manifests ?? []) {
    if (m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' || !m.platform) continue;
    platforms[[m.platform.os, m.platform.architecture, m.platform.variant].filter(Boolean).join('/')] = m.digest;
  }
  return { digest: entry.digest, platforms };
}
