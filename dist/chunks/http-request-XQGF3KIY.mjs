import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  httpRequest,
  httpTransport,
  unsent
} from "./chunk-Q4HTTC5K.mjs";
import "./chunk-Z35GPKIQ.mjs";
import "./chunk-2PSOF6JL.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-AMMJLJJB.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  httpRequest,
  httpTransport,
  unsent
};
