import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  imageManifest
} from "./chunk-QD4YDO5Z.mjs";
import {
  addToStaged,
  contextLayout,
  stageCacheDir
} from "./chunk-KQQLM5OL.mjs";
import "./chunk-QOQORGLN.mjs";
import "./chunk-N46JYSNY.mjs";
import "./chunk-CZKUM3XS.mjs";
import "./chunk-UUOAP4AD.mjs";
import "./chunk-SC7NWMZY.mjs";
import "./chunk-QXO2ADUY.mjs";
import "./chunk-4CAFWHQW.mjs";
import "./chunk-EOQMFXHM.mjs";
import "./chunk-KAYGHQQE.mjs";
import "./chunk-TORZOQGE.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-7I65BH5E.mjs";
import "./chunk-DGPB3I2O.mjs";
import "./chunk-AMMJLJJB.mjs";
import "./chunk-ZWN2JR2B.mjs";
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
