// Streams the entries of a tar (ustar, pax and GNU long names) from chunks. Each entry's body
// is streamed from the source; whatever the caller leaves unread is skipped before the next
// header, so memory stays at one chunk whatever the layer size.
import { ByteReader } from './byte-reader.js';
import {
  BLOCK,
  TarType,
  gnuText,
  isZeroBlock,
  padding,
  paxToExtended,
  parseHeader,
  parsePax,
  withExtended,
  type Extended,
  type TarHeader,
} from './tar-header.js';

export interface TarEntry extends TarHeader {
  /** The entry's data; read it before asking for the next entry, or it is skipped. */
  readonly body: AsyncIterable<Buffer>;
}

const MAX_META = 1 << 20;

async function readMeta(reader: ByteReader, size: number): Promise<Buffer> {
  if (size > MAX_META) throw new Error(`tar: a ${size}-byte pax/GNU header is larger than the ${MAX_META}-byte limit`);
  const data = (await reader.exactly(size)) ?? Buffer.alloc(0);
  await reader.skip(padding(size));
  return data;
}

export async function* tarEntries(source: AsyncIterable<Buffer | Uint8Array>): AsyncGenerator<TarEntry> {
  const reader = new ByteReader(source);
  const global: Extended = {};
  let ext: Extended = {};
  for (;;) {
    const block = await reader.exactly(BLOCK);
    if (!block || isZeroBlock(block)) break;
    const header = parseHeader(block);
    switch (header.type) {
      case TarType.paxLocal:
        paxToExtended(parsePax(await readMeta(reader, header.size)), ext);
        continue;
      case TarType.paxGlobal:
        paxToExtended(parsePax(await readMeta(reader, header.size)), global);
        continue;
      case TarType.gnuLongName:
        ext.path = gnuText(await readMeta(reader, header.size));
        continue;
      case TarType.gnuLongLink:
        ext.linkpath = gnuText(await readMeta(reader, header.size));
        continue;
    }
    const entry = withExtended(header, ext, global);
    ext = {};
    // Links and directories carry no data even when a size is recorded (hard links in pax).
    const dataSize = entry.type === TarType.file || entry.type === TarType.other ? entry.size : 0;
    let left = dataSize;
    const body = (async function* () {
      for await (const part of reader.take(left)) {
        left -= part.length;
        yield part;
      }
    })();
    yield { ...entry, size: dataSize, body };
    await reader.skip(left + padding(dataSize));
  }
  // Anything after the end blocks is ignored, but read so that digest checks see every byte.
  await reader.drain();
}
