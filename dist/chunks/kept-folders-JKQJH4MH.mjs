import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  attestationsDir,
  engineBlobsDir,
  layerSummariesDir
} from "./chunk-P64V3RPG.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  attestationsDir,
  engineBlobsDir,
  layerSummariesDir
};
