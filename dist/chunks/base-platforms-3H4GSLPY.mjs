import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  BaseImageProblem,
  imagePlatforms,
  readBase,
  registryPlatforms
} from "./chunk-4NUY7447.mjs";
import "./chunk-4M2YIB3S.mjs";
import "./chunk-BJ7SNYSJ.mjs";
import "./chunk-BY6YCJFC.mjs";
import "./chunk-37GEL7R4.mjs";
import "./chunk-27QDF7PS.mjs";
import "./chunk-Z35GPKIQ.mjs";
import "./chunk-DOLB5LDS.mjs";
import "./chunk-NUPML46M.mjs";
import "./chunk-NVZCJQUL.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-AMMJLJJB.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  BaseImageProblem,
  imagePlatforms,
  readBase,
  registryPlatforms
};
