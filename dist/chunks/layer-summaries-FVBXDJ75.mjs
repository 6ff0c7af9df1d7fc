import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  layerSummaries,
  layerSummariesDir
} from "./chunk-F3DLELAR.mjs";
import "./chunk-OL25VIPN.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  layerSummaries,
  layerSummariesDir
};
