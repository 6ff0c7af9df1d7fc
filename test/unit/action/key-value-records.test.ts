// The action appends all its outputs to GITHUB_OUTPUT in one write; the records must be what
// @actions/core's setOutput writes one by one. The real @actions/core is the oracle here.
import * as core from '@actions/core';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keyValueRecords } from '../../../src/action/key-value-records.js';
import { parseOutputFile } from '../../support/run-action.js';

const outputs: Array<[string, string]> = [
  ['cache-dir', '/home/runner/work/_temp/tiktoken_cache'],
  ['cache-hit', 'true'],
  ['empty', ''],
  ['tags', 'ghcr.io/o/one-api:offline-v1\nghcr.io/o/one-api:offline'],
  ['manifest', JSON.stringify({ files: [{ id: 'r50k_base', url: 'https://x/y?a=1&b=%2F' }] })],
  ['trailing', 'line\n'],
  ['crlf', 'a\r\nb'],
  ['unicode', 'ünïcødé ✓'],
];

/** Random delimiters, numbered in order of appearance. */
function normalized(text: string): string {
  const seen = new Map<string, string>();
  return text.replace(/ghadelimiter_[0-9a-f-]{36}/g, (d) => {
    if (!seen.has(d)) seen.set(d, `DELIM${seen.size}`);
    return seen.get(d)!;
  });
}

let dir: string | undefined;
const saved = process.env['GITHUB_OUTPUT'];
afterEach(async () => {
  if (saved === undefined) delete process.env['GITHUB_OUTPUT'];
  else process.env['GITHUB_OUTPUT'] = saved;
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('keyValueRecords', () => {
  it('writes byte for byte what core.setOutput writes, one fresh delimiter per record', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kv-records-'));
    const file = join(dir, 'output');
    await writeFile(file, '');
    process.env['GITHUB_OUTPUT'] = file;
    for (const [name, value] of outputs) core.setOutput(name, value);
    const fromCore = await readFile(file, 'utf8');
    const ours = keyValueRecords(outputs);
    expect(normalized(ours)).toBe(normalized(fromCore));
    expect(new Set(ours.match(/ghadelimiter_[0-9a-f-]{36}/g)).size).toBe(outputs.length);
    expect(parseOutputFile(ours)).toEqual(Object.fromEntries(outputs));
  });

  it('refuses a value that holds its own delimiter, as core does', () => {
    expect(() => keyValueRecords([['x', 'a fixed-delimiter b']], () => 'fixed-delimiter')).toThrow(/contains its record delimiter/);
  });
});
