import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRunStaging } from '../../../src/prepare/staging.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'staging-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('openRunStaging', () => {
  it('gives each run its own folder and removes it on dispose', async () => {
    const [a, b] = await Promise.all([openRunStaging(root), openRunStaging(root)]);
    expect(a.dir).not.toBe(b.dir);
    expect((await readdir(root)).sort()).toEqual([a.dir, b.dir].map((d) => d.slice(root.length + 1)).sort());
    await Promise.all([a.dispose(), b.dispose()]);
    expect(await readdir(root)).toEqual([]);
  });

  it('removes the folder a killed run on this host left, and nothing else', async () => {
    const live = await openRunStaging(root);
    const host = live.dir.slice(root.length + 1).split('-')[1];
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
    await mkdir(join(root, `run-${host}-${dead}-abcdef`, 'downloads'), { recursive: true });
    await mkdir(join(root, `run-0000ffff-${dead}-abcdef`)); // another host's: its pid means nothing here
    await mkdir(join(root, 'actions-cache'));
    const next = await openRunStaging(root);
    expect((await readdir(root)).sort()).toEqual(['actions-cache', `run-0000ffff-${dead}-abcdef`, live.dir.slice(root.length + 1), next.dir.slice(root.length + 1)].sort());
    await Promise.all([live.dispose(), next.dispose()]);
  });
});
