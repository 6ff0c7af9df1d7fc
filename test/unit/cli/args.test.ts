import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../src/cli/args.js';
import { InputError } from '../../../src/errors.js';

describe('parseCliArgs', () => {
  it.each([
    [['prepare', '--out', '/tmp/x'], { 'cache-dir': '/tmp/x', build: 'false' }],
    [['prepare', '--encoders', 'cl100k_base', '--encoders', 'o200k_base', '--refresh'], { encoders: 'cl100k_base\no200k_base', refresh: 'true', build: 'false' }],
    [['prepare', '--mirror', 'https://m.example/openai', '--source', 'enc.tar.gz', '--no-cache'], { mirror: 'https://m.example/openai', source: 'enc.tar.gz', cache: 'false', build: 'false' }],
    [['build', '--image', 'ghcr.io/o/a', '--images', 'docker.io/o/a', '--version', 'v1.2.3', '--push'], { images: 'docker.io/o/a\nghcr.io/o/a', version: 'v1.2.3', push: 'true' }],
    [['build', '--build-arg', 'A=1', '--build-arg', 'B=x,y', '--platform', 'linux/amd64'], { 'build-args': 'A=1\nB=x,y', platforms: 'linux/amd64' }],
    [['build', '--base-image', 'justsong/one-api:v0.6.10', '--no-verify', '--archive', 'img.tar'], { 'base-image': 'justsong/one-api:v0.6.10', verify: 'false', archive: 'img.tar' }],
    [['merge', '--merge-digest', 'sha256:aa', '--merge-digest', 'sha256:bb', '--images', 'r/x'], { 'merge-digests': 'sha256:aa\nsha256:bb', images: 'r/x' }],
    // build-push-action's inputs: --no-cache stays `cache: false`; the layer cache is --no-layer-cache.
    [['build', '--no-layer-cache', '--pull', '--no-cache'], { cache: 'false', 'no-cache': 'true', pull: 'true' }],
    [['build', '--secrets', 'a=1', '--secrets', 'b=2', '--cache-from', 'type=local,src=/c', '--annotations', 'a=b', '--flavor', 'latest=false'], { secrets: 'a=1\nb=2', 'cache-from': 'type=local,src=/c', annotations: 'a=b', flavor: 'latest=false' }],
  ] as const)('%j', (argv, inputs) => {
    expect(parseCliArgs(argv)).toEqual({ kind: 'run', command: argv[0], inputs });
  });

  it.each([
    [[], { kind: 'help' }],
    [['--help'], { kind: 'help' }],
    [['build', '-h'], { kind: 'help', command: 'build' }],
  ] as const)('%j is %j', (argv, request) => {
    expect(parseCliArgs(argv)).toEqual(request);
  });

  it.each([
    [['deploy'], /unknown command[\s\S]*deploy[\s\S]*prepare, build, verify, merge/],
    [['prepare', '--encoder', 'x'], /--encoder[\s\S]*oneapi-offline --help/],
    [['prepare', 'extra'], /unexpected arguments[\s\S]*extra/],
    [['build', '--push', '--no-push'], /both --push and --no-push/],
    [['prepare', '--merge-digest', 'sha256:aa'], /prepare` does not merge/],
  ] as const)('%j is rejected', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(InputError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
