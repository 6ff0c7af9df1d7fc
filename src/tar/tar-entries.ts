// Streams the entries of a tar (ustar, pax and GNU long names) from chunks, the way Go's
// archive/tar reads them (containerd unpacks layers with it): local pax records apply to the
// next entry; a pax global header is returned as an entry of type paxGlobal (its name is its
// own `path` record when it has one) and is never applied to later entries. Each entry's body
// is streamed; whatever the caller leaves unread is skipped before the next header, so memory
// stays at one chunk whatever the layer size.
import { ByteReader } from './byte-reader.js';
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

const EMPTY = (async function* () {})();

export async function* tarEntries(source: AsyncIterable<Buffer | Uint8Array>): AsyncGenerator<TarEntry> {
  const reader = new ByteReader(source);
  let ext: Extended = {};
  for (;;) {
    const block = await reader.exactly(BLOCK);
    if (!block || isZeroBlock(block)) break;
    const header = parseHeader(block);
    switch (header.type) {
      case TarType.paxLocal:
        paxToExtended(parsePax(await readMeta(reader, header.size)), ext);
        continue;
      case TarType.paxGlobal: {
        const records: Extended = {};
        paxToExtended(parsePax(await readMeta(reader, header.size)), records);
        // Go merges the pending local records and the global ones into this header only.
        const named = withExtended(header, { ...ext, ...records });
        ext = {};
        yield { ...named, size: 0, type: TarType.paxGlobal, body: EMPTY };
        continue;
      }
      case TarType.gnuLongName:
        ext.path = gnuText(await readMeta(reader, header.size));
        continue;
      case TarType.gnuLongLink:
        ext.linkpath = gnuText(await readMeta(reader, header.size));
        continue;
    }
    const entry = withExtended(header, ext);
    ext = {};
    // Links, directories and devices carry no data even when a size is recorded (Go skips 0 bytes).
    const dataSize = hasData(entry.type) ? entry.size : 0;
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
