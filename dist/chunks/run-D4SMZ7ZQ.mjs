import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  runDocker
} from "./chunk-7VLGP4TU.mjs";
import "./chunk-TFUDK5DV.mjs";
import "./chunk-22DLFXIZ.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  runDocker
};
