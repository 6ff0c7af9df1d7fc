// Writes ustar headers with every field fixed by the caller (no clock, no uid, no user names),
// so the same entries give the same bytes on every machine. Names up to 255 bytes use the
// ustar prefix field; longer ones are refused rather than written in a way readers disagree on.
import { BLOCK, padding } from './tar-header.js';

export interface TarWriteEntry {
  /** Path inside the archive, no leading slash; directories end without a slash (added here). */
  readonly name: string;
  readonly type: 'file' | 'directory';
  readonly size: number;
  /** Permission bits, e.g. 0o444. */
  readonly mode: number;
  /** Seconds since the epoch. */
  readonly mtime: number;
}

function octal(block: Buffer, offset: number, length: number, value: number): void {
  const text = value.toString(8).padStart(length - 1, '0');
  if (text.length > length - 1) throw new Error(`tar: ${value} does not fit a ${length}-byte field`);
  block.write(`${text}\0`, offset, length, 'ascii');
}

/** Splits a long name into ustar prefix (≤155 bytes) and name (≤100 bytes) at a slash. */
function splitName(name: string): { prefix: string; name: string } {
  if (Buffer.byteLength(name) <= 100) return { prefix: '', name };
  for (let at = name.indexOf('/'); at !== -1; at = name.indexOf('/', at + 1)) {
    const prefix = name.slice(0, at);
    const rest = name.slice(at + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100 && rest !== '') return { prefix, name: rest };
  }
  throw new Error(`tar: the path "${name}" is too long for a ustar header (255 bytes, split at a "/")`);
}

/** One 512-byte ustar header: uid/gid 0, no user or group names, no device numbers. */
export function tarHeader(entry: TarWriteEntry): Buffer {
  const block = Buffer.alloc(BLOCK);
  const full = entry.type === 'directory' ? `${entry.name.replace(/\/+$/, '')}/` : entry.name;
  const { prefix, name } = splitName(full);
  block.write(name, 0, 100, 'utf8');
  octal(block, 100, 8, entry.mode & 0o7777);
  octal(block, 108, 8, 0);
  octal(block, 116, 8, 0);
  octal(block, 124, 12, entry.type === 'file' ? entry.size : 0);
  octal(block, 136, 12, Math.max(0, Math.floor(entry.mtime)));
  block.write(entry.type === 'directory' ? '5' : '0', 156, 1, 'ascii');
  block.write('ustar\0', 257, 6, 'ascii');
  block.write('00', 263, 2, 'ascii');
  octal(block, 329, 8, 0);
  octal(block, 337, 8, 0);
  block.write(prefix, 345, 155, 'utf8');
  // The checksum is computed with its own field as eight spaces.
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return block;
}

/** The zero padding after `size` bytes of entry data. */
export function tarPadding(size: number): Buffer {
  return Buffer.alloc(padding(size));
}

/** The two zero blocks that end an archive. */
export function tarEnd(): Buffer {
  return Buffer.alloc(BLOCK * 2);
}

/** A whole small archive in memory: entries in the order given. */
export function tarBytes(entries: ReadonlyArray<TarWriteEntry & { readonly data?: Buffer }>): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const data = entry.data ?? Buffer.alloc(0);
    if (entry.type === 'file' && data.length !== entry.size) throw new Error(`tar: ${entry.name} has ${data.length} bytes, header says ${entry.size}`);
    parts.push(tarHeader(entry));
    if (entry.type === 'file') parts.push(data, tarPadding(data.length));
  }
  parts.push(tarEnd());
  return Buffer.concat(parts);
}
