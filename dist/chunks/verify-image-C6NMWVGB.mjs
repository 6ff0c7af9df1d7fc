import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  verifyImage
} from "./chunk-CMUX2YDB.mjs";
import "./chunk-QPNLHAJN.mjs";
import "./chunk-WD3UNVVM.mjs";
import "./chunk-BJ7SNYSJ.mjs";
import "./chunk-MZKP25AA.mjs";
import "./chunk-DOLB5LDS.mjs";
import "./chunk-NVZCJQUL.mjs";
import "./chunk-H26ZME4A.mjs";
import "./chunk-LETP2O6P.mjs";
import "./chunk-HCNGK5MF.mjs";
import "./chunk-4CAFWHQW.mjs";
import "./chunk-OL25VIPN.mjs";
import "./chunk-AMMJLJJB.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-ZWN2JR2B.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  verifyImage
};
