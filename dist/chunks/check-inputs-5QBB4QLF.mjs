import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  readPublicKey
} from "./chunk-FRL23FLY.mjs";
import {
  ATTESTATION_MODES
} from "./chunk-NONC25EO.mjs";
import "./chunk-GGSWY6FC.mjs";
import "./chunk-TDMJSE4D.mjs";
import "./chunk-RUAZ4UUQ.mjs";
import "./chunk-37GEL7R4.mjs";
import "./chunk-2PSOF6JL.mjs";
import "./chunk-SOVTOUKX.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-AMMJLJJB.mjs";
import {
  InputError
} from "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/attest/check-inputs.ts
async function parseAttestationCheck(raw) {
  const value = (raw("attestation").trim() || "if-present").toLowerCase();
  if (!ATTESTATION_MODES.includes(value)) {
    throw new InputError("attestation", { got: JSON.stringify(raw("attestation")), expected: ATTESTATION_MODES.join(", "), fix: "pass --attestation required, if-present or ignore" });
  }
  const mode = value;
  const text = raw("attest-key");
  if (mode === "required" && text.trim() === "") {
    throw new InputError("attest-key", { what: "--attestation required needs the public key to check the signature with", expected: "cosign.pub", fix: "pass --attest-key cosign.pub" });
  }
  return { mode, ...text.trim() !== "" && mode !== "ignore" ? { key: readPublicKey(text, "attest-key") } : {} };
}
export {
  parseAttestationCheck
};
