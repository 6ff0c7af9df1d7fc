import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  BaseImageProblem,
  imageFacts,
  imagePlatforms,
  readBase,
  registryImageFacts,
  registryPlatforms
} from "./chunk-LXQBYGKY.mjs";
import "./chunk-HQ5HNIOM.mjs";
import "./chunk-RUAZ4UUQ.mjs";
import "./chunk-NUPML46M.mjs";
import "./chunk-Q4HTTC5K.mjs";
import "./chunk-Z35GPKIQ.mjs";
import "./chunk-F3YLMNJF.mjs";
import "./chunk-2PSOF6JL.mjs";
import "./chunk-DOLB5LDS.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-AMMJLJJB.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  BaseImageProblem,
  imageFacts,
  imagePlatforms,
  readBase,
  registryImageFacts,
  registryPlatforms
};
