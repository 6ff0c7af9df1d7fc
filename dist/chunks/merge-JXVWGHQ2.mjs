import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  dockerRunner,
  mergeArgs,
  mergeImages,
  parseMergeDigests,
  parseMergeInputs,
  readMergeInputs,
  resolveMerge
} from "./chunk-QPAV3IL6.mjs";
import {
  readIndex
} from "./chunk-XIUCSGQF.mjs";
import "./chunk-YEYNGQTL.mjs";
import "./chunk-MQACBGSV.mjs";
import "./chunk-V7EFCGJB.mjs";
import "./chunk-TKJTEXPA.mjs";
import "./chunk-PL4FZWSY.mjs";
import "./chunk-PUO7BHQP.mjs";
import "./chunk-5OAVNDHC.mjs";
import "./chunk-H7YIB6DC.mjs";
import "./chunk-UI6KUO64.mjs";
import "./chunk-HPCM2IMK.mjs";
export {
  dockerRunner,
  mergeArgs,
  mergeImages,
  parseMergeDigests,
  parseMergeInputs,
  readIndex,
  readMergeInputs,
  resolveMerge
};
