import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  ATTESTATION_MODES,
  checkAttestation,
  statementMismatch
} from "./chunk-R5JRJKDQ.mjs";
import "./chunk-ETMATCEY.mjs";
import "./chunk-RZ73FOA5.mjs";
import "./chunk-37GEL7R4.mjs";
import "./chunk-RUAZ4UUQ.mjs";
import "./chunk-2PSOF6JL.mjs";
import "./chunk-SOVTOUKX.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-AMMJLJJB.mjs";
import "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  ATTESTATION_MODES,
  checkAttestation,
  statementMismatch
};
