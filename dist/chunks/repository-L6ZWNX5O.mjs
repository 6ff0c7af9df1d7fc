import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  openRepository,
  sameRegistry
} from "./chunk-BU55TLAZ.mjs";
import "./chunk-NUPML46M.mjs";
import "./chunk-Q4HTTC5K.mjs";
import "./chunk-Z35GPKIQ.mjs";
import "./chunk-RUAZ4UUQ.mjs";
import "./chunk-2PSOF6JL.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-AMMJLJJB.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  openRepository,
  sameRegistry
};
