// Which flags each CLI command takes — the one place that says so. Flags are the action's
// inputs (same names, same parsers), except `version`: `oneapi-offline --version` prints the
// tool's version, so the image version is `--image-version`. `build` takes every input but the
// few that only make sense elsewhere, so an input added to action.yml is a build flag at once;
// prepare, verify and merge list theirs. Pure.
import { INPUT_NAMES, type InputName } from '../inputs/names.js';

export const COMMANDS = ['prepare', 'build', 'verify', 'merge'] as const;
export type Command = (typeof COMMANDS)[number];

export function isCommand(value: string): value is Command {
  return (COMMANDS as readonly string[]).includes(value);
}

const PROXY = ['http-proxy', 'https-proxy', 'no-proxy'] as const satisfies readonly InputName[];
/** What the verifier needs to know what to expect (the encoder set and where it lives). */
const EXPECTATIONS = ['encoders', 'extra-encoders', 'cache-path'] as const satisfies readonly InputName[];

/** Inputs no command takes as a flag: the command itself says whether to build. */
const COMMAND_DECIDES = ['build'] as const satisfies readonly InputName[];
/** Inputs of merge only (a build never merges). */
const MERGE_ONLY = ['merge-digests'] as const satisfies readonly InputName[];
/** Inputs of verify only (a build attests, it does not check an attestation). */
const VERIFY_ONLY = ['attestation'] as const satisfies readonly InputName[];

/** prepare may also push the verified folder as a one-layer image (cache-image, with its platforms and cache-path). */
const PREPARE_INPUTS: readonly InputName[] = ['gateway', 'encoders', 'extra-encoders', 'mirror', 'source', 'cache-dir', 'cache', 'refresh', ...PROXY, 'cache-image', 'platforms', 'cache-path', 'verify'];

export const COMMAND_INPUTS: Readonly<Record<Command, readonly InputName[]>> = {
  prepare: PREPARE_INPUTS,
  build: INPUT_NAMES.filter((name) => !(COMMAND_DECIDES as readonly string[]).includes(name) && !(MERGE_ONLY as readonly string[]).includes(name) && !(VERIFY_ONLY as readonly string[]).includes(name)),
  verify: ['images', 'archive', 'gateway', 'consumers', ...EXPECTATIONS, ...PROXY, 'attestation', 'attest-key'],
  merge: ['merge-digests', 'images', 'version', 'tag-prefix', 'flavor', 'tags', 'annotations', 'keep-created', 'source-date-epoch', 'builder', 'verify', 'gateway', ...EXPECTATIONS, ...PROXY],
};

/** Flags spelled differently from their input. */
const RENAMED: Readonly<Partial<Record<InputName, string>>> = { version: 'image-version', 'no-cache': 'no-layer-cache', cache: 'encoder-cache' };

/**
 * Old spellings that still work, each with a notice naming the new one: `--no-cache` meant the
 * encoder cache here, while in buildx it means the layer cache (here `--no-layer-cache`).
 */
export const DEPRECATED_FLAGS: Readonly<Record<string, { readonly input: InputName; readonly negated: boolean; readonly use: string }>> = {
  cache: { input: 'cache', negated: false, use: 'encoder-cache' },
  'no-cache': { input: 'cache', negated: true, use: 'no-encoder-cache' },
};

/** The flag (without `--`) for an input. */
export function flagOf(input: InputName): string {
  return RENAMED[input] ?? input;
}

/** Short spellings: alias → input. Each alias works where its input does. */
export const ALIASES: Readonly<Record<string, InputName>> = {
  out: 'cache-dir',
  image: 'images',
  tag: 'tags',
  'build-arg': 'build-args',
  label: 'labels',
  platform: 'platforms',
  'merge-digest': 'merge-digests',
};

/** One line per command for the overall help. */
export const SUMMARIES: Readonly<Record<Command, string>> = {
  prepare: 'Download (or take from --source), verify against the pins and lay out a TIKTOKEN_CACHE_DIR folder.',
  build: 'Prepare, then build the offline multi-arch image with docker buildx and verify it.',
  verify: 'Verify an existing image in a registry, an OCI archive or the local engine as tiktoken and tiktoken-go read it (--consumers); without --encoders the set is what its manifest.json lists, each file checked against the pins.',
  merge: 'Merge per-platform digests (--merge-digests) into one tagged multi-arch index, then verify it.',
};

/** What a command's help says beyond its flags. */
export const NOTES: Readonly<Partial<Record<Command, readonly string[]>>> = {
  build: [
    'Git facts (revision label, default --image-version, SOURCE_DATE_EPOCH) come from the repository',
    'holding --context (Dockerfile mode) or the current folder (overlay mode, --base-image).',
    'Without --push, --load or --archive the image is built and checked by buildx, then kept nowhere.',
  ],
  verify: [
    'Images are read from their registry (docker login credentials apply), by tag or digest;',
    'only an image given as docker-daemon:name:tag is read from the local engine.',
    'Pass the --encoders the image was built with.',
  ],
  merge: [
    'Git facts (default --image-version, the commit time a created annotation is pinned to)',
    'come from the repository of the current folder.',
  ],
};

/** Where an input means something else in a command than action.yml says (it documents a build). */
const CACHE_DIR = 'Folder to lay out as TIKTOKEN_CACHE_DIR (files named by sha1 of the canonical URL, plus manifest.json); default $XDG_CACHE_HOME/oneapi-offline/tiktoken_cache outside GitHub Actions';

export const DESCRIPTIONS: Readonly<Partial<Record<Command, Partial<Record<InputName, string>>>>> = {
  prepare: { 'cache-dir': CACHE_DIR },
  build: { 'cache-dir': CACHE_DIR },
  verify: {
    images: 'The image to verify: name:tag or name@sha256:… (read from its registry), or docker-daemon:name:tag (the local engine)',
    archive: 'Verify this OCI archive (tar, as written by build --archive) instead of an image',
  },
};

/** Every command that takes `input`. */
export function commandsTaking(input: InputName): Command[] {
  return COMMANDS.filter((command) => COMMAND_INPUTS[command].includes(input));
}
