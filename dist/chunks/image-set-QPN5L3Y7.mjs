import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  imageManifest,
  imageSet,
  mergeExpectations
} from "./chunk-BVUVD5L2.mjs";
import "./chunk-N46JYSNY.mjs";
import "./chunk-QXO2ADUY.mjs";
import "./chunk-SC7NWMZY.mjs";
import "./chunk-4CAFWHQW.mjs";
import "./chunk-7I65BH5E.mjs";
import "./chunk-AMMJLJJB.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  imageManifest,
  imageSet,
  mergeExpectations
};
