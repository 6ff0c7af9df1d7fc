import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  CREATED_KEY,
  pinCreated
} from "./chunk-4WGFL6B3.mjs";
import "./chunk-C5YV2EB3.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  CREATED_KEY,
  pinCreated
};
