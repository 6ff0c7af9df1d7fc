import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  parseFullTag
} from "./chunk-A6RT5XB2.mjs";
import "./chunk-2PSOF6JL.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/build/cache-image-input.ts
function parseCacheImage(raw) {
  const value = raw("cache-image").trim();
  return value === "" ? void 0 : parseFullTag("cache-image", value);
}
export {
  parseCacheImage
};
