// The README's inputs and outputs tables are generated from action.yml by
// scripts/readme-table.mjs; these tests keep them equal and prove the check can fail.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');
const SCRIPT = join(ROOT, 'scripts/readme-table.mjs');
const run = promisify(execFile);

async function script(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [SCRIPT, ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

interface ActionYml {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string }>;
}

/** Rows of the table between a marker pair, as name → cells. */
function tableRows(readme: string, section: 'inputs' | 'outputs'): Map<string, string[]> {
  const block = readme.split(`<!-- ${section}:start -->`)[1]?.split(`<!-- ${section}:end -->`)[0] ?? '';
  const rows = new Map<string, string[]>();
  for (const line of block.split('\n').filter((l) => l.startsWith('| `'))) {
    const cells = line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim().replace(/\\\|/g, '|'));
    rows.set(cells[0]!.replace(/`/g, ''), cells);
  }
  return rows;
}

let dir: string;
let actionText: string;
let action: ActionYml;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'readme-table-'));
  actionText = await readFile(join(ROOT, 'action.yml'), 'utf8');
  action = parse(actionText) as ActionYml;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('README tables', () => {
  it('README.md has one row per action.yml input and output, with its description and default', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const inputs = tableRows(readme, 'inputs');
    expect([...inputs.keys()], 'run: node scripts/readme-table.mjs --write').toEqual(Object.keys(action.inputs));
    for (const [name, spec] of Object.entries(action.inputs)) {
      const [, required, fallback, description] = inputs.get(name)!;
      expect(description, name).toBe(spec.description.trim());
      expect(fallback, name).toBe(spec.default ? `\`${spec.default}\`` : '');
      expect(required, name).toBe(spec.required ? 'yes' : 'no');
    }
    const outputs = tableRows(readme, 'outputs');
    expect([...outputs.keys()]).toEqual(Object.keys(action.outputs));
    for (const [name, spec] of Object.entries(action.outputs)) expect(outputs.get(name)![1], name).toBe(spec.description.trim());
  });

  it('the script agrees: --check passes on the committed README', async () => {
    const result = await script(['--check']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('--check fails when action.yml gains an input the README lacks, and --write repairs it', async () => {
    const readmeCopy = join(dir, 'README.md');
    const actionCopy = join(dir, 'action.yml');
    await writeFile(readmeCopy, await readFile(join(ROOT, 'README.md'), 'utf8'));
    const changed = actionText.replace(/^inputs:\n/m, "inputs:\n  zz-new-input:\n    description: 'A new | input'\n    required: true\n");
    expect(changed).not.toBe(actionText);
    await writeFile(actionCopy, changed);

    const stale = await script(['--check', '--action', actionCopy, '--readme', readmeCopy]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('--write');

    expect((await script(['--write', '--action', actionCopy, '--readme', readmeCopy])).code).toBe(0);
    const rows = tableRows(await readFile(readmeCopy, 'utf8'), 'inputs');
    expect(rows.get('zz-new-input')).toEqual(['`zz-new-input`', 'yes', '', 'A new | input']);
    expect((await script(['--check', '--action', actionCopy, '--readme', readmeCopy])).code).toBe(0);
  });

  it('fails clearly when a marker pair is missing', async () => {
    const readmeCopy = join(dir, 'no-markers.md');
    await writeFile(readmeCopy, '# title\n<!-- inputs:start -->\n<!-- inputs:end -->\n');
    const result = await script(['--check', '--readme', readmeCopy]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('<!-- outputs:start -->');
  });
});
