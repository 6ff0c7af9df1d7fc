// One writer per folder at a time, across processes on one machine (and, by the heartbeat,
// across machines sharing a disk): a lock file created with O_EXCL that records the holder's
// pid, host and temp-file token. The holder touches it every few seconds. A lock is stale when
// its holder is gone (same host, no such pid) or it has not been touched for `staleMs`; a
// stale lock is taken over, and the temp files its holder left (named with its token) are
// deleted, since they are provably that run's. No native dependency: fs calls only.
import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rm, stat, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { InputError } from '../errors.js';
import { RUN_TOKEN, isTempOf } from './copy-verified.js';
import { writeFailure } from './write-failure.js';

export const LOCK_FILE = '.oneapi-offline.lock' as const;

export interface LockOptions {
  /** How long to wait for another holder before failing (default 10 minutes). */
  readonly waitMs?: number;
  /** Untouched this long, a lock is stale whoever holds it (default 2 minutes). */
  readonly staleMs?: number;
  /** Told once when the folder is busy, and on each takeover of a stale lock. */
  readonly onWait?: (message: string) => void;
}

export interface FolderLock {
  readonly path: string;
  release(): Promise<void>;
}

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
  readonly since: string;
}

function parseHolder(text: string): Holder | undefined {
  try {
    const value = JSON.parse(text) as Partial<Holder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string' && /^[0-9a-f]{16}$/.test(value.token)) {
      return { pid: value.pid, host: value.host, token: value.token, since: String(value.since ?? '') };
    }
  } catch {
    // a lock cut short by a crash between create and write: judged by its age
  }
  return undefined;
}

/** Whether a process with `pid` exists on this host (one owned by another user counts). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describeHolder(holder: Holder | undefined): string {
  return holder ? `pid ${holder.pid} on ${holder.host}, since ${holder.since}` : 'an unreadable holder';
}

async function removeTempsOf(dir: string, token: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (isTempOf(name, token)) await rm(join(dir, name), { force: true });
  }
}

/** Takes the lock on `dir` (which must exist), waiting for another holder; throws InputError naming cache-dir. */
export async function lockFolder(dir: string, options: LockOptions = {}): Promise<FolderLock> {
  const path = join(dir, LOCK_FILE);
  const waitMs = options.waitMs ?? 600_000;
  const staleMs = options.staleMs ?? 120_000;
  const me: Holder = { pid: process.pid, host: hostname(), token: RUN_TOKEN, since: new Date().toISOString() };
  const mine = `${JSON.stringify({ ...me, nonce: randomBytes(6).toString('hex') })}\n`;
  const started = Date.now();
  let told = false;
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(mine);
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw writeFailure(dir, error);
    }
    const before = await stat(path).catch(() => undefined);
    if (before === undefined) continue; // released just now
    if (!before.isFile()) {
      throw new InputError('cache-dir', {
        what: `cache-dir ${dir} holds ${LOCK_FILE}, which is not a lock this action wrote`,
        got: `${path} is not a regular file`,
        expected: 'no such entry, or a lock file of this action',
        fix: `remove ${path}, or point cache-dir at another folder`,
      });
    }
    const holder = parseHolder(await readFile(path, 'utf8').catch(() => ''));
    const gone = holder !== undefined && holder.host === me.host && !processAlive(holder.pid);
    const untouched = Date.now() - before.mtimeMs > staleMs;
    if (gone || untouched) {
      // Take it over only if it is still the lock just judged (another waiter may have already).
      const now = await stat(path).catch(() => undefined);
      if (now !== undefined && now.ino === before.ino && now.mtimeMs === before.mtimeMs) {
        await rm(path, { force: true });
        if (holder) await removeTempsOf(dir, holder.token);
        options.onWait?.(`${dir}: took over a stale lock (${describeHolder(holder)}, ${gone ? 'that process is gone' : `untouched for ${staleMs} ms`})`);
      }
      continue;
    }
    if (Date.now() - started > waitMs) {
      throw new InputError('cache-dir', {
        what: `cache-dir ${dir} is being written by another run`,
        got: `${path} held by ${describeHolder(holder)} for more than ${Math.round(waitMs / 1000)} s`,
        expected: 'one run at a time per cache folder',
        fix: `wait for that run to finish, or give each job its own cache-dir; if no such run exists, delete ${path}`,
      });
    }
    if (!told) options.onWait?.(`${dir}: another run (${describeHolder(holder)}) is writing into it; waiting`);
    told = true;
    await delay(50 + Math.floor(Math.random() * 150));
  }

  const beat = setInterval(() => {
    const t = new Date();
    utimes(path, t, t).catch(() => undefined);
  }, Math.max(50, Math.min(10_000, Math.floor(staleMs / 4))));
  beat.unref();
  return {
    path,
    async release() {
      clearInterval(beat);
      // Remove it only while it is still ours (a holder judged stale may have lost it).
      if ((await readFile(path, 'utf8').catch(() => '')) === mine) await rm(path, { force: true });
    },
  };
}

/** Runs `work` holding the lock on `dir`. */
export async function withFolderLock<T>(dir: string, options: LockOptions, work: () => Promise<T>): Promise<T> {
  const lock = await lockFolder(dir, options);
  try {
    return await work();
  } finally {
    await lock.release();
  }
}
