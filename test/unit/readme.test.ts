// The README's inputs and outputs tables are generated from action.yml by
// scripts/readme-table.mjs; these tests keep them equal and prove the check can fail. Every
// code block in the README and docs/ must run as written: YAML parses (step lists pass the
// workflow checks), shell passes `bash -n`.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PINNED_ONE_API, PLACEHOLDER, lintWorkflow, strictYaml } from '../support/workflow-lint.js';

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
  runs: { using: string };
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

/** Fenced blocks of a Markdown file, with the language and the 1-based line of the fence. */
function fencedBlocks(markdown: string): Array<{ lang: string; text: string; line: number }> {
  const blocks: Array<{ lang: string; text: string; line: number }> = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*```\s*$/.test(lines[j]!); j++) body.push(lines[j]!.slice(indent));
    blocks.push({ lang: open[2]!, text: body.join('\n'), line: i + 1 });
    i = j;
  }
  return blocks;
}

/** A workflow around a list of steps, so a docs snippet gets the same checks as a workflow file. */
const asWorkflow = (stepsYaml: string) =>
  `name: snippet\non: push\njobs:\n  snippet:\n    runs-on: ubuntu-24.04\n    steps:\n${stepsYaml
    .split('\n')
    .map((l) => (l ? `      ${l}` : l))
    .join('\n')}\n`;

const DOCS = ['README.md', ...['architecture.md'].map((f) => `docs/${f}`)];

describe('code blocks in README.md and docs/', () => {
  it.each(DOCS)('%s: every yaml block parses strictly; step lists pass the workflow checks', async (path) => {
    const blocks = fencedBlocks(await readFile(join(ROOT, path), 'utf8')).filter((b) => /^ya?ml$/.test(b.lang));
    for (const block of blocks) {
      const { value, problems } = strictYaml(block.text);
      expect(problems, `${path}:${block.line}`).toEqual([]);
      if (Array.isArray(value)) expect(lintWorkflow(asWorkflow(block.text), actionText, { example: true }), `${path}:${block.line}`).toEqual([]);
    }
    if (path === 'README.md') expect(blocks.length).toBeGreaterThanOrEqual(1);
  });

  it.each(DOCS)('%s: every sh block is valid shell (bash -n)', async (path) => {
    for (const block of fencedBlocks(await readFile(join(ROOT, path), 'utf8')).filter((b) => /^(sh|bash|shell)$/.test(b.lang))) {
      const result = await new Promise<{ code: number; stderr: string }>((done) => {
        const child = execFile('bash', ['-n'], (error, _stdout, stderr) => done({ code: error ? 1 : 0, stderr }));
        child.stdin?.end(block.text);
      });
      expect(result, `${path}:${block.line}`).toEqual({ code: 0, stderr: '' });
    }
  });

  it("the first workflow snippet (the one users copy) is valid YAML with the action's inputs", async () => {
    const [first] = fencedBlocks(await readFile(join(ROOT, 'README.md'), 'utf8')).filter((b) => b.lang === 'yaml');
    const steps = parse(first!.text) as Array<{ uses?: string; with?: Record<string, unknown> }>;
    const ours = steps.find((s) => s.uses === PLACEHOLDER);
    expect(ours?.with?.['push']).toBe(true);
    expect(String(ours?.with?.['base-image'])).toMatch(PINNED_ONE_API);
    expect(Object.keys(ours?.with ?? {}).every((k) => k in action.inputs)).toBe(true);
  });

  it('the snippet checks fail on the snippet users reported (a flow mapping with ${{ }})', () => {
    const broken = '- uses: docker/login-action@4907a6ddec9925e35a0a9e82d7399ccc52663121 # v4.1.0\n  with: { registry: ghcr.io, username: ${{ github.actor }} }\n';
    expect(strictYaml(broken).problems).not.toEqual([]);
  });

  it('states the minimum runner version for node24 actions', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toMatch(/\bv2\.327\.1\b/);
    expect(action).toHaveProperty('runs.using', 'node24');
  });
});
