import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  PREDICATE_TYPE,
  STATEMENT_MEDIA_TYPE,
  attachCosignAttestation,
  buildStatement,
  envelopeBytes,
  signEnvelope,
  statementBytes
} from "./chunk-GGSWY6FC.mjs";
import {
  repositoryName
} from "./chunk-TDMJSE4D.mjs";
import {
  RegistryFailure
} from "./chunk-RUAZ4UUQ.mjs";
import "./chunk-37GEL7R4.mjs";
import "./chunk-2PSOF6JL.mjs";
import "./chunk-SOVTOUKX.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-AMMJLJJB.mjs";
import {
  AttestError
} from "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/attest/attest-image.ts
async function attestImage(plan, image, context, log) {
  const statement = statementBytes(buildStatement({ report: image.report, gateway: context.gateway, files: context.files, base: image.base, run: plan.run, carried: context.carried, sourceDateEpoch: context.sourceDateEpoch }));
  const envelope = envelopeBytes(signEnvelope(STATEMENT_MEDIA_TYPE, statement, plan.key.privateKey));
  const attached = [];
  for (const http of image.repositories) {
    const where = repositoryName(http);
    try {
      const digest = await attachCosignAttestation(http, image.report.digest, envelope, PREDICATE_TYPE, log);
      attached.push(`${where}@${digest}`);
      log.info(`attestation ${PREDICATE_TYPE} attached to ${where}@${image.report.digest} (${digest})`);
    } catch (error) {
      throw new AttestError(
        { what: `the attestation could not be attached to ${where}@${image.report.digest}: nothing was tagged`, got: error.message, fix: error instanceof RegistryFailure ? `${error.fix}; then run again (the image is ${where}@${image.report.digest}, verified but unpublished)` : "check the registry accepts OCI manifests and run again" },
        { cause: error }
      );
    }
  }
  return { statement, subjectDigest: image.report.digest, attached };
}
export {
  attestImage
};
