import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  layoutSource
} from "./chunk-RPBY7RYD.mjs";
import "./chunk-BJ7SNYSJ.mjs";
import "./chunk-37GEL7R4.mjs";
import "./chunk-CZKUM3XS.mjs";
import "./chunk-EOQMFXHM.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  layoutSource
};
