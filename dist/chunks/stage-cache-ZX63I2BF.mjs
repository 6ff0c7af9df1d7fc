import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  STAGED_MTIME,
  contextLayout,
  stageCacheDir,
  stageSources
} from "./chunk-NBGWYUOA.mjs";
import "./chunk-HLA4OEZ7.mjs";
import "./chunk-3FNHDDJ4.mjs";
import "./chunk-OL25VIPN.mjs";
import "./chunk-UUOAP4AD.mjs";
import "./chunk-SC7NWMZY.mjs";
import "./chunk-4CAFWHQW.mjs";
import "./chunk-EOQMFXHM.mjs";
import "./chunk-4ERWGLIP.mjs";
import "./chunk-TORZOQGE.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-7I65BH5E.mjs";
import "./chunk-DGPB3I2O.mjs";
import "./chunk-AMMJLJJB.mjs";
import "./chunk-ZWN2JR2B.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  STAGED_MTIME,
  contextLayout,
  stageCacheDir,
  stageSources
};
