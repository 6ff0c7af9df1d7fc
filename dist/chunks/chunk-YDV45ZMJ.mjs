import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  layoutSource
} from "./chunk-W2EBRDCP.mjs";
import {
  parseManifest
} from "./chunk-37GEL7R4.mjs";
import {
  folderTrust
} from "./chunk-SOO7QRZ2.mjs";

// src/build/layout-pool.ts
import { link, lstat, mkdir, mkdtemp, readdir, rm, utimes } from "node:fs/promises";
import { join } from "node:path";
var HEX64 = /^[0-9a-f]{64}$/;
var KEEP_MS = 14 * 24 * 3600 * 1e3;
var STALE_RUN_MS = 24 * 3600 * 1e3;
var LAYOUT_LOCK_NOISE = /^ERROR: \(\*service\)\.Write failed: rpc error: code = Unavailable desc = ref \S+ locked for .+: unavailable$/;
async function blobNames(dir) {
  return (await readdir(dir).catch(() => [])).filter((name) => HEX64.test(name));
}
async function linkAll(names, from, to) {
  let failed = 0;
  await Promise.all(
    names.map(
      (name) => link(join(from, name), join(to, name)).catch((error) => {
        if (error.code !== "EEXIST") failed++;
      })
    )
  );
  return failed;
}
async function referencedBlobs(dir) {
  const source = await layoutSource(dir);
  const used = /* @__PURE__ */ new Set();
  const hex = (digest) => digest.replace(/^sha256:/, "");
  const walk = async (bytes, mediaType, depth) => {
    const parsed = parseManifest(bytes, mediaType, dir);
    const children = parsed.kind === "index" ? [...parsed.doc.manifests] : [parsed.doc.config, ...parsed.doc.layers];
    for (const child of children) used.add(hex(child.digest));
    if (parsed.kind !== "index" || depth > 4) return;
    for (const child of parsed.doc.manifests) {
      const doc = await source.document(child);
      if (doc) await walk(doc, child.mediaType, depth + 1);
    }
  };
  try {
    const root = await source.root();
    used.add(hex(root.digest));
    await walk(root.bytes, root.mediaType, 0);
    return used;
  } finally {
    await source.close();
  }
}
async function prune(pool, now) {
  const blobs = join(pool, "blobs", "sha256");
  for (const name of await blobNames(blobs)) {
    const info = await lstat(join(blobs, name)).catch(() => void 0);
    if (info?.isFile() && now - info.mtimeMs > KEEP_MS) await rm(join(blobs, name), { force: true });
  }
  const runs = join(pool, "runs");
  for (const name of await readdir(runs).catch(() => [])) {
    const info = await lstat(join(runs, name)).catch(() => void 0);
    if (info?.isDirectory() && /^run-/.test(name) && now - info.mtimeMs > STALE_RUN_MS) await rm(join(runs, name), { recursive: true, force: true });
  }
}
async function openLayoutRun(pool, tempDir, onIgnored) {
  const plain = async () => {
    await mkdir(tempDir, { recursive: true });
    const dir = await mkdtemp(join(tempDir, "layout-"));
    return { dir, keep: async () => void 0, close: () => rm(dir, { recursive: true, force: true }) };
  };
  let trust = await folderTrust(pool);
  if (trust === "missing") {
    await mkdir(pool, { recursive: true, mode: 448 }).catch(() => void 0);
    trust = await folderTrust(pool);
  }
  if (trust !== "private") {
    onIgnored(`kept image blobs in ${pool} not used: the folder is not one only this user may write to`);
    return plain();
  }
  const kept = join(pool, "blobs", "sha256");
  try {
    await mkdir(kept, { recursive: true, mode: 448 });
    await mkdir(join(pool, "runs"), { recursive: true, mode: 448 });
    const dir = await mkdtemp(join(pool, "runs", "run-"));
    const blobs = join(dir, "blobs", "sha256");
    await mkdir(blobs, { recursive: true });
    const failed = await linkAll(await blobNames(kept), kept, blobs);
    if (failed > 0) onIgnored(`${failed} kept image blob(s) in ${kept} could not be linked; buildx writes them again`);
    return {
      dir,
      async keep() {
        try {
          const used = await referencedBlobs(dir);
          const names = (await blobNames(blobs)).filter((name) => used.has(name));
          await linkAll(names, blobs, kept);
          const now = /* @__PURE__ */ new Date();
          await Promise.all(names.map((name) => utimes(join(kept, name), now, now).catch(() => void 0)));
          await prune(pool, now.getTime());
        } catch (error) {
          onIgnored(`cannot keep this run's image blobs in ${kept}: ${error.message}`);
        }
      },
      close: () => rm(dir, { recursive: true, force: true })
    };
  } catch (error) {
    onIgnored(`kept image blobs in ${pool} not used: ${error.message}`);
    return plain();
  }
}

export {
  LAYOUT_LOCK_NOISE,
  openLayoutRun
};
