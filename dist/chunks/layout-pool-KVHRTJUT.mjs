import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  LAYOUT_LOCK_NOISE,
  openLayoutRun
} from "./chunk-YDV45ZMJ.mjs";
import "./chunk-W2EBRDCP.mjs";
import "./chunk-BJ7SNYSJ.mjs";
import "./chunk-37GEL7R4.mjs";
import "./chunk-SOO7QRZ2.mjs";
import "./chunk-OL25VIPN.mjs";
import "./chunk-EOQMFXHM.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  LAYOUT_LOCK_NOISE,
  openLayoutRun
};
