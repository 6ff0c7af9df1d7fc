// Credentials as the Docker CLI finds them: credHelpers for the host, else credsStore, else
// auths; real helper programs (shell scripts on PATH) speaking the docker-credential protocol.
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CredentialHelperError, resolveCredentials, spawnHelper } from '../../../src/oci/docker-credentials.js';

let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'h8-cred-'));
  const script = (body: string) => `#!/bin/sh\n[ "$1" = get ] || exit 9\nread -r server\n${body}\n`;
  await writeFile(join(dir, 'docker-credential-good'), script('printf \'{"ServerURL":"%s","Username":"helper-user","Secret":"helper-secret-%s"}\' "$server" "$server"'));
  await writeFile(join(dir, 'docker-credential-none'), script('echo "credentials not found in native keychain"; exit 1'));
  await writeFile(join(dir, 'docker-credential-broken'), script('echo "leaked-secret-text" >&2; exit 3'));
  for (const name of ['good', 'none', 'broken']) await chmod(join(dir, `docker-credential-${name}`), 0o755);
  env = { ...process.env, PATH: `${dir}:${process.env.PATH ?? ''}` };
});

const auths = { auths: { '127.0.0.1:5001': { auth: Buffer.from('file-user:file-pass').toString('base64') } } };

describe('resolveCredentials', () => {
  it('asks the credHelpers entry for the host, with the host on stdin', async () => {
    const config = JSON.stringify({ ...auths, credsStore: 'none', credHelpers: { '127.0.0.1:5001': 'good' } });
    expect(await resolveCredentials(config, '127.0.0.1:5001', spawnHelper(env))).toEqual({ username: 'helper-user', password: 'helper-secret-127.0.0.1:5001' });
  });

  it('asks credsStore when no credHelpers entry matches', async () => {
    const config = JSON.stringify({ credsStore: 'good' });
    expect(await resolveCredentials(config, 'registry.example:443', spawnHelper(env))).toMatchObject({ username: 'helper-user' });
  });

  it('falls back to auths when the helper has nothing for the host', async () => {
    const config = JSON.stringify({ ...auths, credsStore: 'none' });
    expect(await resolveCredentials(config, '127.0.0.1:5001', spawnHelper(env))).toEqual({ username: 'file-user', password: 'file-pass' });
  });

  it('names a failing helper without printing what it wrote', async () => {
    const config = JSON.stringify({ credsStore: 'broken' });
    const error = await resolveCredentials(config, '127.0.0.1:5001', spawnHelper(env)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialHelperError);
    expect(String(error)).toContain('docker-credential-broken get exited 3');
    expect(String(error)).not.toContain('leaked-secret-text');
  });

  it('says a missing helper is not on PATH, and refuses a helper name that is a path', async () => {
    await expect(resolveCredentials(JSON.stringify({ credsStore: 'absent' }), 'h:1', spawnHelper(env))).rejects.toThrow(/cannot run docker-credential-absent .*PATH/);
    await expect(resolveCredentials(JSON.stringify({ credsStore: '../../bin/sh' }), 'h:1', spawnHelper(env))).rejects.toThrow(/not a program name/);
  });

  it('is anonymous without a config', async () => {
    expect(await resolveCredentials(undefined, 'h:1')).toBeUndefined();
    expect(await resolveCredentials('not json', 'h:1')).toBeUndefined();
  });
});
