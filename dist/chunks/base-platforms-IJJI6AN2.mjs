import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  checkBasePlatforms,
  registryPlatforms
} from "./chunk-WKDT3H7I.mjs";
import "./chunk-4ZCZMC6Q.mjs";
import "./chunk-V7EFCGJB.mjs";
import "./chunk-TKJTEXPA.mjs";
import "./chunk-PL4FZWSY.mjs";
import "./chunk-PUO7BHQP.mjs";
import "./chunk-5OAVNDHC.mjs";
import "./chunk-H7YIB6DC.mjs";
import "./chunk-UI6KUO64.mjs";
import "./chunk-HPCM2IMK.mjs";
export {
  checkBasePlatforms,
  registryPlatforms
};
