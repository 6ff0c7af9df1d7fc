import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  tarHeader
} from "./chunk-SNRZY2MY.mjs";
import {
  BLOCK,
  isZeroBlock,
  parseHeader
} from "./chunk-CZKUM3XS.mjs";
import {
  splitTag
} from "./chunk-2PSOF6JL.mjs";

// src/oci/name-archive.ts
import { open } from "node:fs/promises";
var MAX_TAIL = 16 * 1024 * 1024;
function ustarHeader(name, size, mtime = 0) {
  return tarHeader({ name, type: "file", size, mode: 420, mtime });
}
function namedIndex(indexJson, refs) {
  const index = JSON.parse(indexJson);
  const root = index.manifests?.[0];
  if (!root) throw new Error("index.json lists no image");
  const manifests = refs.map((ref) => {
    const tag = splitTag(ref).tag ?? "latest";
    return { ...root, annotations: { ...root.annotations, "io.containerd.image.name": ref, "org.opencontainers.image.ref.name": tag } };
  });
  return JSON.stringify({ ...index, manifests });
}
async function nameArchive(path, refs) {
  if (refs.length === 0) return;
  const handle = await open(path, "r+");
  try {
    const { size: fileSize } = await handle.stat();
    let position = 0;
    let found;
    let end = fileSize;
    const block = Buffer.alloc(BLOCK);
    while (position + BLOCK <= fileSize) {
      await handle.read(block, 0, BLOCK, position);
      if (isZeroBlock(block)) {
        end = position;
        break;
      }
      const header = parseHeader(block);
      if (header.name.replace(/^\.\//, "") === "index.json" && header.type === "file") found = { at: position, dataSize: header.size, name: header.name };
      position += BLOCK + Math.ceil(header.size / BLOCK) * BLOCK;
    }
    if (!found) throw new Error(`${path} has no index.json: not an OCI archive`);
    const afterIndex = found.at + BLOCK + Math.ceil(found.dataSize / BLOCK) * BLOCK;
    if (end - afterIndex > MAX_TAIL) throw new Error(`${path}: index.json is not near the end of the archive (${end - afterIndex} bytes follow it)`);
    const indexBytes = Buffer.alloc(found.dataSize);
    await handle.read(indexBytes, 0, found.dataSize, found.at + BLOCK);
    const tail = Buffer.alloc(end - afterIndex);
    await handle.read(tail, 0, tail.length, afterIndex);
    const named = Buffer.from(namedIndex(indexBytes.toString("utf8"), refs), "utf8");
    const padded = Buffer.alloc(Math.ceil(named.length / BLOCK) * BLOCK);
    named.copy(padded);
    const rewritten = Buffer.concat([ustarHeader(found.name, named.length), padded, tail, Buffer.alloc(2 * BLOCK)]);
    await handle.truncate(found.at);
    await handle.write(rewritten, 0, rewritten.length, found.at);
  } finally {
    await handle.close();
  }
}

export {
  nameArchive
};
