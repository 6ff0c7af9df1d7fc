import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RUN_TOKEN, tempName } from '../../../src/encoders/copy-verified.js';
import { LOCK_FILE, lockFolder, withFolderLock } from '../../../src/encoders/folder-lock.js';
import { InputError } from '../../../src/errors.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A pid that is certainly gone: a child that has exited and been reaped. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('lockFolder', () => {
  it('lets one holder in at a time, in this process too', async () => {
    const order: string[] = [];
    const hold = (name: string) =>
      withFolderLock(dir, {}, async () => {
        order.push(`${name} in`);
        await new Promise((resolve) => setTimeout(resolve, 30));
        order.push(`${name} out`);
      });
    await Promise.all([hold('a'), hold('b'), hold('c')]);
    for (let i = 0; i < order.length; i += 2) expect(order[i + 1]).toBe(order[i]!.replace(' in', ' out'));
    expect(await readdir(dir)).toEqual([]);
  });

  it('takes over the lock of a process that is gone, and deletes that run\'s temp files only', async () => {
    const token = 'ab'.repeat(8);
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: hostname(), token, since: 'then' }));
    const theirs = tempName(token);
    const foreign = '.oneapi-offline-1234567890ab.tmp';
    await writeFile(join(dir, theirs), 'half-written by the crashed run');
    await writeFile(join(dir, foreign), 'not provably ours');
    const told: string[] = [];
    const lock = await lockFolder(dir, { onWait: (m) => told.push(m) });
    expect(told.join()).toMatch(/took over a stale lock .*that process is gone/);
    expect((await readdir(dir)).sort()).toEqual([foreign, LOCK_FILE].sort());
    await lock.release();
    expect(await readdir(dir)).toEqual([foreign]);
  });

  it('takes over a lock nobody has touched for staleMs (a holder on another host, or cut short)', async () => {
    await writeFile(join(dir, LOCK_FILE), '');
    const old = new Date(Date.now() - 60_000);
    await utimes(join(dir, LOCK_FILE), old, old);
    const lock = await lockFolder(dir, { staleMs: 10_000 });
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it('waits for a live holder, then fails naming cache-dir, the holder and the fix', async () => {
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid, host: hostname(), token: RUN_TOKEN, since: 'now' }));
    const error = await lockFolder(dir, { waitMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe('cache-dir');
    expect((error as Error).message).toMatch(new RegExp(`held by pid ${process.pid} on ${hostname()}[\\s\\S]*fix: .*own cache-dir`));
  });

  it('a holder keeps its lock fresh while it works (the heartbeat), so it is never judged stale', async () => {
    const held = await lockFolder(dir, { staleMs: 400 });
    await new Promise((resolve) => setTimeout(resolve, 900));
    const error = await lockFolder(dir, { staleMs: 400, waitMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    await held.release();
  });

  it('refuses a lock path that is not a file', async () => {
    await mkdir(join(dir, LOCK_FILE));
    await expect(lockFolder(dir)).rejects.toThrow(/not a lock this action wrote/);
  });
});
