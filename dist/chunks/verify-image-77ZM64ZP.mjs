import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  verifyImage
} from "./chunk-KHFPLINV.mjs";
import "./chunk-YVZMMB6I.mjs";
import "./chunk-LJDO4X6R.mjs";
import "./chunk-SXDM2YP7.mjs";
import "./chunk-CGKEBUFX.mjs";
import "./chunk-Z35GPKIQ.mjs";
import "./chunk-RQOY37YH.mjs";
import "./chunk-CZKUM3XS.mjs";
import "./chunk-ZSIEINAT.mjs";
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
