// Downloads through the real tinyproxy on 127.0.0.1:8888 (BasicAuth), started by
// scripts/provision-engine.sh. The mirror is reached as mirror.oneapi-offline.test (mapped to
// 127.0.0.1 in /etc/hosts by that script) because @actions/http-client never proxies loopback
// names. The environment is set the way the entry sets it: resolveProxySettings → proxyEnvironment.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { downloadFile, type DownloadRequest } from '../../src/download/download-file.js';
import { DownloadError } from '../../src/errors.js';
import { memoryLogger } from '../../src/log/logger.js';
import { PINNED_FILES } from '../../src/pins.js';
import { proxyEnvironment, proxySecrets, resolveProxySettings } from '../../src/proxy/settings.js';
import { PROXY, requireProxy } from '../support/docker.js';
import { startMirrorServer, type MirrorServer } from '../support/mirror-server.js';

const PROVISION = 'run `sudo bash scripts/provision-engine.sh`';
const HOST = 'mirror.oneapi-offline.test';
const TINYPROXY_LOG = '/var/lib/oneapi-offline-e2e/tinyproxy.log';
const PASSWORD = PROXY.password;
const GOOD = `http://${PROXY.user}:${PASSWORD}@${PROXY.host}:${PROXY.port}`;
const BAD = `http://${PROXY.user}:not-the-pass-9@${PROXY.host}:${PROXY.port}`;
const CL100K = PINNED_FILES.cl100k_base;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);
const PROXY_VARS = ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'no_proxy', 'NO_PROXY'] as const;

let mirror: MirrorServer;
let dir: string;
let saved: Record<string, string | undefined>;

/** Sets the proxy variables exactly as the entry does, from the action's inputs. */
function useProxy(inputs: { httpProxy?: string; httpsProxy?: string; noProxy?: string }): void {
  for (const name of PROXY_VARS) delete process.env[name];
  const settings = resolveProxySettings({ httpProxy: inputs.httpProxy ?? '', httpsProxy: inputs.httpsProxy ?? '', noProxy: inputs.noProxy ?? '' }, {});
  Object.assign(process.env, proxyEnvironment(settings));
}

async function logSize(): Promise<number> {
  try {
    return (await stat(TINYPROXY_LOG)).size;
  } catch (error) {
    throw new Error(`cannot read ${TINYPROXY_LOG} (${String(error)}); ${PROVISION}`, { cause: error });
  }
}

/** Lines tinyproxy logged since `offset` that name our mirror's host:port (others share the proxy). */
async function proxyLogSince(offset: number, port = mirror.port): Promise<string[]> {
  const text = (await readFile(TINYPROXY_LOG)).subarray(offset).toString('utf8');
  return text.split('\n').filter((line) => line.includes(`${HOST}:${port}`));
}

function request(overrides: Partial<DownloadRequest> = {}): DownloadRequest {
  return {
    url: `${mirror.origin}${CL100K.path}`,
    label: 'cl100k_base',
    expectedSize: CL100K.size,
    maxBytes: 16 * 1024 * 1024,
    idleTimeoutMs: 5_000,
    totalTimeoutMs: 30_000,
    attempts: 3,
    backoffMs: 10,
    ...overrides,
  };
}

beforeAll(async () => {
  await requireProxy();
  const resolved = await lookup(HOST).catch((error: unknown) => {
    throw new Error(`${HOST} does not resolve (${String(error)}); ${PROVISION} (it adds the /etc/hosts entry)`, { cause: error });
  });
  if (resolved.address !== '127.0.0.1') throw new Error(`${HOST} resolves to ${resolved.address}, not 127.0.0.1; ${PROVISION}`);
  await logSize();
  mirror = await startMirrorServer({ hostName: HOST });
  saved = Object.fromEntries(PROXY_VARS.map((name) => [name, process.env[name]]));
});

afterAll(async () => {
  await mirror?.close();
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'proxy-test-'));
  mirror.clearFaults();
});

afterEach(async () => {
  for (const name of PROXY_VARS) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await rm(dir, { recursive: true, force: true });
});

