import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBuilderDriver, parseContainerdStore } from '../../../src/build/engine-facts.js';

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
