import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  verifyImage
} from "./chunk-XWV3AMHY.mjs";
import "./chunk-LLWWBBQ7.mjs";
import "./chunk-GC7GMTJ5.mjs";
import "./chunk-ZDUDM2R7.mjs";
import "./chunk-Z35GPKIQ.mjs";
import "./chunk-H26ZME4A.mjs";
import "./chunk-OL25VIPN.mjs";
import "./chunk-NVZCJQUL.mjs";
import "./chunk-DOLB5LDS.mjs";
import "./chunk-LETP2O6P.mjs";
import "./chunk-HCNGK5MF.mjs";
import "./chunk-4CAFWHQW.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-AMMJLJJB.mjs";
import "./chunk-ZWN2JR2B.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  verifyImage
};
