import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  dockerRunner,
  inspectRawArgs,
  mergeArgs,
  mergeImages,
  parseMergeDigests,
  parseMergeInputs,
  readIndex
} from "./chunk-XMJO4ZNN.mjs";
import "./chunk-7VLGP4TU.mjs";
import "./chunk-TFUDK5DV.mjs";
import "./chunk-22DLFXIZ.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  dockerRunner,
  inspectRawArgs,
  mergeArgs,
  mergeImages,
  parseMergeDigests,
  parseMergeInputs,
  readIndex
};
