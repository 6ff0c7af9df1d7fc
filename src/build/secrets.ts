// Build secrets, as docker/build-push-action takes them: `secrets` (`id=value` lines),
// `secret-files` (`id=path`) and `secret-envs` (`id=ENVNAME`, comma or newline). Values never
// reach an argv: a value is written to a 0600 file in a private 0700 folder and passed as
// `--secret id=…,src=<file>`; a file as `src=`; a variable as `env=`, which buildx reads from
// its own environment. BuildKit mounts them only into `RUN --mount=type=secret` steps and
// records only the ids in provenance. Parsing is pure; `writeSecretValues` writes the files.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { InputName } from '../inputs/names.js';
import { parseLines, parseList } from '../inputs/scalars.js';
import { csvField } from './outputs.js';

export type BuildSecret =
  | { readonly id: string; readonly from: 'value'; readonly value: string }
  | { readonly id: string; readonly from: 'file'; readonly path: string }
  | { readonly id: string; readonly from: 'env'; readonly env: string };

const ID = /^[A-Za-z0-9_.-]{1,128}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function pair(input: InputName, item: string, example: string): [string, string] {
  const eq = item.indexOf('=');
  const id = eq > 0 ? item.slice(0, eq).trim() : '';
  if (!ID.test(id) || eq === item.length - 1) {
    // The value may be a secret: never echo it.
    throw new InputError(input, {
      got: eq > 0 ? `an entry with id ${JSON.stringify(id.slice(0, 64))}` : 'an entry without "="',
      expected: `one ${example} per line; ids of letters, digits, "_", "." and "-"`,
      fix: `write each ${input} entry as ${example}`,
    });
  }
  return [id, item.slice(eq + 1)];
}

export function parseSecrets(raw: (name: 'secrets' | 'secret-files' | 'secret-envs') => string): BuildSecret[] {
  const secrets: BuildSecret[] = [
    ...parseLines(raw('secrets')).map((line): BuildSecret => {
      const [id, value] = pair('secrets', line, 'id=value');
      return { id, from: 'value', value };
    }),
    ...parseLines(raw('secret-files')).map((line): BuildSecret => {
      const [id, path] = pair('secret-files', line, 'id=path');
      if (/[\r\n\0]/.test(path)) throw new InputError('secret-files', { got: JSON.stringify(line), expected: 'id=path', fix: 'give a file path' });
      return { id, from: 'file', path: path.trim() };
    }),
    ...parseList(raw('secret-envs')).map((item): BuildSecret => {
      const [id, env] = pair('secret-envs', item, 'id=ENVNAME');
      if (!ENV_NAME.test(env.trim())) {
        throw new InputError('secret-envs', { got: JSON.stringify(item), expected: 'id=ENVNAME with a variable name such as GH_TOKEN', fix: 'name the environment variable that holds the secret' });
      }
      return { id, from: 'env', env: env.trim() };
    }),
  ];
  const seen = new Set<string>();
  for (const secret of secrets) {
    if (seen.has(secret.id)) {
      throw new InputError(secret.from === 'value' ? 'secrets' : secret.from === 'file' ? 'secret-files' : 'secret-envs', {
        got: `the id ${JSON.stringify(secret.id)} twice`,
        expected: 'each secret id once across secrets, secret-files and secret-envs',
        fix: 'rename or remove one of them',
      });
    }
    seen.add(secret.id);
  }
  return secrets;
}

/** `--secret` flags; `valueFiles` maps the id of each `value` secret to the file holding it. */
export function secretArgs(secrets: readonly BuildSecret[], valueFiles: ReadonlyMap<string, string>): string[] {
  return secrets.flatMap((secret) => {
    if (secret.from === 'env') return ['--secret', `id=${secret.id},env=${secret.env}`];
    const src = secret.from === 'file' ? secret.path : valueFiles.get(secret.id);
    if (src === undefined) throw new Error(`secret ${secret.id}: its value was not written to a file`);
    return ['--secret', [`id=${secret.id}`, `src=${src}`].map(csvField).join(',')];
  });
}

/** Writes each value secret to `<dir>/<n>` (dir 0700, files 0600); returns id → file. */
export async function writeSecretValues(secrets: readonly BuildSecret[], dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const values = secrets.filter((s): s is Extract<BuildSecret, { from: 'value' }> => s.from === 'value');
  if (values.length === 0) return files;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  for (const [n, secret] of values.entries()) {
    const file = join(dir, String(n));
    await writeFile(file, secret.value, { mode: 0o600, flag: 'w' });
    await chmod(file, 0o600);
    files.set(secret.id, file);
  }
  return files;
}
