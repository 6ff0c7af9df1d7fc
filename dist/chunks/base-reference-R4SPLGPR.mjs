import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  LAYOUT_SCHEMES,
  parseBaseImage
} from "./chunk-Q2XS5W2M.mjs";
import "./chunk-2PSOF6JL.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  LAYOUT_SCHEMES,
  parseBaseImage
};
