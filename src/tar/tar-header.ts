// One 512-byte tar header (ustar, GNU and pax flavours) → a plain record. Pure: the streaming
// reader and the archive indexer both use it. Numbers may be octal text or GNU base-256.

export const BLOCK = 512;

export const TarType = {
  file: 'file',
  hardlink: 'hardlink',
  symlink: 'symlink',
  directory: 'directory',
  paxLocal: 'pax-local',
  paxGlobal: 'pax-global',
  gnuLongName: 'gnu-long-name',
  gnuLongLink: 'gnu-long-link',
  /** Character/block devices and FIFOs: header only, like links and directories. */
  special: 'special',
  /** Any other type flag: its data is skipped by its size (as Go's archive/tar does). */
  other: 'other',
} as const;
export type TarType = (typeof TarType)[keyof typeof TarType];

export interface TarHeader {
  readonly name: string;
  readonly linkname: string;
  readonly size: number;
  readonly type: TarType;
  /** Permission bits with setuid/setgid/sticky (`mode & 0o7777`); the type bits some writers add are dropped. */
  readonly mode: number;
  /** Numeric owner (a pax `uid`/`gid` record wins); user and group names are ignored, as appliers do. */
  readonly uid: number;
  readonly gid: number;
  /** Type flag of a special entry: `3` char device, `4` block device, `6` FIFO ('' for the rest). */
  readonly device: string;
  readonly devmajor: number;
  readonly devminor: number;
}

const TYPES: Record<string, TarType> = {
  '0': TarType.file,
  '\0': TarType.file,
  '7': TarType.file,
  '1': TarType.hardlink,
  '2': TarType.symlink,
  '3': TarType.special,
  '4': TarType.special,
  '5': TarType.directory,
  '6': TarType.special,
  x: TarType.paxLocal,
  g: TarType.paxGlobal,
  L: TarType.gnuLongName,
  K: TarType.gnuLongLink,
};

function text(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString('utf8');
}

function number(block: Buffer, start: number, length: number): number {
  const field = block.subarray(start, start + length);
  if ((field[0] ?? 0) & 0x80) {
    // GNU base-256: big-endian, the top bit of the first byte is the marker.
    let value = (field[0] ?? 0) & 0x7f;
    for (let i = 1; i < field.length; i++) value = value * 256 + (field[i] ?? 0);
    return value;
  }
  const digits = text(block, start, length).trim();
  if (digits === '') return 0;
  if (!/^[0-7]+$/.test(digits)) throw new Error(`tar header: "${digits}" is not an octal number`);
  return parseInt(digits, 8);
}

/** True for the all-zero blocks that end an archive. */
export function isZeroBlock(block: Buffer): boolean {
  for (const byte of block) if (byte !== 0) return false;
  return true;
}

/** Parses one header block; throws on a bad checksum (not a tar, or a corrupt one). */
export function parseHeader(block: Buffer): TarHeader {
  if (block.length !== BLOCK) throw new Error(`tar header: ${block.length} bytes, expected ${BLOCK}`);
  const stored = number(block, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
  if (stored !== sum) throw new Error(`tar header: checksum ${stored} does not match ${sum} (not a tar stream, or corrupt)`);
  const magic = text(block, 257, 6);
  const prefix = magic.startsWith('ustar') && block[262] === 0 ? text(block, 345, 155) : '';
  const name = text(block, 0, 100);
  const flag = String.fromCharCode(block[156] ?? 0);
  const full = prefix ? `${prefix}/${name}` : name;
  const type = flag === '\0' && full.endsWith('/') ? TarType.directory : (TYPES[flag] ?? TarType.other);
  return {
    name: full,
    linkname: text(block, 157, 100),
    size: number(block, 124, 12),
    // Go's archive/tar: an old-style regular file ('\0') whose name ends in `/` is a directory.
    type,
    mode: number(block, 100, 8) & 0o7777,
    uid: number(block, 108, 8),
    gid: number(block, 116, 8),
    device: type === TarType.special ? flag : '',
    devmajor: type === TarType.special ? number(block, 329, 8) : 0,
    devminor: type === TarType.special ? number(block, 337, 8) : 0,
  };
}

/** Pax extended header records (`<len> key=value\n`). */
export function parsePax(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    if (space === -1) break;
    const length = Number(data.subarray(at, space).toString('ascii'));
    if (!Number.isInteger(length) || length <= 0 || at + length > data.length) {
      throw new Error(`tar pax header: bad record length at byte ${at}`);
    }
    const record = data.subarray(space + 1, at + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) records.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return records;
}

/** Bytes of padding after `size` bytes of entry data. */
export function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

/** What pax/GNU records carried for the next entry. */
export interface Extended {
  path?: string;
  linkpath?: string;
  size?: number;
  uid?: number;
  gid?: number;
}

/**
 * Applies pending pax/GNU overrides to a real entry's header. Global (`g`) records are not
 * applied: Go's archive/tar (what containerd unpacks layers with) returns a global header as an
 * entry of its own and never merges it into the entries after it.
 */
export function withExtended(header: TarHeader, ext: Extended): TarHeader {
  return {
    ...header,
    name: ext.path ?? header.name,
    linkname: ext.linkpath ?? header.linkname,
    size: ext.size ?? header.size,
    uid: ext.uid ?? header.uid,
    gid: ext.gid ?? header.gid,
  };
}

/** Whether an entry of this type has data after its header (Go: not links, dirs, devices, FIFOs). */
export function hasData(type: TarType): boolean {
  return type === TarType.file || type === TarType.other;
}

/** Folds a pax record set into the pending overrides. */
export function paxToExtended(records: Map<string, string>, into: Extended): void {
  const path = records.get('path');
  const linkpath = records.get('linkpath');
  if (path !== undefined) into.path = path;
  if (linkpath !== undefined) into.linkpath = linkpath;
  for (const key of ['size', 'uid', 'gid'] as const) {
    const value = records.get(key);
    if (value === undefined) continue;
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new Error(`tar pax header: ${key} "${value}" is not a number`);
    into[key] = n;
  }
}

/** A GNU long name/link payload: NUL-terminated text. */
export function gnuText(data: Buffer): string {
  const end = data.indexOf(0);
  return data.subarray(0, end === -1 ? data.length : end).toString('utf8');
}
