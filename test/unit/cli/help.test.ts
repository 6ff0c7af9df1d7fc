// The help of each command lists only its own flags, each with action.yml's description and
// default — read here from action.yml itself, independently of the build-time constant.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTION_INPUTS } from '../../../src/cli/action-inputs.js';
import { COMMAND_INPUTS, COMMANDS, DESCRIPTIONS, flagOf } from '../../../src/cli/commands.js';
import { helpText } from '../../../src/cli/help.js';
import { INPUT_NAMES } from '../../../src/inputs/names.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { description: string; default?: string }> };
const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;

/** Flags listed in a help text (the first spelling of each flag line). */
function listedFlags(text: string): string[] {
  return [...text.matchAll(/^ {2}--([a-z-]+)/gm)].map((m) => m[1] as string);
}

describe('help', () => {
  it('the baked-in input docs equal action.yml', () => {
    expect(Object.keys(ACTION_INPUTS)).toEqual(Object.keys(action.inputs));
    for (const [name, spec] of Object.entries(action.inputs)) {
      expect(ACTION_INPUTS[name]?.description, name).toBe(spec.description.trim());
      expect(ACTION_INPUTS[name]?.default, name).toBe(spec.default ? String(spec.default) : undefined);
    }
  });

  it.each(COMMANDS)('%s --help lists exactly its flags, with descriptions and defaults', (command) => {
    const text = helpText(VERSION, ACTION_INPUTS, command);
    expect(text).toContain(`Usage: oneapi-offline ${command} [flags]`);
    expect(listedFlags(text).filter((f) => f !== 'help')).toEqual(COMMAND_INPUTS[command].map(flagOf));
    const flat = text.replace(/\s+/g, ' ');
    for (const input of COMMAND_INPUTS[command]) {
      const spec = action.inputs[input]!;
      expect(flat, input).toContain((DESCRIPTIONS[command]?.[input] ?? spec.description.trim()).replace(/\s+/g, ' '));
      if (spec.default) expect(flat, input).toContain(`(default: ${spec.default})`);
    }
    for (const other of INPUT_NAMES.filter((name) => !COMMAND_INPUTS[command].includes(name))) {
      expect(listedFlags(text), `${command} must not list --${other}`).not.toContain(flagOf(other));
    }
  });

  it('names the image version --image-version and never offers --version as an input', () => {
    const build = helpText(VERSION, ACTION_INPUTS, 'build');
    expect(build).toMatch(/^ {2}--image-version <value>/m);
    expect(build).not.toMatch(/^ {2}--version/m);
    expect(helpText(VERSION, ACTION_INPUTS)).toMatch(/--version\s+Print the version of this tool/);
  });

  it('no line is wider than 100 characters', () => {
    for (const command of [undefined, ...COMMANDS]) {
      for (const line of helpText(VERSION, ACTION_INPUTS, command).split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
    }
  });
});
