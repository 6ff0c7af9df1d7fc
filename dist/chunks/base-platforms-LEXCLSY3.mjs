import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  BaseImageProblem,
  imagePlatforms,
  readBase,
  registryPlatforms
} from "./chunk-26AVEQ4Q.mjs";
import "./chunk-LJDO4X6R.mjs";
import "./chunk-SXDM2YP7.mjs";
import "./chunk-CGKEBUFX.mjs";
import "./chunk-Z35GPKIQ.mjs";
import "./chunk-NUPML46M.mjs";
import "./chunk-ZSIEINAT.mjs";
import "./chunk-DOLB5LDS.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-AMMJLJJB.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  BaseImageProblem,
  imagePlatforms,
  readBase,
  registryPlatforms
};
