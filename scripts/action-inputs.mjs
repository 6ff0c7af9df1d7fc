// action.yml's inputs as { name: { description, default } }: what scripts/build.mjs bakes into
// the CLI bundle for its help (src/cli/action-inputs.ts) and vitest.config.ts gives the tests.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export function actionInputDocs(path = new URL('../action.yml', import.meta.url)) {
  const action = parse(readFileSync(path, 'utf8'));
  return Object.fromEntries(
    Object.entries(action.inputs ?? {}).map(([name, spec]) => [
      name,
      { description: String(spec?.description ?? '').trim(), ...(spec?.default !== undefined && String(spec.default) !== '' ? { default: String(spec.default) } : {}) },
    ]),
  );
}
