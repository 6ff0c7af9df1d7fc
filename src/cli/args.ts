// `oneapi-offline <command> [--flag value …]`: the flags of a command are the action inputs it
// takes (src/cli/commands.ts), so the CLI and the action read one set of parsers. A flag of
// another command is an input error naming both. Pure: argv in, a request out.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../errors.js';
import type { InputName } from '../inputs/names.js';
import { ALIASES, COMMAND_INPUTS, COMMANDS, DEPRECATED_FLAGS, commandsTaking, flagOf, isCommand, type Command } from './commands.js';

export { COMMANDS, type Command } from './commands.js';

/** Inputs that are switches: `--push` means true, `--no-push` false. */
const BOOLEAN_INPUTS: readonly InputName[] = ['cache', 'refresh', 'build', 'push', 'load', 'verify', 'push-by-digest', 'no-cache', 'pull', 'keep-created'];
/** Inputs that may be given several times; the values are joined one per line. */
const REPEATABLE_INPUTS: readonly InputName[] = [
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
];

export type CliRequest =
  | { readonly kind: 'help'; readonly command?: Command }
  | { readonly kind: 'version' }
  | { readonly kind: 'run'; readonly command: Command; readonly inputs: Partial<Record<InputName, string>>; readonly notices: readonly string[] };

export function isBooleanInput(name: InputName): boolean {
  return BOOLEAN_INPUTS.includes(name);
}
export function isRepeatable(name: InputName): boolean {
  return REPEATABLE_INPUTS.includes(name);
}

interface Flag {
  readonly input: InputName;
  readonly negated: boolean;
  /** An old spelling: the flag to use instead. */
  readonly use?: string;
}

/** Flag (without `--`) → input, for one command: its inputs, their `--no-` forms, aliases and old spellings. */
function flagsOf(command: Command): Map<string, Flag> {
  const flags = new Map<string, Flag>();
  const takes = (input: InputName): boolean => COMMAND_INPUTS[command].includes(input);
  for (const input of COMMAND_INPUTS[command]) {
    flags.set(flagOf(input), { input, negated: false });
    if (isBooleanInput(input)) flags.set(`no-${flagOf(input)}`, { input, negated: true });
  }
  for (const [alias, input] of Object.entries(ALIASES)) if (takes(input)) flags.set(alias, { input, negated: false });
  for (const [old, flag] of Object.entries(DEPRECATED_FLAGS)) if (takes(flag.input) && !flags.has(old)) flags.set(old, flag);
  return flags;
}

/** The input a flag of any command stands for, if any. */
function inputOfAnyFlag(flag: string): InputName | undefined {
  for (const command of COMMANDS) {
    const found = flagsOf(command).get(flag);
    if (found) return found.input;
  }
  return undefined;
}

function options(flags: Map<string, Flag>): NonNullable<ParseArgsConfig['options']> {
  const opts: NonNullable<ParseArgsConfig['options']> = { help: { type: 'boolean', short: 'h' } };
  for (const [flag, { input }] of flags) {
    opts[flag] = isBooleanInput(input) ? { type: 'boolean' } : { type: 'string', multiple: isRepeatable(input) };
  }
  return opts;
}

/** The input error for `--flag` given to `command`, which does not take it. */
function foreignFlag(command: Command, flag: string): InputError {
  const name = flag.replace(/^-+/, '').replace(/=.*$/, '');
  if (name === 'version' || name === 'V') {
    return new InputError('command line', {
      what: `--version does not apply to "${command}": it prints this tool's version`,
      got: flag,
      expected: command === 'build' || command === 'merge' ? '--image-version for the image version' : 'no --version after a command',
      fix: command === 'build' || command === 'merge' ? `write --image-version v1.2.3 (the version input; --version is the tool's own)` : 'run `oneapi-offline --version` on its own',
    });
  }
  const input = inputOfAnyFlag(name) ?? inputOfAnyFlag(name.replace(/^no-/, ''));
  if (input) {
    const takers = commandsTaking(input);
    return new InputError('command line', {
      what: `--${name} does not apply to "${command}"`,
      got: flag,
      expected: `a flag of ${command}; --${name} belongs to ${takers.map((c) => `"${c}"`).join(', ') || 'no command'}`,
      fix: input === 'push' && command === 'prepare' ? 'prepare only lays out the folder: run `oneapi-offline build … --push` to publish an image' : `drop --${name}, or run \`oneapi-offline ${command} --help\` for the flags of ${command}`,
    });
  }
  return new InputError('command line', {
    what: `unknown flag for "${command}"`,
    got: flag,
    expected: 'a flag named like an action input, e.g. --encoders cl100k_base',
    fix: `run \`oneapi-offline ${command} --help\` for the flags of ${command}`,
  });
}

