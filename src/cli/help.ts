// The CLI's --help texts: the commands, and per command only its own flags, each with action.yml's
// description and default (src/cli/action-inputs.ts). Pure: the input docs are passed in.
import type { InputName } from '../inputs/names.js';
import type { InputDoc } from './action-inputs.js';
import { isBooleanInput, isRepeatable } from './args.js';
import { ALIASES, COMMAND_INPUTS, COMMANDS, DESCRIPTIONS, flagOf, NOTES, SUMMARIES, type Command } from './commands.js';

const WIDTH = 100;

/** `text` wrapped to lines of at most `width` characters, each after `indent`. */
function wrap(text: string, indent: string, width = WIDTH): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(`${indent}${line}`);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(`${indent}${line}`);
  return lines;
}

function flagLine(input: InputName): string {
  const flag = flagOf(input);
  const aliases = Object.entries(ALIASES).filter(([, name]) => name === input).map(([alias]) => `--${alias}`);
  const spelled = isBooleanInput(input) ? `--${flag}, --no-${flag}` : `--${flag} <value>`;
  return `  ${[spelled, ...aliases].join(', ')}${isRepeatable(input) ? '  (repeatable)' : ''}`;
}

function commandHelp(command: Command, docs: Readonly<Record<string, InputDoc>>): string[] {
  const lines = [`Usage: oneapi-offline ${command} [flags]`, '', ...wrap(SUMMARIES[command], '  ')];
  for (const note of NOTES[command] ?? []) lines.push(`  ${note}`);
  lines.push('', 'Flags:');
  for (const input of COMMAND_INPUTS[command]) {
    const own = DESCRIPTIONS[command]?.[input];
    const doc = { ...docs[input], ...(own !== undefined ? { description: own } : {}) };
    lines.push(flagLine(input));
    const text = `${doc?.description ?? ''}${doc?.default !== undefined ? ` (default: ${doc.default})` : ''}`;
    lines.push(...wrap(text, '      '));
  }
  lines.push('  -h, --help', '      This text.');
  return lines;
}

export function helpText(version: string, docs: Readonly<Record<string, InputDoc>>, command?: Command): string {
  const lines = [`oneapi-offline ${version}`, ''];
  if (command) {
    lines.push(...commandHelp(command, docs));
  } else {
    lines.push('Usage: oneapi-offline <command> [flags]', '', 'Commands:');
    for (const name of COMMANDS) lines.push(...wrap(SUMMARIES[name], ' '.repeat(11)).map((l, i) => (i === 0 ? `  ${name.padEnd(9)}${l.trimStart()}` : l)));
    lines.push(
      '',
      'Run `oneapi-offline <command> --help` for the flags of a command: the GitHub Action\'s inputs',
      'of the same names (the image version is --image-version). Switches take --name / --no-name;',
      'list flags may be repeated.',
      '',
      '  -h, --help       This text.',
      '  -V, --version    Print the version of this tool.',
    );
  }
  lines.push(
    '',
    'Results go to stdout as JSON, the log to stderr. Outside GitHub Actions, caches live under',
    '$XDG_CACHE_HOME/oneapi-offline (default ~/.cache/oneapi-offline).',
    'Exit codes: 0 ok, 1 failure, 2 bad input, 3 hash mismatch, 4 download, 5 build, 6 verification.',
  );
  return lines.join('\n');
}
