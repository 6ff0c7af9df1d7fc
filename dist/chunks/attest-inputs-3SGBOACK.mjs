import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  openCosignKey
} from "./chunk-FRL23FLY.mjs";
import {
  InputError
} from "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/attest/attest-inputs.ts
async function parseAttestInputs(raw, build, run) {
  const text = raw("attest-key");
  if (text.trim() === "") {
    if (raw("attest-key-password") !== "") throw new InputError("attest-key-password", { what: "attest-key-password is set but attest-key is empty", fix: "set attest-key to the text of cosign.key (from a secret), or leave attest-key-password unset" });
    return void 0;
  }
  if (!build.verify) throw new InputError("attest-key", { what: "attest-key needs verify: true", got: "verify: false", expected: "verify: true", fix: "the attestation states what verification read: leave verify on, or drop attest-key" });
  if (!build.push) throw new InputError("attest-key", { what: "attest-key needs push: true (the attestation is attached in the registry beside the image)", got: "push: false", expected: "push: true", fix: "push the image, or drop attest-key" });
  return { key: await openCosignKey(text, raw("attest-key-password")), run };
}
export {
  parseAttestInputs
};
