// The records of a runner's key-value files (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV) for many
// names at once, so the entry appends them in one write instead of one open-append-close per
// name as @actions/core's setOutput does. Each record is `name<<delimiter`, the value, the
// delimiter, with a fresh random delimiter per record: exactly what setOutput writes (a unit
// test holds the two equal). Pure apart from the random delimiters.
import { randomUUID } from 'node:crypto';
import { EOL } from 'node:os';

export function newDelimiter(): string {
  return `ghadelimiter_${randomUUID()}`;
}

export function keyValueRecords(entries: Iterable<readonly [string, string]>, delimiter: () => string = newDelimiter): string {
  let text = '';
  for (const [name, value] of entries) {
    const mark = delimiter();
    // As @actions/core: a name or value holding its delimiter would end the record early.
    if (name.includes(mark) || value.includes(mark)) throw new Error(`internal: output ${name} contains its record delimiter`);
    text += `${name}<<${mark}${EOL}${value}${EOL}${mark}${EOL}`;
  }
  return text;
}
