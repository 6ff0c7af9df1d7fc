// Every input of action.yml, by name. The CLI maps its flags onto the same names, so one set
// of parsers serves both; a test keeps this list equal to action.yml.
export const INPUT_NAMES = [
  'encoders',
  'extra-encoders',
  'mirror',
  'source',
  'cache-dir',
  'cache',
  'refresh',
  'http-proxy',
  'https-proxy',
  'no-proxy',
  'build',
  'context',
  'file',
  'base-image',
  'cache-path',
  'platforms',
  'builder',
  'build-args',
  'labels',
  'images',
  'version',
  'tag-prefix',
  'flavor',
  'tags',
  'annotations',
  'keep-created',
  'push',
  'load',
  'archive',
  'provenance',
  'source-date-epoch',
  'verify',
  'consumers',
  'push-by-digest',
  'merge-digests',
  'target',
  'build-contexts',
  'cache-from',
  'cache-to',
  'secrets',
  'secret-envs',
  'secret-files',
  'sbom',
  'no-cache',
  'pull',
  'network',
  'add-hosts',
  'engine',
  'cache-image',
  'gateway',
  'attest-key',
  'attest-key-password',
  'attestation',
] as const;

export type InputName = (typeof INPUT_NAMES)[number];

/**
 * action.yml's non-empty defaults. The runner applies them before the action starts; the CLI
 * applies them itself, so an unset flag means what an unset input means. A test keeps this
 * equal to action.yml.
 */
export const INPUT_DEFAULTS: Readonly<Partial<Record<InputName, string>>> = {
  cache: 'true',
  refresh: 'false',
  build: 'true',
  context: '.',
  'cache-path': '/tiktoken_cache',
  platforms: 'linux/amd64,linux/arm64',
  'tag-prefix': 'offline-',
  'keep-created': 'false',
  push: 'false',
  load: 'false',
  verify: 'true',
  'push-by-digest': 'false',
  'no-cache': 'false',
  pull: 'false',
  engine: 'buildx',
  gateway: 'generic',
  attestation: 'if-present',
};

/** Raw input text by name, as `core.getInput` or the CLI gives it; '' when unset. */
export type RawInputs = (name: InputName) => string;

/** Raw inputs from a plain record (CLI, tests); missing names read as ''. */
export function rawInputsFrom(values: Partial<Record<InputName, string>>): RawInputs {
  return (name) => values[name] ?? '';
}
