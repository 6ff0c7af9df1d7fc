// action.yml is the contract users read; the code's lists of inputs, defaults and outputs must
// say the same thing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUT_DEFAULTS, INPUT_NAMES } from '../../src/inputs/names.js';
import { OUTPUT_NAMES } from '../../src/pipeline/outputs.js';
import { VERSION } from '../../src/version.js';

interface ActionYml {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as ActionYml;

describe('action.yml', () => {
  it('lists exactly the inputs the parsers read', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort());
  });

  it('has the defaults the CLI applies', () => {
    const defaults = Object.fromEntries(Object.entries(action.inputs).filter(([, v]) => (v.default ?? '') !== '').map(([k, v]) => [k, v.default]));
    expect(defaults).toEqual(INPUT_DEFAULTS);
  });

  it('lists exactly the outputs the action sets', () => {
    expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
  });

  it('runs the bundled entry on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/action.mjs' });
  });

  it('no input is required (every one has a usable default)', () => {
    expect(Object.entries(action.inputs).filter(([, v]) => v.required === true)).toEqual([]);
  });

  it('VERSION equals package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});
