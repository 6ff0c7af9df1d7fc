// The bundled action with attest-key: a wrong password or a public key fails naming the input,
// before any request; the key's lines and the password are masked (::add-mask::) before
// anything else is printed and appear in no other line, output or job summary.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshRunner, runAction, type Runner } from '../support/run-action.js';

const fixture = (name: string) => readFile(new URL(`../../fixtures/attest/${name}`, import.meta.url), 'utf8');
let root: string;
let runner: Runner;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'attest-secrets-'));
  runner = await freshRunner(root);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('attest-key in the action', () => {
  it('a wrong password and a public key are named input errors; neither the key nor the password leaks', async () => {
    const key = await fixture('cosign.key');
    const pub = await fixture('cosign.pub');
    const password = 'action-side wrong pass phrase';
    // A registry nobody listens on: any request would fail differently from the input error.
    const common = { engine: 'registry', 'base-image': '127.0.0.1:9/none/base:1', images: '127.0.0.1:9/none/out', push: 'true', encoders: 'r50k_base', cache: 'false' };
    const wrong = await runAction(runner, { ...common, 'attest-key': key, 'attest-key-password': password });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/::error::input "attest-key-password" does not open attest-key \(wrong password\)/);
    const secrets = [password, ...key.split('\n').map((l) => l.trim()).filter((l) => l.length >= 8 && !l.startsWith('-----'))];
    const lines = wrong.stdout.split('\n');
    for (const secret of secrets) {
      expect(lines).toContain(`::add-mask::${secret}`);
      expect(lines.filter((l) => l.includes(secret) && !l.startsWith('::add-mask::'))).toEqual([]);
      expect(wrong.stderr).not.toContain(secret);
      expect(JSON.stringify(wrong.outputs)).not.toContain(secret);
      expect(wrong.summary).not.toContain(secret);
    }
    expect(wrong.stdout).not.toMatch(/127\.0\.0\.1:9.*(refused|ECONNREFUSED)/);
    const asPub = await runAction(runner, { ...common, 'attest-key': pub, 'attest-key-password': password });
    expect(asPub.stdout).toMatch(/::error::input "attest-key" holds a public key where the private key is needed/);
  }, 120_000);
});
