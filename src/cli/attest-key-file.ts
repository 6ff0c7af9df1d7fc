// The CLI's `--attest-key FILE`: the action takes the key's text (from a secret), the CLI a
// path, read here in the shell; the password from --attest-key-password or, as cosign does,
// COSIGN_PASSWORD. The pipeline then sees the same inputs as the action's.
import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import type { InputName } from '../inputs/names.js';

type Inputs = Partial<Record<InputName, string>>;

export async function withAttestKeyFile(inputs: Inputs, env: Readonly<Record<string, string | undefined>>): Promise<Inputs> {
  const path = inputs['attest-key']?.trim();
  if (!path) return inputs;
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new InputError('attest-key', { what: `--attest-key ${path} cannot be read`, got: error.code ?? 'unreadable', expected: 'the path of cosign.key', fix: 'pass the file `cosign generate-key-pair` wrote (cosign.key)' });
  });
  return { ...inputs, 'attest-key': text, 'attest-key-password': inputs['attest-key-password'] ?? env['COSIGN_PASSWORD'] ?? '' };
}
