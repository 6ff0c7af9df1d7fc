// After verification, before any tag: the Statement of what verification read, signed, attached
// to the image in every repository it was pushed to (cosign's layout). Any failure is an
// AttestError and the image stays untagged (verify before publish: the proof goes up first).
import { AttestError } from '../errors.js';
import type { VerificationReport } from '../image/report.js';
import type { Logger } from '../log/logger.js';
import { RegistryFailure, type RepositoryHttp } from '../oci/registry-http.js';
import { repositoryName } from '../oci/registry-write.js';
import type { AttestPlan } from './attest-inputs.js';
import { attachCosignAttestation } from './cosign-layout.js';
import { envelopeBytes, signEnvelope } from './dsse.js';
import { buildStatement, PREDICATE_TYPE, STATEMENT_MEDIA_TYPE, statementBytes, type AttestedFileSource } from './statement.js';

export interface VerifiedImage {
  readonly report: VerificationReport;
  /** Where it was pushed (by digest), one client per repository. */
  readonly repositories: readonly RepositoryHttp[];
  readonly base?: { readonly digest: string; readonly platforms: Readonly<Record<string, string>> } | undefined;
}

export interface AttestContext {
  readonly gateway: string;
  readonly files: readonly AttestedFileSource[];
  readonly carried?: readonly string[] | undefined;
  readonly sourceDateEpoch?: number | undefined;
}

export interface Attested {
  readonly statement: Buffer;
  readonly subjectDigest: string;
  /** `repository@sha256:…` of each `.att` manifest. */
  readonly attached: readonly string[];
  /** The Statement's file (the `attestation` output), once written. */
  readonly path?: string;
}

export async function attestImage(plan: AttestPlan, image: VerifiedImage, context: AttestContext, log: Logger): Promise<Attested> {
  const statement = statementBytes(buildStatement({ report: image.report, gateway: context.gateway, files: context.files, base: image.base, run: plan.run, carried: context.carried, sourceDateEpoch: context.sourceDateEpoch }));
  const envelope = envelopeBytes(signEnvelope(STATEMENT_MEDIA_TYPE, statement, plan.key.privateKey));
  const attached: string[] = [];
  for (const http of image.repositories) {
    const where = repositoryName(http);
    try {
      const digest = await attachCosignAttestation(http, image.report.digest, envelope, PREDICATE_TYPE, log);
      attached.push(`${where}@${digest}`);
      log.info(`attestation ${PREDICATE_TYPE} attached to ${where}@${image.report.digest} (${digest})`);
    } catch (error) {
      throw new AttestError(
        { what: `the attestation could not be attached to ${where}@${image.report.digest}: nothing was tagged`, got: (error as Error).message, fix: error instanceof RegistryFailure ? `${error.fix}; then run again (the image is ${where}@${image.report.digest}, verified but unpublished)` : 'check the registry accepts OCI manifests and run again' },
        { cause: error },
      );
    }
  }
  return { statement, subjectDigest: image.report.digest, attached };
}
