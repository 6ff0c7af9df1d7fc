import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  verifyImage
} from "./chunk-ZVZD7HEP.mjs";
import "./chunk-OOLEAIMQ.mjs";
import "./chunk-PUYDGTI6.mjs";
import "./chunk-QWVPQMR7.mjs";
import "./chunk-2YHSSVPB.mjs";
import "./chunk-TKJTEXPA.mjs";
import "./chunk-PL4FZWSY.mjs";
import "./chunk-PUO7BHQP.mjs";
import "./chunk-H7YIB6DC.mjs";
import "./chunk-UI6KUO64.mjs";
import "./chunk-HPCM2IMK.mjs";
export {
  verifyImage
};
