// Azurite, the Azure Storage emulator (npm devDependency `azurite`), as the blob store behind the
// loopback cache service v2: a child process serving the Blob API on 127.0.0.1 with an
// ephemeral port, in memory, with telemetry off (it must never talk to anything but loopback)
// and an account whose key is made fresh for each start, so shared-key and SAS signatures are
// really checked.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Azurite {
  /** Path-style Blob endpoint with the account, e.g. http://127.0.0.1:41234/cacheaccount */
  readonly blobEndpoint: string;
  readonly origin: string;
  readonly account: string;
  readonly accountKey: string;
  close(): Promise<void>;
}

const ACCOUNT = 'cacheaccount';

function azuriteBlobMain(): string {
  const require = createRequire(import.meta.url);
  try {
    return join(dirname(require.resolve('azurite/package.json')), 'dist/src/blob/main.js');
  } catch (error) {
    throw new Error('azurite is not installed: run `npm ci` (it is a devDependency)', { cause: error });
  }
}

export async function startAzurite(): Promise<Azurite> {
  const cwd = await mkdtemp(join(tmpdir(), 'azurite-'));
  const accountKey = randomBytes(64).toString('base64');
  const child: ChildProcess = spawn(
    process.execPath,
    [azuriteBlobMain(), '--blobHost', '127.0.0.1', '--blobPort', '0', '--inMemoryPersistence', '--disableTelemetry', '--silent', '--skipApiVersionCheck'],
    { cwd, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: cwd, AZURITE_ACCOUNTS: `${ACCOUNT}:${accountKey}` }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Azurite did not start within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /successfully listens on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited ${code} before listening:\n${output}`));
    });
  });
  return {
    origin,
    blobEndpoint: `${origin}/${ACCOUNT}`,
    account: ACCOUNT,
    accountKey,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(cwd, { recursive: true, force: true });
    },
  };
}