function parseCommandArgs(command: Command, argv: readonly string[]): CliRequest {
  const flags = flagsOf(command);
  // Any flag parseArgs would not know, found first so the error names it and the command.
  for (const arg of argv) {
    if (arg === '--') break;
    if (!arg.startsWith('-') || arg === '-') continue;
    const name = arg.replace(/^-+/, '').replace(/=.*$/, '');
    if (name === 'h' || name === 'help') continue;
    if (!arg.startsWith('--') || !flags.has(name)) throw foreignFlag(command, arg);
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: options(flags), allowPositionals: true, strict: true });
  } catch (error) {
    throw new InputError('command line', {
      what: `the command line of "${command}" is invalid`,
      got: (error as Error).message,
      expected: 'flags named like the action inputs, e.g. --encoders cl100k_base --out ./tiktoken_cache',
      fix: `run \`oneapi-offline ${command} --help\` for the flags`,
    }, { cause: error });
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { kind: 'help', command };
  if (positionals.length > 0) {
    throw new InputError('command line', { what: `unexpected arguments after "${command}"`, got: positionals.join(' '), expected: 'only flags after the command', fix: 'pass values with flags, e.g. --images ghcr.io/org/one-api' });
  }
  const inputs: Partial<Record<InputName, string>> = {};
  const notices: string[] = [];
  const given = new Map<InputName, string>();
  for (const [flag, { input, negated, use }] of flags) {
    const value = values[flag];
    if (value === undefined) continue;
    if (use) notices.push(`--${flag} is the old name of --${use} and will be removed; write --${use} (buildx's --no-cache, the layer cache, is --no-layer-cache here)`);
    if (isBooleanInput(input)) {
      const text = negated ? 'false' : 'true';
      const other = given.get(input);
      if (other !== undefined && other !== flag) {
        throw new InputError(input, { what: `both --${other} and --${flag} were given`, fix: 'keep one of them' });
      }
      given.set(input, flag);
      inputs[input] = text;
      continue;
    }
    const text = (Array.isArray(value) ? value : [value]).map(String).join('\n');
    inputs[input] = inputs[input] === undefined || !isRepeatable(input) ? text : `${inputs[input]}\n${text}`;
  }
  if (command === 'prepare') inputs.build = 'false';
  return { kind: 'run', command, inputs, notices };
}

export function parseCliArgs(argv: readonly string[]): CliRequest {
  const [first, ...rest] = argv;
  if (first === undefined) return { kind: 'help' };
  if (isCommand(first)) return parseCommandArgs(first, rest);
  if (first.startsWith('-')) {
    if (argv.length === 1 && (first === '--version' || first === '-V')) return { kind: 'version' };
    if (argv.length === 1 && (first === '--help' || first === '-h')) return { kind: 'help' };
    const command = argv.find(isCommand);
    throw new InputError('command', {
      what: command ? 'the command must come first' : 'no command given',
      got: argv.join(' '),
      expected: `oneapi-offline <${COMMANDS.join('|')}> [flags], or oneapi-offline --help / --version`,
      fix: command ? `write \`oneapi-offline ${command} …\` with the flags after it` : 'run `oneapi-offline --help`',
    });
  }
  throw new InputError('command', { what: 'unknown command', got: first, expected: COMMANDS.join(', '), fix: 'run `oneapi-offline --help`' });
}
