import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  verifyImage
} from "./chunk-GW3DZQA2.mjs";
import "./chunk-W2EBRDCP.mjs";
import "./chunk-4M2YIB3S.mjs";
import "./chunk-BJ7SNYSJ.mjs";
import "./chunk-BY6YCJFC.mjs";
import "./chunk-37GEL7R4.mjs";
import "./chunk-27QDF7PS.mjs";
import "./chunk-Z35GPKIQ.mjs";
import "./chunk-DOLB5LDS.mjs";
import "./chunk-H26ZME4A.mjs";
import "./chunk-OL25VIPN.mjs";
import "./chunk-NVZCJQUL.mjs";
import "./chunk-TVM242SN.mjs";
import "./chunk-SC7NWMZY.mjs";
import "./chunk-4CAFWHQW.mjs";
import "./chunk-EOQMFXHM.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-AMMJLJJB.mjs";
import "./chunk-ZWN2JR2B.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  verifyImage
};
