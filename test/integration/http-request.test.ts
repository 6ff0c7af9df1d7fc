// The registry client's HTTP against loopback servers: redirects by the downloads' rules
// (credentials only to their own origin, no file: targets), a body that stalls ends with the
// timeout's reason, and a body dropped half-read leaves the next request working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest } from '../../src/http/http-request.js';
import { startMirrorServer, type MirrorServer } from '../support/mirror-server.js';

let mirror: MirrorServer;
let other: MirrorServer;
beforeAll(async () => {
  mirror = await startMirrorServer();
  other = await startMirrorServer();
});
afterAll(async () => {
  await mirror?.close();
  await other?.close();
});

const PATH = '/encodings/r50k_base.tiktoken';

describe('httpRequest', () => {
  it('follows a redirect on the same origin with the Authorization header', async () => {
    mirror.clearFaults();
    mirror.fault('/moved', { kind: 'redirect', location: PATH });
    const before = mirror.requests.length;
    const response = await httpRequest(`${mirror.origin}/moved`, { headers: { authorization: 'Bearer same-origin' } });
    expect(response.status).toBe(200);
    expect((await response.bytes()).length).toBe(835_554);
    const followed = mirror.requests.slice(before);
    expect(followed.map((r) => r.path)).toEqual(['/moved', PATH]);
    expect(followed[1]?.headers['authorization']).toBe('Bearer same-origin');
  });

  it('drops the Authorization header when a redirect leaves the origin (another port)', async () => {
    mirror.clearFaults();
    mirror.fault('/away', { kind: 'redirect', location: `${other.origin}${PATH}`, status: 307 });
    const before = other.requests.length;
    const response = await httpRequest(`${mirror.origin}/away`, { headers: { Authorization: 'Bearer secret-token' } });
    expect(response.status).toBe(200);
    await response.discard();
    const there = other.requests.slice(before);
    expect(there.map((r) => r.path)).toEqual([PATH]);
    expect(there[0]?.headers['authorization']).toBeUndefined();
  });

  it('turns a POST answered 303 into a GET without the body or its headers', async () => {
    mirror.clearFaults();
    mirror.fault('/post', { kind: 'redirect', location: PATH, status: 303 });
    const before = mirror.requests.length;
    const response = await httpRequest(`${mirror.origin}/post`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '2' }, body: Buffer.from('{}') });
    expect(response.status).toBe(200);
    await response.discard();
    const [posted, got] = mirror.requests.slice(before);
    expect(posted?.method).toBe('POST');
    expect(got?.method).toBe('GET');
    expect(got?.headers['content-type']).toBeUndefined();
    expect(got?.headers['content-length']).toBeUndefined();
  });

  it('refuses a redirect to a file: URL, naming it', async () => {
    mirror.clearFaults();
    mirror.fault('/file', { kind: 'redirect', location: 'file:///etc/passwd' });
    await expect(httpRequest(`${mirror.origin}/file`, {})).rejects.toThrow(/redirected to a file: URL/);
  });

  it('ends a body that stalls with the timeout’s reason (TimeoutError)', async () => {
    mirror.clearFaults();
    mirror.fault(PATH, { kind: 'stall', afterBytes: 64 * 1024 });
    const response = await httpRequest(`${mirror.origin}${PATH}`, { signal: AbortSignal.timeout(300) });
    expect(response.status).toBe(200);
    const error = await response.bytes().then(() => undefined, (e: unknown) => e as Error);
    expect(error?.name).toBe('TimeoutError');
  });

  it('answers the next request after a body was dropped half-read', async () => {
    mirror.clearFaults();
    const first = await httpRequest(`${mirror.origin}${PATH}`, {});
    const iterator = first.body[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    await first.discard();
    const second = await httpRequest(`${mirror.origin}${PATH}`, {});
    expect((await second.bytes()).length).toBe(835_554);
  });

  it('sends a HEAD and hands back its status with nothing left to read', async () => {
    mirror.clearFaults();
    const head = await httpRequest(`${mirror.origin}${PATH}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('835554');
    expect((await head.bytes()).length).toBe(0);
  });
});
