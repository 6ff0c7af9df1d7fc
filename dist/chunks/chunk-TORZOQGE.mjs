import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/encoders/regular-file.ts
import { constants } from "node:fs";
import { open } from "node:fs/promises";
var UnreadableFile = class extends Error {
  path;
  code;
  constructor(path, code, detail, options) {
    super(`${path}: ${detail}`, options);
    this.name = "UnreadableFile";
    this.path = path;
    this.code = code;
  }
};
function readProblem(code) {
  switch (code) {
    case "ENOENT":
      return "does not exist (or is a symlink to nothing)";
    case "EACCES":
    case "EPERM":
      return `not readable by this user (${code})`;
    case "ELOOP":
      return "is a symlink (or a symlink loop), not a regular file (ELOOP)";
    case "EISDIR":
      return "is a folder, not a file (EISDIR)";
    case "ENOTDIR":
      return "a part of the path is a file, not a folder (ENOTDIR)";
    case "EIO":
      return "the disk reported an I/O error (EIO)";
    default:
      return `cannot be read (${code ?? "unknown error"})`;
  }
}
function kindOf(stats) {
  if (stats.isDirectory()) return "a folder";
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}
async function openRegular(path, options = {}) {
  const flags = constants.O_RDONLY | constants.O_NONBLOCK | (options.noFollow ? constants.O_NOFOLLOW : 0);
  let handle;
  try {
    handle = await open(path, flags);
  } catch (error) {
    const code = error.code ?? "EUNKNOWN";
    throw new UnreadableFile(path, code, readProblem(code), { cause: error });
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new UnreadableFile(path, "not-regular", `is ${kindOf(stats)}, not a regular file`);
    return { handle, size: stats.size };
  } catch (error) {
    await handle.close();
    if (error instanceof UnreadableFile) throw error;
    const code = error.code ?? "EUNKNOWN";
    throw new UnreadableFile(path, code, readProblem(code), { cause: error });
  }
}
async function* readChunks(opened, limit, path) {
  const { handle } = opened;
  try {
    let read = 0;
    while (read <= limit) {
      const want = Math.min(1 << 20, limit + 1 - read);
      const buffer = Buffer.allocUnsafe(want);
      let bytesRead;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, want, null));
      } catch (error) {
        const code = error.code ?? "EUNKNOWN";
        throw new UnreadableFile(path, code, readProblem(code), { cause: error });
      }
      if (bytesRead === 0) return;
      read += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

export {
  UnreadableFile,
  openRegular,
  readChunks
};
