import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  runDocker
} from "./chunk-73S2M7PA.mjs";
import "./chunk-EVVRLWBB.mjs";
import "./chunk-AMMJLJJB.mjs";
import "./chunk-ZWN2JR2B.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  runDocker
};
