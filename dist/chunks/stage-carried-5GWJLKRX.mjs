import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  addToStaged,
  contextLayout,
  stageCacheDir
} from "./chunk-STZDQXCH.mjs";
import "./chunk-SNRZY2MY.mjs";
import {
  imageManifest
} from "./chunk-BVUVD5L2.mjs";
import "./chunk-N46JYSNY.mjs";
import "./chunk-CZKUM3XS.mjs";
import "./chunk-UUOAP4AD.mjs";
import "./chunk-QXO2ADUY.mjs";
import "./chunk-SC7NWMZY.mjs";
import "./chunk-4CAFWHQW.mjs";
import "./chunk-EOQMFXHM.mjs";
import "./chunk-SH2FOLLV.mjs";
import "./chunk-TORZOQGE.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-7I65BH5E.mjs";
import "./chunk-JUBMCVBR.mjs";
import "./chunk-AMMJLJJB.mjs";
import "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/base-floor/stage-carried.ts
import { join } from "node:path";
async function stageCarried(context, cachePath, floor, tempDir) {
  const { name, layout } = contextLayout(true, cachePath);
  const dir = "dir" in context ? context.dir : await stageCacheDir(context, join(tempDir, name), layout);
  const sources = floor.carried.map((c) => ({ file: c.file, from: { bytes: c.bytes } }));
  await addToStaged(dir, cachePath, sources, imageManifest(context.manifest, floor));
  return dir;
}
export {
  stageCarried
};
