import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  layerSummaries,
  layerSummariesDir
} from "./chunk-RBO6WK2V.mjs";
import "./chunk-SOO7QRZ2.mjs";
import "./chunk-OL25VIPN.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  layerSummaries,
  layerSummariesDir
};
