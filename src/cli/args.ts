// `oneapi-offline <command> [--input value …]`: every action input is a flag of the same name,
// so the CLI and the action read one set of parsers. Pure: argv in, command + raw inputs out.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../errors.js';
import { INPUT_NAMES, type InputName } from '../inputs/names.js';

export const COMMANDS = ['prepare', 'build', 'verify', 'merge'] as const;
export type Command = (typeof COMMANDS)[number];

/** Inputs that are switches: `--push` means true, `--no-push` false. */
const BOOLEAN_INPUTS = ['cache', 'refresh', 'build', 'push', 'load', 'verify', 'push-by-digest', 'no-cache', 'pull'] as const satisfies readonly InputName[];
/** Inputs whose flag has another name: `--no-cache` already means `cache: false`. */
const FLAG_NAMES: Readonly<Partial<Record<InputName, string>>> = { 'no-cache': 'no-layer-cache' };
const flagOf = (name: InputName): string => FLAG_NAMES[name] ?? name;
/** Inputs that may be given several times; the values are joined one per line. */
const REPEATABLE_INPUTS = [
  'encoders',
  'extra-encoders',
  'platforms',
  'build-args',
  'labels',
  'images',
  'tags',
  'merge-digests',
  'annotations',
  'flavor',
  'build-contexts',
  'cache-from',
  'cache-to',
  'secrets',
  'secret-envs',
  'secret-files',
  'add-hosts',
] as const satisfies readonly InputName[];
/** Short spellings people expect from the issue texts. */
const ALIASES: Readonly<Record<string, InputName>> = { out: 'cache-dir', image: 'images', tag: 'tags', 'build-arg': 'build-args', label: 'labels', platform: 'platforms', 'merge-digest': 'merge-digests' };

export type CliRequest =
  | { readonly kind: 'help'; readonly command?: Command }
  | { readonly kind: 'run'; readonly command: Command; readonly inputs: Partial<Record<InputName, string>> };

function isBoolean(name: string): name is (typeof BOOLEAN_INPUTS)[number] {
  return (BOOLEAN_INPUTS as readonly string[]).includes(name);
}
function isRepeatable(name: string): boolean {
  return (REPEATABLE_INPUTS as readonly string[]).includes(name);
}

function options(): NonNullable<ParseArgsConfig['options']> {
  // `--version` is the `version` input (the image version), so the program has no such flag.
  const opts: NonNullable<ParseArgsConfig['options']> = { help: { type: 'boolean', short: 'h' } };
  for (const name of INPUT_NAMES) {
    if (isBoolean(name)) {
      opts[flagOf(name)] = { type: 'boolean' };
      opts[`no-${flagOf(name)}`] = { type: 'boolean' };
    } else {
      opts[name] = { type: 'string', multiple: isRepeatable(name) };
    }
  }
  for (const [alias, name] of Object.entries(ALIASES)) opts[alias] = { type: 'string', multiple: isRepeatable(name) };
  return opts;
}

export function parseCliArgs(argv: readonly string[]): CliRequest {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: options(), allowPositionals: true, strict: true });
  } catch (error) {
    throw new InputError('command line', {
      what: 'the command line is invalid',
      got: (error as Error).message,
      expected: 'flags named like the action inputs, e.g. --encoders cl100k_base --out ./tiktoken_cache',
      fix: 'run `oneapi-offline --help` for the flags',
    }, { cause: error });
  }
  const { values, positionals } = parsed;
  const [command, ...extra] = positionals;
  if (command !== undefined && !(COMMANDS as readonly string[]).includes(command)) {
    throw new InputError('command', { what: 'unknown command', got: command, expected: COMMANDS.join(', '), fix: 'run `oneapi-offline --help`' });
  }
  if (values.help === true || command === undefined) return command === undefined ? { kind: 'help' } : { kind: 'help', command: command as Command };
  if (extra.length > 0) {
    throw new InputError('command', { what: 'unexpected arguments', got: extra.join(' '), expected: 'only flags after the command', fix: 'pass values with flags, e.g. --images ghcr.io/org/one-api' });
  }

  const inputs: Partial<Record<InputName, string>> = {};
  const set = (name: InputName, value: string | boolean | Array<string | boolean> | undefined): void => {
    if (value === undefined) return;
    const text = Array.isArray(value) ? value.map(String).join('\n') : String(value);
    inputs[name] = inputs[name] === undefined || !isRepeatable(name) ? text : `${inputs[name]}\n${text}`;
  };
  for (const name of INPUT_NAMES) {
    if (isBoolean(name)) {
      const flag = flagOf(name);
      if (values[flag] === true && values[`no-${flag}`] === true) {
        throw new InputError(name, { what: `both --${flag} and --no-${flag} were given`, fix: `keep one of them` });
      }
      if (values[flag] === true) set(name, 'true');
      if (values[`no-${flag}`] === true) set(name, 'false');
    } else {
      set(name, values[name] as string | string[] | undefined);
    }
  }
  for (const [alias, name] of Object.entries(ALIASES)) set(name, values[alias] as string | string[] | undefined);
  // `prepare` prepares only; `build` and `merge` imply their step.
  if (command === 'prepare') {
    if (inputs['merge-digests'] !== undefined) {
      throw new InputError('merge-digests', { what: '`prepare` does not merge images', fix: 'run `oneapi-offline merge --merge-digests …` instead' });
    }
    inputs.build = 'false';
  }
  return { kind: 'run', command: command as Command, inputs };
}
