import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  LAYOUT_SCHEMES,
  parseBaseImage
} from "./chunk-E25LDUSE.mjs";
import "./chunk-ZSIEINAT.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  LAYOUT_SCHEMES,
  parseBaseImage
};
