import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  BLOCK,
  padding
} from "./chunk-OL25VIPN.mjs";

// src/tar/tar-write.ts
function octal(block, offset, length, value) {
  const text = value.toString(8).padStart(length - 1, "0");
  if (text.length > length - 1) throw new Error(`tar: ${value} does not fit a ${length}-byte field`);
  block.write(`${text}\0`, offset, length, "ascii");
}
function splitName(name) {
  if (Buffer.byteLength(name) <= 100) return { prefix: "", name };
  for (let at = name.indexOf("/"); at !== -1; at = name.indexOf("/", at + 1)) {
    const prefix = name.slice(0, at);
    const rest = name.slice(at + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100 && rest !== "") return { prefix, name: rest };
  }
  throw new Error(`tar: the path "${name}" is too long for a ustar header (255 bytes, split at a "/")`);
}
function tarHeader(entry) {
  const block = Buffer.alloc(BLOCK);
  const full = entry.type === "directory" ? `${entry.name.replace(/\/+$/, "")}/` : entry.name;
  const { prefix, name } = splitName(full);
  block.write(name, 0, 100, "utf8");
  octal(block, 100, 8, entry.mode & 4095);
  octal(block, 108, 8, 0);
  octal(block, 116, 8, 0);
  octal(block, 124, 12, entry.type === "file" ? entry.size : 0);
  octal(block, 136, 12, Math.max(0, Math.floor(entry.mtime)));
  block.write(entry.type === "directory" ? "5" : "0", 156, 1, "ascii");
  block.write("ustar\0", 257, 6, "ascii");
  block.write("00", 263, 2, "ascii");
  octal(block, 329, 8, 0);
  octal(block, 337, 8, 0);
  block.write(prefix, 345, 155, "utf8");
  block.fill(32, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8, "ascii");
  return block;
}
function tarPadding(size) {
  return Buffer.alloc(padding(size));
}
function tarEnd() {
  return Buffer.alloc(BLOCK * 2);
}
function tarBytes(entries) {
  const parts = [];
  for (const entry of entries) {
    const data = entry.data ?? Buffer.alloc(0);
    if (entry.type === "file" && data.length !== entry.size) throw new Error(`tar: ${entry.name} has ${data.length} bytes, header says ${entry.size}`);
    parts.push(tarHeader(entry));
    if (entry.type === "file") parts.push(data, tarPadding(data.length));
  }
  parts.push(tarEnd());
  return Buffer.concat(parts);
}

export {
  tarHeader,
  tarPadding,
  tarEnd,
  tarBytes
};