describe('downloads through tinyproxy with BasicAuth', () => {
  it('the mirror origin uses the proxy-able name', () => {
    expect(mirror.origin).toBe(`http://${HOST}:${mirror.port}`);
  });

  it('fetches the real file through the proxy (tinyproxy logs the tunnel), password in no log line', async () => {
    useProxy({ httpProxy: GOOD });
    const offset = await logSize();
    const before = mirror.requests.length;
    mirror.fault(CL100K.path, { kind: 'status', status: 503, times: 1 }); // one retry, so a log line is written
    const log = memoryLogger();
    const got = await downloadFile(request(), join(dir, 'f'), { log });
    expect(got).toMatchObject({ sha256: CL100K.sha256, size: CL100K.size, attempts: 2 });
    expect(mirror.requests.length - before).toBe(2);
    const lines = await proxyLogSince(offset);
    // tinyproxy logs the CONNECT request and its own connection to the mirror, per attempt.
    expect(lines.filter((line) => line.includes(`CONNECT ${HOST}:${mirror.port}`))).toHaveLength(2);
    expect(lines.some((line) => line.includes(`opensock: opening connection to ${HOST}:${mirror.port}`))).toBe(true);
    expect(log.lines.length).toBeGreaterThan(0);
    for (const line of log.lines) expect(line).not.toContain(PASSWORD);
  });

  // tinyproxy 1.11.1 (Debian) answers 401 to a CONNECT with bad credentials, later ones 407.
  it('a wrong proxy password: 407/401 DownloadError at once, naming http-proxy, no password in it, mirror untouched', async () => {
    useProxy({ httpProxy: BAD });
    const before = mirror.requests.length;
    const log = memoryLogger();
    const error = await downloadFile(request(), join(dir, 'f'), { log }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DownloadError);
    const message = (error as DownloadError).message;
    expect(message).toMatch(/the proxy answered HTTP 40[17] to CONNECT/);
    expect(message).toContain('after 1 attempt');
    expect(message).toContain('the proxy rejected the credentials; check the user and password in http-proxy');
    expect(mirror.requests.length - before).toBe(0);
    const causes: string[] = [];
    for (let e: unknown = error; e instanceof Error; e = e.cause) causes.push(e.message, e.stack ?? '');
    for (const text of [...causes, ...log.lines]) {
      expect(text).not.toContain('not-the-pass-9');
      expect(text).not.toContain(PASSWORD);
    }
  });

  it('errors through the proxy (404 from the mirror) carry no proxy password', async () => {
    useProxy({ httpProxy: GOOD });
    mirror.fault(CL100K.path, { kind: 'status', status: 404, times: 1 });
    const log = memoryLogger();
    const error = await downloadFile(request(), join(dir, 'f'), { log }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DownloadError);
    const message = (error as DownloadError).message;
    expect(message).toContain(`${mirror.origin}${CL100K.path}`);
    expect(message).toContain('HTTP 404');
    for (const text of [message, ...log.lines]) expect(text).not.toContain(PASSWORD);
  });

  it('no-proxy lists the mirror: the request goes direct, tinyproxy sees nothing for it', async () => {
    useProxy({ httpProxy: BAD, noProxy: `localhost,${HOST}` });
    const offset = await logSize();
    const got = await downloadFile(request(), join(dir, 'f'), { log: memoryLogger() });
    expect(got.sha256).toBe(CL100K.sha256);
    expect(await proxyLogSince(offset)).toEqual([]);
  });

  it('the secrets the entry masks are exactly the password forms', () => {
    const settings = resolveProxySettings({ httpProxy: GOOD, httpsProxy: '', noProxy: '' }, {});
    expect(proxySecrets(settings).sort()).toEqual([PASSWORD, `${PROXY.user}:${PASSWORD}`].sort());
  });
});

/** A throwaway self-signed certificate for HOST (openssl is in every Debian base image). */
async function selfSignedCert(folder: string): Promise<{ key: Buffer; cert: Buffer; certPath: string }> {
  const keyPath = join(folder, 'key.pem');
  const certPath = join(folder, 'cert.pem');
  await run('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
    '-subj', `/CN=${HOST}`, '-addext', `subjectAltName=DNS:${HOST}`, '-keyout', keyPath, '-out', certPath,
  ]).catch((error: unknown) => {
    throw new Error(`openssl could not make a test certificate (${String(error)}); install openssl`, { cause: error });
  });
  return { key: await readFile(keyPath), cert: await readFile(certPath), certPath };
}

