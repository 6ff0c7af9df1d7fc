import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  ATTESTATION_MODES,
  checkAttestation,
  statementMismatch
} from "./chunk-NONC25EO.mjs";
import "./chunk-GGSWY6FC.mjs";
import "./chunk-TDMJSE4D.mjs";
import "./chunk-RUAZ4UUQ.mjs";
import "./chunk-37GEL7R4.mjs";
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
