import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  KNOWN_ARCHITECTURES,
  checkBasePlatforms,
  parsePlatform,
  parsePlatforms
} from "./chunk-EID366C3.mjs";
import "./chunk-DOLB5LDS.mjs";
import "./chunk-QE6PONKV.mjs";
import "./chunk-ZWN2JR2B.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  KNOWN_ARCHITECTURES,
  checkBasePlatforms,
  parsePlatform,
  parsePlatforms
};
