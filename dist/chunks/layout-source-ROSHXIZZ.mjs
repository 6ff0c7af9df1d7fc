import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  layoutSource
} from "./chunk-HVHLGKB6.mjs";
import "./chunk-F3YLMNJF.mjs";
import "./chunk-CZKUM3XS.mjs";
import "./chunk-EOQMFXHM.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  layoutSource
};
