import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  engineBlobsDir,
  layerSummariesDir
} from "./chunk-4JP7HRL6.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  engineBlobsDir,
  layerSummariesDir
};
