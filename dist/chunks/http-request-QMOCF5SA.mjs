import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  httpRequest,
  httpTransport,
  unsent
} from "./chunk-ZDUDM2R7.mjs";
import "./chunk-Z35GPKIQ.mjs";
import "./chunk-AMMJLJJB.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  httpRequest,
  httpTransport,
  unsent
};
