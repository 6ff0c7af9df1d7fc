import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  layerRoot
} from "./chunk-SNRZY2MY.mjs";
import {
  readOwnership
} from "./chunk-UUOAP4AD.mjs";
import {
  MANIFEST_FILE,
  buildManifest,
  serializeManifest
} from "./chunk-SC7NWMZY.mjs";
import {
  OPAQUE_MARKER
} from "./chunk-EOQMFXHM.mjs";
import {
  copyVerified,
  withFolderLock,
  writeFailure,
  writeTextAtomically
} from "./chunk-SH2FOLLV.mjs";
import {
  UnreadableFile
} from "./chunk-TORZOQGE.mjs";
import {
  PINNED_FILES,
  canonicalUrl
} from "./chunk-7I65BH5E.mjs";
import {
  ActionError,
  InputError
} from "./chunk-SENFWAUD.mjs";

// src/build/stage-cache.ts
import { chmod, mkdir, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
var STAGED_MTIME = 0;
var PIN_BY_URL = new Map(Object.values(PINNED_FILES).map((pin) => [canonicalUrl(pin), pin]));
async function manifestOf(cacheDir) {
  const ownership = await readOwnership(cacheDir);
  const problem = ownership.kind === "none" ? `it has no ${MANIFEST_FILE}` : ownership.kind === "foreign" ? `its ${MANIFEST_FILE} is not this action's: ${ownership.reason}` : void 0;
  const manifest = ownership.kind === "ours" ? JSON.parse(ownership.text) : void 0;
  const drifted = manifest?.files.find((entry) => {
    const pin = PIN_BY_URL.get(entry.url);
    return pin !== void 0 && (pin.sha256 !== entry.sha256 || pin.size !== entry.size);
  });
  if (problem !== void 0 || manifest === void 0 || drifted !== void 0) {
    throw new InputError("cache-dir", {
      what: `cache-dir ${cacheDir} is not a folder this action prepared`,
      got: problem ?? `${MANIFEST_FILE} lists ${drifted?.id} with other bytes than its pin`,
      expected: `a folder laid out by prepare, with its ${MANIFEST_FILE}`,
      fix: "run prepare into cache-dir first (the build does this itself), or point cache-dir at the folder prepare wrote"
    });
  }
  return manifest;
}
async function settle(into, cacheFolder, tree) {
  const folders = [];
  for (let dir = cacheFolder; ; dir = join(dir, "..")) {
    folders.push(dir);
    if (dir === into) break;
  }
  const files = (await readdir(cacheFolder)).map((name) => join(cacheFolder, name));
  await Promise.all([
    ...files.map(async (path) => {
      if (tree) await chmod(path, 292);
      await utimes(path, STAGED_MTIME, STAGED_MTIME);
    }),
    ...folders.map((dir) => utimes(dir, STAGED_MTIME, STAGED_MTIME))
  ]);
}
async function stageWith(into, layout, fill) {
  into = resolve(into);
  const cacheFolder = layout.cachePath === void 0 ? into : join(into, layerRoot(layout.cachePath));
  await rm(into, { recursive: true, force: true });
  await mkdir(cacheFolder, { recursive: true });
  for (let dir = cacheFolder; layout.cachePath !== void 0 && dir !== into; dir = join(dir, "..")) await chmod(dir, 493);
  if (layout.cachePath !== void 0) await writeFile(join(cacheFolder, OPAQUE_MARKER), "", { flag: "wx" });
  await fill(cacheFolder);
  await settle(into, cacheFolder, layout.cachePath !== void 0);
  return into;
}
var QUICK = { durable: false };
async function stageCacheDir(prepared, into, layout = {}) {
  try {
    return await stageWith(
      into,
      layout,
      (cacheFolder) => withFolderLock(prepared.cacheDir, {}, async () => {
        const manifest = prepared.manifest ?? await manifestOf(prepared.cacheDir);
        await Promise.all([
          ...manifest.files.map((file) => copyVerified({ path: join(prepared.cacheDir, file.cacheFile) }, cacheFolder, file.cacheFile, file, QUICK)),
          writeTextAtomically(cacheFolder, MANIFEST_FILE, serializeManifest(manifest), QUICK)
        ]);
      })
    );
  } catch (error) {
    if (error instanceof ActionError) throw error;
    if (error instanceof UnreadableFile) {
      throw new InputError("cache-dir", { what: `cache-dir ${prepared.cacheDir} changed after prepare`, got: error.message, expected: "the files prepare verified", fix: "run again, and do not let other jobs change cache-dir while this one builds" }, { cause: error });
    }
    throw writeFailure(into, error, "RUNNER_TEMP");
  }
}
async function stageSources(sources, into, layout = {}) {
  let manifest;
  const dir = await stageWith(into, layout, async (cacheFolder) => {
    const sizes = await Promise.all(sources.map(async ({ file, from }) => [file.id, (await copyVerified(from, cacheFolder, file.cacheFile, file, QUICK)).size]));
    manifest = buildManifest(
      sources.map((source) => source.file),
      new Map(sizes)
    );
    await writeTextAtomically(cacheFolder, MANIFEST_FILE, serializeManifest(manifest), QUICK);
  });
  if (!manifest) throw new Error("internal: nothing staged");
  return { dir, manifest };
}
async function addToStaged(into, cachePath, sources, manifest) {
  into = resolve(into);
  const cacheFolder = join(into, layerRoot(cachePath));
  await Promise.all([
    ...sources.map(({ file, from }) => copyVerified(from, cacheFolder, file.cacheFile, file, QUICK)),
    writeTextAtomically(cacheFolder, MANIFEST_FILE, serializeManifest(manifest), QUICK)
  ]);
  await settle(into, cacheFolder, true);
}
function contextLayout(overlay, cachePath) {
  return overlay ? { name: "overlay-context", layout: { cachePath } } : { name: "tiktoken-context", layout: {} };
}

export {
  stageCacheDir,
  stageSources,
  addToStaged,
  contextLayout
};
