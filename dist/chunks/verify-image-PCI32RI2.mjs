import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  verifyImage
} from "./chunk-N5GB6H6Z.mjs";
import "./chunk-PORR73YQ.mjs";
import "./chunk-Q4HTTC5K.mjs";
import "./chunk-Z35GPKIQ.mjs";
import "./chunk-RPBY7RYD.mjs";
import "./chunk-BJ7SNYSJ.mjs";
import "./chunk-RUAZ4UUQ.mjs";
import "./chunk-37GEL7R4.mjs";
import "./chunk-RQOY37YH.mjs";
import "./chunk-CZKUM3XS.mjs";
import "./chunk-2PSOF6JL.mjs";
import "./chunk-DOLB5LDS.mjs";
import "./chunk-QXO2ADUY.mjs";
import "./chunk-SC7NWMZY.mjs";
import "./chunk-4CAFWHQW.mjs";
import "./chunk-NR5WT3X2.mjs";
import "./chunk-TVM242SN.mjs";
import "./chunk-EOQMFXHM.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-7I65BH5E.mjs";
import "./chunk-AMMJLJJB.mjs";
import "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  verifyImage
};
