// The regular files of a tar archive (ustar, GNU long names, pax `path`), read from memory.
// Pure: no extraction, so no path in the archive can ever reach the filesystem. Links, devices
// and folders are skipped; a damaged header is an error.

export interface TarEntry {
  /** Path inside the archive, as written (e.g. `./cl100k_base.tiktoken`, `cache/9b5a…`). */
  readonly name: string;
  readonly bytes: Buffer;
}

const BLOCK = 512;

function text(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString('utf8');
}

function number(block: Buffer, start: number, length: number): number {
  const field = block.subarray(start, start + length);
  if (((field[0] ?? 0) & 0x80) !== 0) {
    // GNU base-256: big-endian, high bit of the first byte is the marker.
    let value = (field[0] ?? 0) & 0x7f;
    for (const byte of field.subarray(1)) value = value * 256 + byte;
    return value;
  }
  const digits = text(block, start, length).trim();
  return digits === '' ? 0 : Number.parseInt(digits, 8);
}

function checksumOk(block: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i += 1) sum += i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
  return sum === number(block, 148, 8);
}

function paxPath(data: Buffer): string | undefined {
  // Records are `<length> <key>=<value>\n`.
  let offset = 0;
  let found: string | undefined;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    const length = Number.parseInt(data.subarray(offset, space).toString('ascii'), 10);
    if (space === -1 || !Number.isFinite(length) || length <= 0) break;
    const record = data.subarray(space + 1, offset + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (record.slice(0, eq) === 'path') found = record.slice(eq + 1);
    offset += length;
  }
  return found;
}

/** Throws an Error describing the damage when `archive` is not a readable tar. */
export function tarEntries(archive: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) return entries;
    if (!checksumOk(header)) throw new Error(`bad tar header checksum at byte ${offset}`);
    const size = number(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0);
    const start = offset + BLOCK;
    if (start + size > archive.length) throw new Error(`tar entry at byte ${offset} is cut short`);
    const data = archive.subarray(start, start + size);
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') {
      longName = text(data, 0, data.length);
      continue;
    }
    if (type === 'x') {
      longName = paxPath(data) ?? longName;
      continue;
    }
    const ustar = text(header, 257, 6).startsWith('ustar');
    const prefix = ustar ? text(header, 345, 155) : '';
    const name = longName ?? (prefix !== '' ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    longName = undefined;
    if (type === '0' || type === '\0' || type === '7') entries.push({ name, bytes: data });
  }
  if (offset < archive.length) throw new Error(`tar archive is cut short at byte ${offset}`);
  if (entries.length === 0 && archive.length > 0) throw new Error('no end-of-archive marker and no files');
  return entries;
}
