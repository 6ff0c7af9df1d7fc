// The secret forms of the attestation inputs, registered before anything is parsed (see
// src/proxy/input-secrets.ts): the key's whole text, each of its lines, the password. Pure.
import type { RawInputs } from '../inputs/names.js';

export function attestSecrets(raw: RawInputs): string[] {
  const key = raw('attest-key');
  const password = raw('attest-key-password');
  return [key.trim(), ...key.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length >= 8 && !l.startsWith('-----')), password].filter((s) => s !== '');
}
