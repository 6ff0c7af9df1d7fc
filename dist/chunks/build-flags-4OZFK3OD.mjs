import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  CACHE_CONTEXT,
  buildFlagArgs,
  parseBuildFlags
} from "./chunk-ZZCNZOVA.mjs";
import "./chunk-QE6PONKV.mjs";
import "./chunk-ZWN2JR2B.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  CACHE_CONTEXT,
  buildFlagArgs,
  parseBuildFlags
};
