import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  parseBuildInputs,
  parseEpoch,
  readBuildInputs,
  resolveBuildOptions
} from "./chunk-XAEFAGUB.mjs";
import "./chunk-JGT2WQRC.mjs";
import "./chunk-EVVRLWBB.mjs";
import "./chunk-4WGFL6B3.mjs";
import "./chunk-C5YV2EB3.mjs";
import "./chunk-M6FE5M2X.mjs";
import "./chunk-A6RT5XB2.mjs";
import "./chunk-3BYEKZ6U.mjs";
import "./chunk-Q2XS5W2M.mjs";
import "./chunk-2PSOF6JL.mjs";
import "./chunk-RBTM2AGB.mjs";
import "./chunk-DOLB5LDS.mjs";
import "./chunk-5NV5H2XR.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-AMMJLJJB.mjs";
import "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  parseBuildInputs,
  parseEpoch,
  readBuildInputs,
  resolveBuildOptions
};
