// Where each file's bytes sit inside an uncompressed tar on disk, found by reading headers
// only (positional reads, data skipped). An OCI archive's blobs are then streamed straight
// from their offsets without unpacking the archive.
import type { FileHandle } from 'node:fs/promises';
import {
  BLOCK,
  TarType,
  gnuText,
  hasData,
  isZeroBlock,
  padding,
  paxToExtended,
  parseHeader,
  parsePax,
  withExtended,
  type Extended,
} from '../tar/tar-header.js';
import { normalizeLayerPath } from '../image/layer-paths.js';

export interface TarSlice {
  readonly offset: number;
  readonly size: number;
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  if (bytesRead !== length) throw new Error(`archive ends inside an entry (${bytesRead} of ${length} bytes at offset ${position})`);
  return buffer;
}

/** Normalised path → data slice, for regular files (hard links point at their target's data). */
export async function indexTar(handle: FileHandle): Promise<Map<string, TarSlice>> {
  const files = new Map<string, TarSlice>();
  const { size: total } = await handle.stat();
  let ext: Extended = {};
  let at = 0;
  while (at + BLOCK <= total) {
    const block = await readAt(handle, at, BLOCK);
    if (isZeroBlock(block)) break;
    const header = parseHeader(block);
    at += BLOCK;
    const meta = async () => readAt(handle, at, header.size);
    if (header.type === TarType.paxLocal) paxToExtended(parsePax(await meta()), ext);
    else if (header.type === TarType.paxGlobal) ext = {};
    else if (header.type === TarType.gnuLongName) ext.path = gnuText(await meta());
    else if (header.type === TarType.gnuLongLink) ext.linkpath = gnuText(await meta());
    else {
      const entry = withExtended(header, ext);
      ext = {};
      const path = normalizeLayerPath(entry.name);
      const dataSize = hasData(entry.type) ? entry.size : 0;
      if (path !== undefined && entry.type === TarType.file) files.set(path, { offset: at, size: dataSize });
      if (path !== undefined && entry.type === TarType.hardlink) {
        const target = files.get(normalizeLayerPath(entry.linkname) ?? '');
        if (target) files.set(path, target);
      }
      at += dataSize + padding(dataSize);
      continue;
    }
    at += header.size + padding(header.size);
  }
  return files;
}
