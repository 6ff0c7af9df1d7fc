import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/cache/private-folder.ts
import { lstat } from "node:fs/promises";
async function folderTrust(dir) {
  const info = await lstat(dir).catch(() => void 0);
  if (!info) return "missing";
  const mine = typeof process.getuid !== "function" || info.uid === process.getuid();
  return info.isDirectory() && mine && (info.mode & 18) === 0 ? "private" : "foreign";
}

export {
  folderTrust
};
