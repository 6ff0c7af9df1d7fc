// The CLI's --help text. Flags are the action's inputs, so the list comes from INPUT_NAMES.
import { INPUT_NAMES } from '../inputs/names.js';
import type { Command } from './args.js';

const USAGE: Readonly<Record<Command, string>> = {
  prepare: 'Download (or take from --source), verify against the pins and lay out a TIKTOKEN_CACHE_DIR folder.',
  build: 'Prepare, then build the offline multi-arch image with docker buildx and verify it.',
  verify: 'Verify an existing image (--images name@digest or --archive oci.tar) as tiktoken and tiktoken-go read it (--consumers); without --encoders the set is what its manifest.json lists, each file checked against the pins.',
  merge: 'Merge per-platform digests (--merge-digests) into one tagged multi-arch index.',
};

export function helpText(version: string, command?: Command): string {
  const lines = [`oneapi-offline ${version}`, ''];
  if (command) {
    lines.push(`oneapi-offline ${command} [flags]`, '', `  ${USAGE[command]}`);
  } else {
    lines.push('Usage: oneapi-offline <command> [flags]', '', 'Commands:');
    for (const [name, text] of Object.entries(USAGE)) lines.push(`  ${name.padEnd(8)} ${text}`);
  }
  lines.push(
    '',
    'Flags: every input of the GitHub Action is a flag of the same name (see README.md),',
    'e.g. --encoders cl100k_base,o200k_base --mirror https://mirror.example/openai.',
    'Switches take --name / --no-name; list flags may be repeated. Aliases: --out (cache-dir),',
    '--image, --tag, --platform, --build-arg, --label, --merge-digest.',
    '',
    `Inputs: ${INPUT_NAMES.join(', ')}`,
    '',
    'Outside GitHub Actions, caches live under $XDG_CACHE_HOME/oneapi-offline (default ~/.cache/oneapi-offline).',
    'Exit codes: 0 ok, 1 failure, 2 bad input, 3 hash mismatch, 4 download, 5 build, 6 verification.',
  );
  return lines.join('\n');
}
