import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingPlatforms } from '../../../src/oci/platform.js';
import { checkBuilderPlatforms, parseBuilderDriver, parseBuilderName, parseBuilderNames, parseBuilderPlatforms, parseContainerdStore } from '../../../src/build/engine-facts.js';
import { InputError } from '../../../src/errors.js';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../../../fixtures/images/engine', name), 'utf8');

describe('engine facts parsers (output captured from Docker 26.1 / buildx 0.13.1)', () => {
  it('reads the driver of `docker buildx inspect`', () => {
    expect(parseBuilderDriver(fixture('buildx-inspect-docker-driver.txt'))).toBe('docker');
    expect(parseBuilderDriver('Name: b\nDriver:        docker-container\n')).toBe('docker-container');
    expect(parseBuilderDriver('no such builder')).toBeUndefined();
  });

  it.each([
    [fixture('driver-status-containerd.json'), true],
    ['[["Backing Filesystem","extfs"],["Supports d_type","true"],["Using metacopy","false"],["Native Overlay Diff","true"],["userxattr","false"]]', false],
    ['null', false],
  ])('containerd image store in %s → %s', (status, expected) => {
    expect(parseContainerdStore(status)).toBe(expected);
  });
});

const REMOTE_INSPECT = `Name:          ci
Driver:        remote
Last Activity: 2026-11-29 14:00:00 +0000 UTC

Nodes:
Name:             ci0
Endpoint:         tcp://127.0.0.1:1234
Status:           running
BuildKit version: v0.23.2
Platforms:        linux/amd64*, linux/amd64/v2
Name:             ci1
Endpoint:         tcp://127.0.0.1:1235
Status:           running
Platforms:        linux/arm64, linux/arm/v7
`;

describe('builder name, platforms and the builders there are', () => {
  it('reads the builder name and every node\'s platforms (the * of configured ones dropped)', () => {
    expect(parseBuilderName(fixture('buildx-inspect-docker-driver.txt'))).toBe('default');
    expect(parseBuilderPlatforms(fixture('buildx-inspect-docker-driver.txt'))).toContain('linux/arm64');
    expect(parseBuilderName(REMOTE_INSPECT)).toBe('ci');
    expect(parseBuilderPlatforms(REMOTE_INSPECT)).toEqual(['linux/amd64', 'linux/amd64/v2', 'linux/arm64', 'linux/arm/v7']);
  });

  it('lists builder names from `buildx ls --format json` and from its table (never node names twice)', () => {
    expect(parseBuilderNames(fixture('buildx-ls.jsonl'))).toEqual(['default']);
    expect(parseBuilderNames(fixture('buildx-ls.txt'))).toEqual(['default']);
    expect(parseBuilderNames('NAME/NODE     DRIVER/ENDPOINT   STATUS\nci*  remote\n \\_ ci0   \\_ tcp://x  running\nother docker-container\n')).toEqual(['ci', 'other']);
  });

  it.each<[string[], string[], string[]]>([
    [['linux/amd64', 'linux/arm64'], ['linux/amd64', 'linux/arm64'], []],
    [['linux/arm64/v8'], ['linux/arm64'], []],
    [['linux/arm64'], ['linux/amd64', 'linux/amd64/v2'], ['linux/arm64']],
    [['linux/arm/v7', 'linux/amd64'], ['linux/amd64', 'linux/arm/v6'], ['linux/arm/v7']],
  ])('%j on a builder with %j misses %j', (requested, available, missing) => {
    expect(missingPlatforms(requested, available)).toEqual(missing);
  });

  it('a missing platform is an input error naming the builder and its platforms', () => {
    const engine = { driver: 'remote', builder: 'ci', platforms: ['linux/amd64'], containerdStore: false, loadsMultiPlatform: false };
    let error: unknown;
    try {
      checkBuilderPlatforms(engine, ['linux/amd64', 'linux/arm64']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe('platforms');
    expect((error as InputError).message).toMatch(/builder "ci" \(driver remote\) cannot build linux\/arm64[\s\S]*offers: linux\/amd64/);
    expect(() => checkBuilderPlatforms({ ...engine, platforms: [] }, ['linux/s390x'])).not.toThrow();
  });
});
