// The FROM images a Dockerfile needs for its target platforms, and platform matching.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerfileFromImages } from '../../../src/build/dockerfile-from.js';
import { writeSecretValues } from '../../../src/build/secrets.js';
import { missingPlatforms } from '../../../src/oci/platform.js';

describe('dockerfileFromImages', () => {
  it.each<[string, string[], Array<readonly [string, string]>, string[], string[]]>([
    ['one FROM', ['FROM justsong/one-api:v0.6.10'], [], ['justsong/one-api:v0.6.10'], []],
    ['keywords in any case, flags, AS', ['from --platform=$TARGETPLATFORM r.io/a:1 as base', 'FROM base', 'RUN x'], [], ['r.io/a:1'], ['base']],
    ['global ARG default', ['ARG IMG=r.io/a:2', 'FROM ${IMG}'], [], ['r.io/a:2'], []],
    ['build-args win over the default', ['ARG IMG=r.io/a:2', 'FROM $IMG'], [['IMG', 'r.io/b:3']], ['r.io/b:3'], []],
    ['${VAR:-default} unset', ['ARG TAG', 'FROM r.io/a:${TAG:-9}'], [], ['r.io/a:9'], []],
    ['an ARG with no value is skipped', ['ARG TAG', 'FROM r.io/a:$TAG'], [], [], ['r.io/a:$TAG']],
    ['scratch', ['FROM scratch'], [], [], ['scratch']],
    ['named contexts (tiktoken, the user\'s)', ['FROM tiktoken AS t', 'FROM web'], [], [], ['tiktoken', 'web']],
    ['$BUILDPLATFORM stages run on the builder', ['FROM --platform=$BUILDPLATFORM golang:1 AS b', 'FROM r.io/a:1'], [], ['r.io/a:1'], ['golang:1']],
    ['a fixed --platform', ['FROM --platform=linux/amd64 r.io/tool:1 AS t', 'FROM r.io/a:1'], [], ['r.io/a:1'], ['r.io/tool:1']],
    ['line continuations and comments', ['# a comment', 'FROM \\', '  r.io/a:1 \\', '  AS x', 'FROM x'], [], ['r.io/a:1'], ['x']],
    ['a stage named like its image still pulls it', ['FROM node AS node', 'FROM node'], [], ['node'], ['node']],
    ['duplicates once', ['FROM r.io/a:1 AS x', 'FROM r.io/a:1'], [], ['r.io/a:1'], []],
    ['ARG after FROM is not global', ['FROM r.io/a:1', 'ARG IMG=r.io/z:1', 'FROM $IMG'], [], ['r.io/a:1'], ['$IMG']],
  ])('%s', (_name, lines, args, images, skipped) => {
    const found = dockerfileFromImages(lines.join('\n'), args, ['tiktoken', 'web']);
    expect(found.images).toEqual(images);
    expect(found.skipped.map((s) => s.ref)).toEqual(skipped);
  });
});

describe('missingPlatforms', () => {
  it.each<[string[], string[], string[]]>([
    [['linux/amd64', 'linux/arm64'], ['linux/amd64'], ['linux/arm64']],
    [['linux/amd64', 'linux/arm64'], ['linux/amd64', 'linux/arm64/v8'], []],
    [['linux/arm64/v8'], ['linux/arm64'], []],
    [['linux/arm/v7'], ['linux/arm/v6'], ['linux/arm/v7']],
    [['linux/amd64'], ['windows/amd64'], ['linux/amd64']],
  ])('%j against %j lacks %j', (requested, available, missing) => {
    expect(missingPlatforms(requested, available)).toEqual(missing);
  });
});

describe('writeSecretValues', () => {
  it('writes each value to a 0600 file in a 0700 folder, and nothing for files and variables', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'secrets-')), 's');
    const files = await writeSecretValues(
      [
        { id: 'a', from: 'value', value: 'v-1' },
        { id: 'b', from: 'file', path: '/x' },
        { id: 'c', from: 'env', env: 'X' },
      ],
      dir,
    );
    expect([...files.keys()]).toEqual(['a']);
    const file = files.get('a') ?? '';
    expect(readFileSync(file, 'utf8')).toBe('v-1');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});
