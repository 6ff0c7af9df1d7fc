// A second Distribution registry (/usr/bin/docker-registry, which scripts/provision-engine.sh
// installs) on a free loopback port with `auth: htpasswd` (bcrypt), storage in a temp folder.
// Started and stopped by the suite that needs it; nothing outside its folder is touched.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';

const BINARY = '/usr/bin/docker-registry';

export interface AuthRegistry {
  /** `127.0.0.1:<port>`. */
  readonly host: string;
  readonly username: string;
  readonly password: string;
  readonly log: () => string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startAuthRegistry(username: string, password: string): Promise<AuthRegistry> {
  if (!existsSync(BINARY)) throw new Error(`${BINARY} is missing; run \`sudo bash scripts/provision-engine.sh\` (it installs Debian's docker-registry)`);
  const dir = await mkdtemp(join(tmpdir(), 'oneapi-auth-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  await writeFile(join(dir, 'htpasswd'), `${username}:${bcrypt.hashSync(password, 10)}\n`);
  await writeFile(
    join(dir, 'config.yml'),
    ['version: 0.1', 'log:', '  level: info', 'storage:', '  filesystem:', `    rootdirectory: ${join(dir, 'data')}`, 'http:', `  addr: ${host}`, 'auth:', '  htpasswd:', '    realm: oneapi-offline-test', `    path: ${join(dir, 'htpasswd')}`, ''].join('\n'),
  );
  const out: Buffer[] = [];
  const child: ChildProcess = spawn(BINARY, ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (c: Buffer) => out.push(c));
  child.stderr?.on('data', (c: Buffer) => out.push(c));
  const log = () => Buffer.concat(out).toString('utf8');
  const deadline = Date.now() + 20_000;
  for (;;) {
    const status = await fetch(`http://${host}/v2/`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status, () => 0);
    if (status === 401) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      throw new Error(`the htpasswd registry on ${host} did not start (GET /v2/ → ${status}):\n${log().slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    host,
    username,
    password,
    log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
