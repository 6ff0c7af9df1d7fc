import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  DEFAULT_READ_LIMITS
} from "./chunk-BJ7SNYSJ.mjs";
import {
  manifestKind
} from "./chunk-37GEL7R4.mjs";
import {
  BLOCK,
  TarType,
  gnuText,
  hasData,
  isZeroBlock,
  padding,
  parseHeader,
  parsePax,
  paxToExtended,
  withExtended
} from "./chunk-CZKUM3XS.mjs";
import {
  normalizeLayerPath
} from "./chunk-EOQMFXHM.mjs";
import {
  sha256Digest
} from "./chunk-LMSPCY74.mjs";

// src/oci/layout-source.ts
import { createReadStream } from "node:fs";
import { open, readFile, stat } from "node:fs/promises";
import { join } from "node:path";

// src/oci/tar-index.ts
async function readAt(handle, position, length) {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  if (bytesRead !== length) throw new Error(`archive ends inside an entry (${bytesRead} of ${length} bytes at offset ${position})`);
  return buffer;
}
async function indexTar(handle) {
  const files = /* @__PURE__ */ new Map();
  const { size: total } = await handle.stat();
  let ext = {};
  let at = 0;
  while (at + BLOCK <= total) {
    const block = await readAt(handle, at, BLOCK);
    if (isZeroBlock(block)) break;
    const header = parseHeader(block);
    at += BLOCK;
    const meta = async () => readAt(handle, at, header.size);
    if (header.type === TarType.paxLocal) paxToExtended(parsePax(await meta()), ext);
    else if (header.type === TarType.paxGlobal) ext = {};
    else if (header.type === TarType.gnuLongName) ext.path = gnuText(await meta());
    else if (header.type === TarType.gnuLongLink) ext.linkpath = gnuText(await meta());
    else {
      const entry = withExtended(header, ext);
      ext = {};
      const path = normalizeLayerPath(entry.name);
      const dataSize = hasData(entry.type) ? entry.size : 0;
      if (path !== void 0 && entry.type === TarType.file) files.set(path, { offset: at, size: dataSize });
      if (path !== void 0 && entry.type === TarType.hardlink) {
        const target = files.get(normalizeLayerPath(entry.linkname) ?? "");
        if (target) files.set(path, target);
      }
      at += dataSize + padding(dataSize);
      continue;
    }
    at += header.size + padding(header.size);
  }
  return files;
}

// src/oci/layout-source.ts
async function folderStore(dir) {
  return {
    async read(path, max) {
      const info = await stat(join(dir, path)).catch((error) => {
        if (error.code === "ENOENT") return void 0;
        throw error;
      });
      if (!info) return void 0;
      if (!info.isFile() || info.size > max) throw new Error(`${path} in ${dir} is ${info.isFile() ? `${info.size} bytes, over the ${max}-byte limit for image documents` : "not a regular file"}`);
      return readFile(join(dir, path));
    },
    stream: (path) => createReadStream(join(dir, path), { highWaterMark: 1 << 20 }),
    close: async () => {
    }
  };
}
async function tarStore(file) {
  const handle = await open(file, "r");
  let files;
  try {
    files = await indexTar(handle);
  } catch (error) {
    await handle.close();
    throw new Error(`${file} is not a readable (uncompressed) tar of an OCI layout: ${error.message}`, { cause: error });
  }
  return {
    async read(path, max) {
      const slice = files.get(path);
      if (!slice) return void 0;
      if (slice.size > max) throw new Error(`${path} in ${file} is ${slice.size} bytes, over the ${max}-byte limit for image documents`);
      const buffer = Buffer.alloc(slice.size);
      await handle.read(buffer, 0, slice.size, slice.offset);
      return buffer;
    },
    stream(path) {
      const slice = files.get(path);
      if (!slice) return void 0;
      if (slice.size === 0) return (async function* () {
      })();
      return createReadStream(file, { start: slice.offset, end: slice.offset + slice.size - 1, highWaterMark: 1 << 20 });
    },
    close: () => handle.close()
  };
}
function blobPath(digest) {
  const [algorithm, hex] = digest.split(":");
  if (!algorithm || !hex || !/^[a-z0-9]+$/.test(algorithm) || !/^[0-9a-f]+$/.test(hex)) throw new Error(`"${digest}" is not a digest`);
  return `blobs/${algorithm}/${hex}`;
}
function pickRoot(index, refName) {
  const entries = index.manifests;
  if (entries.length === 1) return entries[0];
  if (entries.length > 1 && entries.every((d) => d.digest === entries[0]?.digest)) return entries[0];
  if (refName) {
    const match = entries.find(
      (d) => [d.annotations?.["io.containerd.image.name"], d.annotations?.["org.opencontainers.image.ref.name"]].some(
        (name) => name === refName || name?.endsWith(`/${refName}`)
      )
    );
    if (match) return match;
  }
  return "self";
}
async function layoutSource(path, options = {}) {
  const info = await stat(path);
  const store = info.isDirectory() ? await folderStore(path) : await tarStore(path);
  const label = options.label ?? path;
  const max = options.maxDocumentBytes ?? DEFAULT_READ_LIMITS.maxDocumentBytes;
  const document = async (descriptor) => {
    if (descriptor.size > max) throw new Error(`${label}: ${descriptor.digest} is declared as ${descriptor.size} bytes, over the ${max}-byte limit for image documents`);
    return store.read(blobPath(descriptor.digest), max);
  };
  return {
    label,
    partial: options.partial ?? false,
    async root() {
      const bytes = await store.read("index.json", max);
      if (!bytes) throw new Error(`${label} has no index.json: it is not an OCI image layout (${options.noIndexHint ?? "build with --output type=oci,dest=\u2026"})`);
      const index = JSON.parse(bytes.toString("utf8"));
      if (manifestKind(index.mediaType, index) !== "index") throw new Error(`${label}: index.json is not an image index`);
      const picked = pickRoot(index, options.refName);
      if (picked === "self") {
        return { digest: sha256Digest(bytes), mediaType: index.mediaType, bytes };
      }
      const rootBytes = await document(picked);
      if (!rootBytes) throw new Error(`${label}: index.json names ${picked.digest}, which is not in blobs/`);
      return { digest: picked.digest, mediaType: picked.mediaType, bytes: rootBytes };
    },
    document,
    async blob(descriptor) {
      const stream = store.stream(blobPath(descriptor.digest));
      if (!stream) throw new Error(`${label}: blob ${descriptor.digest} is not in the layout`);
      return stream;
    },
    close: () => store.close()
  };
}

export {
  layoutSource
};
