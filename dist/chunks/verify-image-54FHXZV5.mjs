import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  verifyImage
} from "./chunk-3E4KBLIH.mjs";
import "./chunk-7XJ5IGCC.mjs";
import "./chunk-W5O5DGOK.mjs";
import "./chunk-BJ7SNYSJ.mjs";
import "./chunk-BCYZSYWF.mjs";
import "./chunk-DOLB5LDS.mjs";
import "./chunk-NVZCJQUL.mjs";
import "./chunk-H26ZME4A.mjs";
import "./chunk-LETP2O6P.mjs";
import "./chunk-HCNGK5MF.mjs";
import "./chunk-4CAFWHQW.mjs";
import "./chunk-OL25VIPN.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-AMMJLJJB.mjs";
import "./chunk-ZWN2JR2B.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  verifyImage
};
