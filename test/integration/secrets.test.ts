// Credentials given to the bundled action (dist/action.mjs on Node 24, the real @actions/core)
// appear nowhere but in `::add-mask::` lines: not in any other log line, the outputs, the job
// summary or manifest.json. Mirror and extra-encoders URLs with user:password and with a token
// as the user name, both proxy inputs (one without a scheme), and every predefined proxy
// build-arg in both cases, with and without a scheme. No runner masks anything here: a line
// that relied on the runner's mask would show the secret and fail the test.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upstreamTree } from '../support/encoder-bytes.js';
import { startMirrorServer, type MirrorServer } from '../support/mirror-server.js';
import { freshRunner, runAction, type ActionRun } from '../support/run-action.js';

const RUN = { timeoutMs: 45_000 };
const EXTRA_BYTES = Buffer.from('aGVsbG8= 0\nd29ybGQ= 1\n');
const EXTRA_SHA = createHash('sha256').update(EXTRA_BYTES).digest('hex');

const PROXY_NAMES = ['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'ALL_PROXY'].flatMap((n) => [n, n.toLowerCase()]);
/** One build-arg per name and spelling: user:password with and without a scheme, a token alone. */
const BUILD_ARGS = PROXY_NAMES.flatMap((name, i) => [
  [`${name}=http://bu${i}:ba-pw-${i}@127.0.0.1:8888`, `ba-pw-${i}`],
  [`${name}=bu${i}:bb-pw-${i}@127.0.0.1:8888`, `bb-pw-${i}`],
  [`${name}=bc-tok-${i}@127.0.0.1:8888`, `bc-tok-${i}`],
]);

let root: string;
let mirror: MirrorServer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'oneapi-secrets-'));
  const files = await upstreamTree();
  files.set('/extras/token_base.tiktoken', EXTRA_BYTES);
  files.set('/extras/pair_base.tiktoken', EXTRA_BYTES);
  mirror = await startMirrorServer({ files });
});
afterAll(async () => {
  await mirror.close();
  await rm(root, { recursive: true, force: true });
});

/** Every line of the run's log that is not a mask registration and holds `secret`. */
function leakingLines(run: ActionRun, secret: string): string[] {
  return `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => line.includes(secret) && !line.startsWith('::add-mask::'));
}

describe('credentials given to the action appear nowhere', () => {
  const host = (): string => mirror.origin.replace('http://', '');
  const secrets = (): Record<string, string> => ({
    'mirror password': 'mirror-pw-1',
    'extra token': 'extra-tok-2',
    'extra password': 'extra-pw-3',
    'http-proxy password': 'proxy-pw-4',
    'https-proxy password (no scheme)': 'proxy-pw-5',
    ...Object.fromEntries(BUILD_ARGS.map(([arg, secret]) => [`build-arg ${arg}`, secret])),
  });

  it('prepare with all of them: logs (debug included), outputs, summary and manifest.json are clean', async () => {
    const runner = await freshRunner(join(root, 'ok'), { RUNNER_DEBUG: '1' });
    const tokenUrl = `http://extra-tok-2@${host()}/extras/token_base.tiktoken`;
    const pairUrl = `http://xu:extra-pw-3@${host()}/extras/pair_base.tiktoken`;
    const cacheDir = join(runner.root, 'cache');
    const run = await runAction(runner, {
      mirror: `http://mirroruser:mirror-pw-1@${host()}`,
      encoders: 'r50k_base',
      'extra-encoders': `token_base ${tokenUrl} ${EXTRA_SHA}\npair_base ${pairUrl} ${EXTRA_SHA}`,
      'http-proxy': 'http://proxyuser:proxy-pw-4@127.0.0.1:8888',
      'https-proxy': 'proxyuser:proxy-pw-5@127.0.0.1:8888',
      'no-proxy': '127.0.0.1,localhost',
      'build-args': BUILD_ARGS.map(([arg]) => arg).join('\n'),
      'cache-dir': cacheDir,
      cache: 'false',
      build: 'false',
    }, RUN);
    expect(run.code, run.stdout).toBe(0);
    // The credentials were used, not dropped: the mirror got them as Basic authorization.
    const auth = mirror.requests.map((r) => String(r.headers['authorization'] ?? ''));
    expect(auth).toContain(`Basic ${Buffer.from('mirroruser:mirror-pw-1').toString('base64')}`);
    expect(auth).toContain(`Basic ${Buffer.from('extra-tok-2:').toString('base64')}`);

    const manifestText = await readFile(join(cacheDir, 'manifest.json'), 'utf8');
    for (const [what, secret] of Object.entries(secrets())) {
      expect(leakingLines(run, secret), what).toEqual([]);
      expect(run.stdout.split('\n'), `${what} is registered for masking`).toContain(`::add-mask::${secret}`);
      expect(JSON.stringify(run.outputs), what).not.toContain(secret);
      expect(run.summary, what).not.toContain(secret);
      expect(manifestText, what).not.toContain(secret);
    }
    // The manifest names the extras by their URL without credentials; the file keeps the name
    // tiktoken derives from the URL the consumer passes (credentials included).
    const manifest = JSON.parse(manifestText) as { files: Array<{ id: string; url: string; cacheFile: string }> };
    const token = manifest.files.find((f) => f.id === 'token_base');
    expect(token?.url).toBe(`http://${host()}/extras/token_base.tiktoken`);
    expect(token?.cacheFile).toBe(createHash('sha1').update(tokenUrl).digest('hex'));
    expect(await readdir(cacheDir)).toContain(token?.cacheFile);
    expect(manifest.files.find((f) => f.id === 'pair_base')?.url).toBe(`http://${host()}/extras/pair_base.tiktoken`);
    expect(run.outputs['manifest']).toContain(`http://${host()}/extras/token_base.tiktoken`);
    expect(run.stdout).toMatch(/::debug::/);
  });

  it.each([
    ['a mirror the parser rejects', { mirror: 'ftp://mu:rejected-pw-6@mirror.example' }, 'rejected-pw-6', 'mirror'],
    ['an extra-encoders line the parser rejects', { 'extra-encoders': 'x http://rejected-tok-7@h.example/x.tiktoken' }, 'rejected-tok-7', 'extra-encoders'],
    ['a proxy the parser rejects', { 'https-proxy': 'socks5://u:rejected-pw-8@h:1080' }, 'rejected-pw-8', 'https-proxy'],
  ])('%s: the error names the input, and the credential is in no line, output or summary', async (_name, inputs, secret, input) => {
    const runner = await freshRunner(join(root, `bad-${input}`));
    const run = await runAction(runner, { encoders: 'r50k_base', build: 'false', cache: 'false', ...inputs }, RUN);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`::error::.*input "${input}"`));
    expect(leakingLines(run, secret)).toEqual([]);
    expect(run.stdout.split('\n')).toContain(`::add-mask::${secret}`);
    expect(JSON.stringify(run.outputs)).not.toContain(secret);
    expect(run.summary).not.toContain(secret);
  });
});
