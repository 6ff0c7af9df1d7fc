import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  BaseImageProblem,
  imagePlatforms,
  readBase,
  registryPlatforms
} from "./chunk-EMRT6FWZ.mjs";
import "./chunk-NUPML46M.mjs";
import "./chunk-WD3UNVVM.mjs";
import "./chunk-BJ7SNYSJ.mjs";
import "./chunk-MZKP25AA.mjs";
import "./chunk-DOLB5LDS.mjs";
import "./chunk-NVZCJQUL.mjs";
import "./chunk-AMMJLJJB.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  BaseImageProblem,
  imagePlatforms,
  readBase,
  registryPlatforms
};
