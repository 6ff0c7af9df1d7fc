import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../src/cli/args.js';
import { COMMAND_INPUTS, COMMANDS } from '../../../src/cli/commands.js';
import { InputError } from '../../../src/errors.js';
import { INPUT_NAMES } from '../../../src/inputs/names.js';

function rejection(argv: readonly string[]): InputError {
  try {
    parseCliArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error(`${JSON.stringify(argv)} was accepted`);
}

describe('parseCliArgs', () => {
  it.each([
    [['prepare', '--out', '/tmp/x'], { 'cache-dir': '/tmp/x', build: 'false' }],
    [['prepare', '--out=/tmp/x'], { 'cache-dir': '/tmp/x', build: 'false' }],
    [['prepare', '--encoders', 'cl100k_base', '--encoders', 'o200k_base', '--refresh'], { encoders: 'cl100k_base\no200k_base', refresh: 'true', build: 'false' }],
    [['prepare', '--mirror', 'https://m.example/openai', '--source', 'enc.tar.gz', '--no-encoder-cache'], { mirror: 'https://m.example/openai', source: 'enc.tar.gz', cache: 'false', build: 'false' }],
    [['build', '--image', 'ghcr.io/o/a', '--images', 'docker.io/o/a', '--image-version', 'v1.2.3', '--push'], { images: 'docker.io/o/a\nghcr.io/o/a', version: 'v1.2.3', push: 'true' }],
    [['build', '--build-arg', 'A=1', '--build-arg', 'B=x,y', '--platform', 'linux/amd64'], { 'build-args': 'A=1\nB=x,y', platforms: 'linux/amd64' }],
    [['build', '--base-image', 'justsong/one-api:v0.6.10', '--no-verify', '--archive', 'img.tar'], { 'base-image': 'justsong/one-api:v0.6.10', verify: 'false', archive: 'img.tar' }],
    [['merge', '--merge-digest', 'sha256:aa', '--merge-digest', 'sha256:bb', '--images', 'r/x', '--image-version', 'v2'], { 'merge-digests': 'sha256:aa\nsha256:bb', images: 'r/x', version: 'v2' }],
    [['verify', '--images', 'r/x:v1', '--encoders', 'cl100k_base'], { images: 'r/x:v1', encoders: 'cl100k_base' }],
    // The encoder cache is --[no-]encoder-cache; build-push-action's layer cache is --no-layer-cache.
    [['build', '--no-layer-cache', '--pull', '--no-encoder-cache'], { cache: 'false', 'no-cache': 'true', pull: 'true' }],
    [['prepare', '--encoder-cache'], { cache: 'true', build: 'false' }],
    [['build', '--secrets', 'a=1', '--secrets', 'b=2', '--cache-from', 'type=local,src=/c', '--annotations', 'a=b', '--flavor', 'latest=false'], { secrets: 'a=1\nb=2', 'cache-from': 'type=local,src=/c', annotations: 'a=b', flavor: 'latest=false' }],
  ] as const)('%j', (argv, inputs) => {
    expect(parseCliArgs(argv)).toEqual({ kind: 'run', command: argv[0], inputs, notices: [] });
  });

  it.each([
    [['prepare', '--no-cache'], 'false', '--no-encoder-cache'],
    [['build', '--cache'], 'true', '--encoder-cache'],
  ] as const)('the old spelling %j still works, with a notice naming the new one', (argv, cache, use) => {
    const request = parseCliArgs(argv);
    if (request.kind !== 'run') throw new Error('not a run');
    expect(request.inputs.cache).toBe(cache);
    expect(request.notices).toEqual([expect.stringContaining(`write ${use}`)]);
    expect(request.notices[0]).toContain('--no-layer-cache');
  });

  it('the old and the new spelling together are one flag given twice', () => {
    expect(rejection(['prepare', '--no-cache', '--encoder-cache']).message).toMatch(/both --/);
  });

  it.each([
    [[], { kind: 'help' }],
    [['--help'], { kind: 'help' }],
    [['-h'], { kind: 'help' }],
    [['build', '-h'], { kind: 'help', command: 'build' }],
    [['verify', '--help'], { kind: 'help', command: 'verify' }],
    [['--version'], { kind: 'version' }],
    [['-V'], { kind: 'version' }],
  ] as const)('%j is %j', (argv, request) => {
    expect(parseCliArgs(argv)).toEqual(request);
  });

  it.each([
    [['deploy'], 'command', /unknown command[\s\S]*deploy[\s\S]*prepare, build, verify, merge/],
    [['--out', 'x', 'prepare'], 'command', /command must come first[\s\S]*oneapi-offline prepare/],
    [['prepare', '--encoder', 'x'], 'command line', /unknown flag for "prepare"[\s\S]*--encoder[\s\S]*oneapi-offline prepare --help/],
    [['prepare', 'extra'], 'command line', /unexpected arguments[\s\S]*extra/],
    [['build', '--push', '--no-push'], 'push', /both --push and --no-push/],
    [['prepare', '--push'], 'command line', /--push does not apply to "prepare"[\s\S]*"build", "merge"|--push does not apply to "prepare"[\s\S]*"build"[\s\S]*fix:.*build … --push/],
    [['prepare', '--no-push'], 'command line', /--no-push does not apply to "prepare"/],
    [['prepare', '--merge-digest', 'sha256:aa'], 'command line', /--merge-digest does not apply to "prepare"[\s\S]*"merge"/],
    [['prepare', '--images', 'r/x'], 'command line', /--images does not apply to "prepare"/],
    [['verify', '--mirror', 'https://m.example'], 'command line', /--mirror does not apply to "verify"[\s\S]*"prepare", "build"/],
    [['verify', '--push'], 'command line', /--push does not apply to "verify"/],
    [['merge', '--base-image', 'x'], 'command line', /--base-image does not apply to "merge"[\s\S]*"build"/],
    [['build', '--merge-digests', 'sha256:aa'], 'command line', /--merge-digests does not apply to "build"[\s\S]*"merge"/],
    [['build', '--build'], 'command line', /--build does not apply to "build"|unknown flag for "build"/],
    [['build', '--version', 'v1.2.3'], 'command line', /--version does not apply to "build"[\s\S]*--image-version v1.2.3/],
    [['prepare', '--version'], 'command line', /--version does not apply to "prepare"[\s\S]*oneapi-offline --version/],
    [['build', '--version=v1'], 'command line', /--image-version/],
  ] as const)('%j is an input error naming the flag and the command', (argv, input, message) => {
    const error = rejection(argv);
    expect(error.input).toBe(input);
    expect(error.message).toMatch(message);
  });
});

describe('command flags', () => {
  it('every input is a flag of at least one command, except `build` (the command decides)', () => {
    const taken = new Set(COMMANDS.flatMap((command) => COMMAND_INPUTS[command]));
    expect(INPUT_NAMES.filter((name) => !taken.has(name))).toEqual(['build']);
  });

  it('prepare takes no image inputs, verify neither downloads nor builds', () => {
    for (const input of ['push', 'images', 'base-image', 'context', 'build-args', 'merge-digests'] as const) expect(COMMAND_INPUTS.prepare).not.toContain(input);
    for (const input of ['mirror', 'source', 'push', 'context', 'platforms'] as const) expect(COMMAND_INPUTS.verify).not.toContain(input);
  });
});
