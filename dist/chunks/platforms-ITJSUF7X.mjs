import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  KNOWN_ARCHITECTURES,
  checkBasePlatforms,
  parsePlatform,
  parsePlatforms
} from "./chunk-RBTM2AGB.mjs";
import "./chunk-DOLB5LDS.mjs";
import "./chunk-5NV5H2XR.mjs";
import "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  KNOWN_ARCHITECTURES,
  checkBasePlatforms,
  parsePlatform,
  parsePlatforms
};
