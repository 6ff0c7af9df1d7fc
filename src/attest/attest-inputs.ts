// `attest-key` and `attest-key-password`: the signing key opened (and so checked) while the
// plan is made, before any registry, engine or download is asked anything. Masking happened
// earlier (src/proxy/input-secrets.ts registers both first thing).
import { InputError } from '../errors.js';
import type { RawInputs } from '../inputs/names.js';
import { openCosignKey, type SigningKey } from './cosign-key.js';
import type { RunFacts } from './statement.js';

export interface AttestPlan {
  readonly key: SigningKey;
  readonly run: RunFacts;
}

/** Undefined without attest-key; otherwise the opened key, or an InputError naming what is wrong. */
export async function parseAttestInputs(raw: RawInputs, build: { readonly verify: boolean; readonly push: boolean }, run: RunFacts): Promise<AttestPlan | undefined> {
  const text = raw('attest-key');
  if (text.trim() === '') {
    if (raw('attest-key-password') !== '') throw new InputError('attest-key-password', { what: 'attest-key-password is set but attest-key is empty', fix: 'set attest-key to the text of cosign.key (from a secret), or leave attest-key-password unset' });
    return undefined;
  }
  if (!build.verify) throw new InputError('attest-key', { what: 'attest-key needs verify: true', got: 'verify: false', expected: 'verify: true', fix: 'the attestation states what verification read: leave verify on, or drop attest-key' });
  if (!build.push) throw new InputError('attest-key', { what: 'attest-key needs push: true (the attestation is attached in the registry beside the image)', got: 'push: false', expected: 'push: true', fix: 'push the image, or drop attest-key' });
  return { key: await openCosignKey(text, raw('attest-key-password')), run };
}
