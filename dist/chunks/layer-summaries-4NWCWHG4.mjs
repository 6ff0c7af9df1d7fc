import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  layerSummaries
} from "./chunk-CNXHBQ3L.mjs";
import "./chunk-SOO7QRZ2.mjs";
import "./chunk-CZKUM3XS.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  layerSummaries
};
