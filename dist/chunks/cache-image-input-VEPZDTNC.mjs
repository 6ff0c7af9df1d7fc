import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  parseFullTag
} from "./chunk-YYLGWRR2.mjs";
import "./chunk-2PSOF6JL.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-ZWN2JR2B.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/build/cache-image-input.ts
function parseCacheImage(raw) {
  const value = raw("cache-image").trim();
  return value === "" ? void 0 : parseFullTag("cache-image", value);
}
export {
  parseCacheImage
};
