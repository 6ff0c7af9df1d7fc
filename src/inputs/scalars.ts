// Parsers for the shapes inputs come in: booleans and lists. Pure; errors name the input.
import { InputError } from '../errors.js';
import type { InputName } from './names.js';

const TRUE = new Set(['true', 'True', 'TRUE']);
const FALSE = new Set(['false', 'False', 'FALSE']);

/** YAML 1.2 core-schema booleans, as actions/toolkit's getBooleanInput accepts them. */
export function parseBoolean(name: InputName, raw: string, fallback: boolean): boolean {
  const value = raw.trim();
  if (value === '') return fallback;
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw new InputError(name, {
    got: JSON.stringify(raw),
    expected: 'true or false',
    fix: `set ${name}: true or ${name}: false (or leave it out for ${fallback})`,
  });
}

/**
 * A comma- or newline-separated list, as docker/build-push-action reads `platforms` and `tags`:
 * items are trimmed, empty items dropped, `#` lines are comments.
 */
export function parseList(raw: string): string[] {
  return raw
    .split(/\r?\n/)
    .filter((line) => !line.trimStart().startsWith('#'))
    .flatMap((line) => line.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * One item per line, commas kept (build-args, labels, extra-encoders): values may contain
 * commas, so only newlines separate. Items are trimmed; blank and `#` lines are skipped.
 */
export function parseLines(raw: string): string[] {
  return raw
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** `KEY=VALUE` lines (build-args, labels); a line without `=` is rejected, naming the input. */
export function parseKeyValues(name: InputName, raw: string): Array<readonly [string, string]> {
  return parseLines(raw).map((line) => {
    const eq = line.indexOf('=');
    if (eq <= 0) {
      throw new InputError(name, {
        got: JSON.stringify(line),
        expected: 'one KEY=VALUE per line',
        fix: `write each entry of ${name} as KEY=VALUE on its own line`,
      });
    }
    return [line.slice(0, eq).trim(), line.slice(eq + 1)] as const;
  });
}
