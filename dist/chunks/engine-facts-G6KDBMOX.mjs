import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  checkBuilderPlatforms,
  parseBuilderDriver,
  parseBuilderName,
  parseBuilderNames,
  parseBuilderPlatforms,
  parseContainerdStore,
  probeEngine
} from "./chunk-5CILSZWP.mjs";
import "./chunk-73S2M7PA.mjs";
import "./chunk-DOLB5LDS.mjs";
import "./chunk-EVVRLWBB.mjs";
import "./chunk-AMMJLJJB.mjs";
import "./chunk-ZWN2JR2B.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  checkBuilderPlatforms,
  parseBuilderDriver,
  parseBuilderName,
  parseBuilderNames,
  parseBuilderPlatforms,
  parseContainerdStore,
  probeEngine
};
