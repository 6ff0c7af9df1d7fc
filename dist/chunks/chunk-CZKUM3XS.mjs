import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/tar/tar-header.ts
var BLOCK = 512;
var TarType = {
  file: "file",
  hardlink: "hardlink",
  symlink: "symlink",
  directory: "directory",
  paxLocal: "pax-local",
  paxGlobal: "pax-global",
  gnuLongName: "gnu-long-name",
  gnuLongLink: "gnu-long-link",
  /** Character/block devices and FIFOs: header only, like links and directories. */
  special: "special",
  /** Any other type flag: its data is skipped by its size (as Go's archive/tar does). */
  other: "other"
};
var TYPES = {
  "0": TarType.file,
  "\0": TarType.file,
  "7": TarType.file,
  "1": TarType.hardlink,
  "2": TarType.symlink,
  "3": TarType.special,
  "4": TarType.special,
  "5": TarType.directory,
  "6": TarType.special,
  x: TarType.paxLocal,
  g: TarType.paxGlobal,
  L: TarType.gnuLongName,
  K: TarType.gnuLongLink
};
function text(block, start, length) {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString("utf8");
}
function number(block, start, length) {
  const field = block.subarray(start, start + length);
  if ((field[0] ?? 0) & 128) {
    let value = (field[0] ?? 0) & 127;
    for (let i = 1; i < field.length; i++) value = value * 256 + (field[i] ?? 0);
    return value;
  }
  const digits = text(block, start, length).trim();
  if (digits === "") return 0;
  if (!/^[0-7]+$/.test(digits)) throw new Error(`tar header: "${digits}" is not an octal number`);
  return parseInt(digits, 8);
}
function isZeroBlock(block) {
  for (const byte of block) if (byte !== 0) return false;
  return true;
}
function parseHeader(block) {
  if (block.length !== BLOCK) throw new Error(`tar header: ${block.length} bytes, expected ${BLOCK}`);
  const stored = number(block, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i] ?? 0;
  if (stored !== sum) throw new Error(`tar header: checksum ${stored} does not match ${sum} (not a tar stream, or corrupt)`);
  const magic = text(block, 257, 6);
  const prefix = magic.startsWith("ustar") && block[262] === 0 ? text(block, 345, 155) : "";
  const name = text(block, 0, 100);
  const flag = String.fromCharCode(block[156] ?? 0);
  const full = prefix ? `${prefix}/${name}` : name;
  const type = flag === "\0" && full.endsWith("/") ? TarType.directory : TYPES[flag] ?? TarType.other;
  return {
    name: full,
    linkname: text(block, 157, 100),
    size: number(block, 124, 12),
    // Go's archive/tar: an old-style regular file ('\0') whose name ends in `/` is a directory.
    type,
    mode: number(block, 100, 8) & 4095,
    uid: number(block, 108, 8),
    gid: number(block, 116, 8),
    device: type === TarType.special ? flag : "",
    devmajor: type === TarType.special ? number(block, 329, 8) : 0,
    devminor: type === TarType.special ? number(block, 337, 8) : 0
  };
}
function parsePax(data) {
  const records = /* @__PURE__ */ new Map();
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(32, at);
    if (space === -1) break;
    const length = Number(data.subarray(at, space).toString("ascii"));
    if (!Number.isInteger(length) || length <= 0 || at + length > data.length) {
      throw new Error(`tar pax header: bad record length at byte ${at}`);
    }
    const record = data.subarray(space + 1, at + length - 1).toString("utf8");
    const eq = record.indexOf("=");
    if (eq > 0) records.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return records;
}
function padding(size) {
  return (BLOCK - size % BLOCK) % BLOCK;
}
function withExtended(header, ext) {
  return {
    ...header,
    name: ext.path ?? header.name,
    linkname: ext.linkpath ?? header.linkname,
    size: ext.size ?? header.size,
    uid: ext.uid ?? header.uid,
    gid: ext.gid ?? header.gid
  };
}
function hasData(type) {
  return type === TarType.file || type === TarType.other;
}
function paxToExtended(records, into) {
  const path = records.get("path");
  const linkpath = records.get("linkpath");
  if (path !== void 0) into.path = path;
  if (linkpath !== void 0) into.linkpath = linkpath;
  for (const key of ["size", "uid", "gid"]) {
    const value = records.get(key);
    if (value === void 0) continue;
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new Error(`tar pax header: ${key} "${value}" is not a number`);
    into[key] = n;
  }
}
function gnuText(data) {
  const end = data.indexOf(0);
  return data.subarray(0, end === -1 ? data.length : end).toString("utf8");
}

export {
  BLOCK,
  TarType,
  isZeroBlock,
  parseHeader,
  parsePax,
  padding,
  withExtended,
  hasData,
  paxToExtended,
  gnuText
};