describe('https downloads through tinyproxy when https-proxy is set', () => {
  let tlsMirror: MirrorServer;
  let certDir: string;
  let certPath: string;

  beforeAll(async () => {
    certDir = await mkdtemp(join(tmpdir(), 'proxy-tls-'));
    const made = await selfSignedCert(certDir);
    certPath = made.certPath;
    tlsMirror = await startMirrorServer({ hostName: HOST, tls: { key: made.key, cert: made.cert } });
  });
  afterAll(async () => {
    await tlsMirror?.close();
    await rm(certDir, { recursive: true, force: true });
  });

  it('an untrusted certificate: DownloadError at once, pointing at NODE_EXTRA_CA_CERTS; the tunnel went through the proxy', async () => {
    useProxy({ httpsProxy: GOOD });
    const offset = await logSize();
    const before = tlsMirror.requests.length;
    const log = memoryLogger();
    const error = await downloadFile(request({ url: `${tlsMirror.origin}${CL100K.path}` }), join(dir, 'f'), { log }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DownloadError);
    const message = (error as DownloadError).message;
    expect(message).toContain('after 1 attempt');
    expect(message).toContain('NODE_EXTRA_CA_CERTS');
    expect(tlsMirror.requests.length - before).toBe(0);
    expect((await proxyLogSince(offset, tlsMirror.port)).some((line) => line.includes(`CONNECT ${HOST}:${tlsMirror.port}`))).toBe(true);
    for (const text of [message, ...log.lines]) expect(text).not.toContain(PASSWORD);
  });

  it('trusted (NODE_EXTRA_CA_CERTS, read at start, so in a fresh node): the real file arrives through the proxy', async () => {
    // The child does what the entry does: inputs → settings → process.env, then downloads.
    const script = `
      import { downloadFile } from ${JSON.stringify(join(ROOT, 'src/download/download-file.ts'))};
      import { memoryLogger } from ${JSON.stringify(join(ROOT, 'src/log/logger.ts'))};
      import { proxyEnvironment, resolveProxySettings } from ${JSON.stringify(join(ROOT, 'src/proxy/settings.ts'))};
      const settings = resolveProxySettings({ httpProxy: '', httpsProxy: process.env.INPUT_HTTPS_PROXY ?? '', noProxy: '' }, process.env);
      Object.assign(process.env, proxyEnvironment(settings));
      const log = memoryLogger();
      try {
        const got = await downloadFile(JSON.parse(process.env.TEST_REQUEST ?? ''), process.env.TEST_DEST ?? '', { log });
        console.log(JSON.stringify({ got, lines: log.lines }));
      } catch (error) {
        console.log(JSON.stringify({ error: String(error && error.message), lines: log.lines }));
      }`;
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_EXTRA_CA_CERTS: certPath, INPUT_HTTPS_PROXY: GOOD };
    for (const name of PROXY_VARS) delete env[name];
    env['TEST_REQUEST'] = JSON.stringify(request({ url: `${tlsMirror.origin}${CL100K.path}` }));
    env['TEST_DEST'] = join(dir, 'cl100k');
    const offset = await logSize();
    const before = tlsMirror.requests.length;
    const child = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env });
    const result = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as { got?: { sha256: string; size: number }; error?: string; lines: string[] };
    expect(result.error).toBeUndefined();
    expect(result.got).toMatchObject({ sha256: CL100K.sha256, size: CL100K.size, attempts: 1 });
    expect(tlsMirror.requests.length - before).toBe(1);
    expect(createHash('sha256').update(await readFile(join(dir, 'cl100k'))).digest('hex')).toBe(CL100K.sha256);
    expect((await proxyLogSince(offset, tlsMirror.port)).some((line) => line.includes(`CONNECT ${HOST}:${tlsMirror.port}`))).toBe(true);
    expect(child.stdout + child.stderr).not.toContain(PASSWORD);
  });
});
