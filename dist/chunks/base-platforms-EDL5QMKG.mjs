import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  BaseImageProblem,
  imageFacts,
  imagePlatforms,
  readBase,
  registryImageFacts,
  registryPlatforms
} from "./chunk-WZTYAYO7.mjs";
import "./chunk-2FUPPCHF.mjs";
import "./chunk-Y7XOHINJ.mjs";
import "./chunk-NUPML46M.mjs";
import "./chunk-CGKEBUFX.mjs";
import "./chunk-Z35GPKIQ.mjs";
import "./chunk-F3YLMNJF.mjs";
import "./chunk-ZSIEINAT.mjs";
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
