// Redirects followed by the downloader itself, against loopback mirrors: another port on
// 127.0.0.1 is another origin (no Authorization there), a relative Location is resolved, a
// file:// or ftp:// Location is refused without a request, and each retry starts again from the
// original URL with its credentials.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadFile, type DownloadRequest } from '../../src/download/download-file.js';
import { DownloadError } from '../../src/errors.js';
import { memoryLogger } from '../../src/log/logger.js';
import { PINNED_FILES } from '../../src/pins.js';
import { startMirrorServer, type MirrorServer } from '../support/mirror-server.js';

const R50K = PINNED_FILES.r50k_base;
const AUTH = `Basic ${Buffer.from('reader:s3cret-pw').toString('base64')}`;
const noWait = () => Promise.resolve();

let dir: string;
let a: MirrorServer;
let b: MirrorServer;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'redirect-test-'));
  [a, b] = await Promise.all([startMirrorServer(), startMirrorServer()]);
});
afterEach(async () => {
  await Promise.all([a.close(), b.close()]);
  await rm(dir, { recursive: true, force: true });
});

function request(url: string, overrides: Partial<DownloadRequest> = {}): DownloadRequest {
  return { url, label: 'r50k_base', expectedSize: R50K.size, maxBytes: 4 << 20, idleTimeoutMs: 2_000, totalTimeoutMs: 20_000, attempts: 3, backoffMs: 10, ...overrides };
}
const withCredentials = (server: MirrorServer, path: string) => `http://reader:s3cret-pw@127.0.0.1:${server.port}${path}`;

async function failure(promise: Promise<unknown>): Promise<DownloadError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DownloadError);
  return error as DownloadError;
}

describe('downloadFile follows redirects by its own rules', () => {
  it('to another port of the same host: the file arrives, the Authorization does not go there', async () => {
    a.fault(R50K.path, { kind: 'redirect', location: `${b.origin}${R50K.path}` });
    const got = await downloadFile(request(withCredentials(a, R50K.path)), join(dir, 'f'), { log: memoryLogger() });
    expect(got.sha256).toBe(R50K.sha256);
    expect(a.requests.map((r) => r.headers['authorization'])).toEqual([AUTH]);
    expect(b.requests).toHaveLength(1);
    expect(b.requests[0]?.headers['authorization']).toBeUndefined();
  });

  it('within the same origin: the Authorization goes along', async () => {
    a.fault('/moved/r50k', { kind: 'redirect', location: R50K.path, status: 301 });
    await downloadFile(request(withCredentials(a, '/moved/r50k')), join(dir, 'f'), { log: memoryLogger() });
    expect(a.requests.map((r) => [r.path, r.headers['authorization']])).toEqual([
      ['/moved/r50k', AUTH],
      [R50K.path, AUTH],
    ]);
  });

  it('a relative Location is resolved against the URL that answered', async () => {
    // /encodings/old/r50k_base.tiktoken → ../r50k_base.tiktoken = /encodings/r50k_base.tiktoken
    a.fault('/encodings/old/r50k_base.tiktoken', { kind: 'redirect', location: '../r50k_base.tiktoken', status: 307 });
    const got = await downloadFile(request(`${a.origin}/encodings/old/r50k_base.tiktoken`), join(dir, 'f'), { log: memoryLogger() });
    expect(got.sha256).toBe(R50K.sha256);
    expect(a.requests.map((r) => r.path)).toEqual(['/encodings/old/r50k_base.tiktoken', R50K.path]);
  });

  it.each([
    ['file:///etc/passwd', /redirected to a file: URL/],
    ['ftp://127.0.0.1/r50k_base.tiktoken', /redirected to a ftp: URL/],
  ])('a Location of %s is refused at once, named, with no further request', async (location, message) => {
    // A listener on the port a file:// URL would otherwise fall back to is not needed: the
    // request count on both mirrors and the single attempt show nothing else was asked.
    a.fault(R50K.path, { kind: 'redirect', location });
    const error = await failure(downloadFile(request(withCredentials(a, R50K.path)), join(dir, 'f'), { log: memoryLogger(), sleep: noWait }));
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/after 1 attempt/);
    expect(error.message).toMatch(/fix: .*never followed/);
    expect(error.message).not.toContain('s3cret-pw');
    expect(a.requests).toHaveLength(1);
    expect(await readdir(dir)).toEqual([]);
  });

  it('every retry starts again from the original URL with its credentials', async () => {
    a.fault(R50K.path, { kind: 'redirect', location: `${b.origin}${R50K.path}` });
    b.fault(R50K.path, { kind: 'status', status: 503, times: 2 });
    const got = await downloadFile(request(withCredentials(a, R50K.path)), join(dir, 'f'), { log: memoryLogger(), sleep: noWait });
    expect(got.attempts).toBe(3);
    expect(a.requests.map((r) => r.headers['authorization'])).toEqual([AUTH, AUTH, AUTH]);
    expect(b.requests.map((r) => r.headers['authorization'])).toEqual([undefined, undefined, undefined]);
  });

  it('a redirect loop ends after a few hops with a clear error', async () => {
    a.fault('/loop', { kind: 'redirect', location: '/loop' });
    const error = await failure(downloadFile(request(`${a.origin}/loop`), join(dir, 'f'), { log: memoryLogger(), sleep: noWait }));
    expect(error.message).toMatch(/more than 5 redirects/);
    expect(a.requests.length).toBe(6);
  });
});
