#!/usr/bin/env node
// Renders the README's inputs and outputs tables from action.yml, between the markers
// <!-- inputs:start --> / <!-- inputs:end --> and <!-- outputs:start --> / <!-- outputs:end -->.
//
//   node scripts/readme-table.mjs            print both tables
//   node scripts/readme-table.mjs --write    update README.md in place
//   node scripts/readme-table.mjs --check    exit 1 (with a diff hint) when README.md is stale
//   --action PATH / --readme PATH            other files (tests use temp copies)
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const SECTIONS = /** @type {const} */ (['inputs', 'outputs']);

/** Text safe in a table cell. */
function cell(text) {
  return String(text).trim().replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** @param {Record<string, {description?: string, default?: unknown, required?: boolean}>} inputs */
export function inputsTable(inputs) {
  const rows = Object.entries(inputs ?? {}).map(([name, spec]) => {
    const fallback = spec.default === undefined || String(spec.default) === '' ? '' : `\`${cell(spec.default)}\``;
    const required = spec.required === true ? 'yes' : 'no';
    return `| \`${name}\` | ${required} | ${fallback} | ${cell(spec.description ?? '')} |`;
  });
  return ['| Input | Required | Default | Description |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** @param {Record<string, {description?: string}>} outputs */
export function outputsTable(outputs) {
  const rows = Object.entries(outputs ?? {}).map(([name, spec]) => `| \`${name}\` | ${cell(spec.description ?? '')} |`);
  return ['| Output | Description |', '| --- | --- |', ...rows].join('\n');
}

/** The tables for action.yml's text. */
export function renderTables(actionYml) {
  const action = parse(actionYml);
  return { inputs: inputsTable(action.inputs), outputs: outputsTable(action.outputs) };
}

/** README text with both marker blocks replaced; throws when a marker pair is missing. */
export function updateReadme(readme, actionYml) {
  const tables = renderTables(actionYml);
  let text = readme;
  for (const section of SECTIONS) {
    const start = `<!-- ${section}:start -->`;
    const end = `<!-- ${section}:end -->`;
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new Error(`README has no ${start} … ${end} block; add the two markers where the ${section} table belongs`);
    }
    text = `${text.slice(0, from + start.length)}\n${tables[section]}\n${text.slice(to)}`;
  }
  return text;
}

function main(argv) {
  const option = (flag, fallback) => {
    const at = argv.indexOf(flag);
    return at >= 0 && argv[at + 1] ? argv[at + 1] : fallback;
  };
  const actionPath = option('--action', 'action.yml');
  const readmePath = option('--readme', 'README.md');
  const actionYml = readFileSync(actionPath, 'utf8');
  if (argv.includes('--write') || argv.includes('--check')) {
    const readme = readFileSync(readmePath, 'utf8');
    const next = updateReadme(readme, actionYml);
    if (argv.includes('--check')) {
      if (next !== readme) {
        process.stderr.write(`${readmePath}: the inputs/outputs tables differ from ${actionPath}; run: node scripts/readme-table.mjs --write\n`);
        return 1;
      }
      return 0;
    }
    if (next !== readme) writeFileSync(readmePath, next);
    return 0;
  }
  const { inputs, outputs } = renderTables(actionYml);
  process.stdout.write(`${inputs}\n\n${outputs}\n`);
  return 0;
}

if (import.meta.url === new URL(process.argv[1] ?? '', 'file://').href || process.argv[1]?.endsWith('readme-table.mjs')) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`readme-table: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
