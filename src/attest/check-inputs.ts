// `verify`'s `attestation` and `attest-key` (cosign.pub there): parsed before anything is read.
import { InputError } from '../errors.js';
import type { RawInputs } from '../inputs/names.js';
import { ATTESTATION_MODES, type AttestationCheck, type AttestationMode } from './check-attestation.js';
import { readPublicKey } from './cosign-key.js';

export async function parseAttestationCheck(raw: RawInputs): Promise<AttestationCheck> {
  const value = (raw('attestation').trim() || 'if-present').toLowerCase();
  if (!(ATTESTATION_MODES as readonly string[]).includes(value)) {
    throw new InputError('attestation', { got: JSON.stringify(raw('attestation')), expected: ATTESTATION_MODES.join(', '), fix: 'pass --attestation required, if-present or ignore' });
  }
  const mode = value as AttestationMode;
  const text = raw('attest-key');
  if (mode === 'required' && text.trim() === '') {
    throw new InputError('attest-key', { what: '--attestation required needs the public key to check the signature with', expected: 'cosign.pub', fix: 'pass --attest-key cosign.pub' });
  }
  return { mode, ...(text.trim() !== '' && mode !== 'ignore' ? { key: readPublicKey(text, 'attest-key') } : {}) };
}
