// The registry client's HTTP goes through the proxy the settings name, as the downloads do:
// real tinyproxy with BasicAuth, a loopback server behind a name the proxy resolves.
import { readFile, stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest } from '../../src/http/http-request.js';
import { PROXY, requireProxy } from '../support/docker.js';
import { startMirrorServer, type MirrorServer } from '../support/mirror-server.js';

let mirror: MirrorServer;
beforeAll(async () => {
  await requireProxy();
  mirror = await startMirrorServer({ hostName: 'mirror.oneapi-offline.test' });
});
afterAll(async () => {
  await mirror?.close();
});

const TINYPROXY_LOG = '/var/lib/oneapi-offline-e2e/tinyproxy.log';
const url = (): string => `${mirror.origin}/encodings/r50k_base.tiktoken`;
const proxyUrl = (password: string): string => `http://${PROXY.user}:${password}@${PROXY.host}:${PROXY.port}`;
const logSince = async (offset: number): Promise<string> => (await readFile(TINYPROXY_LOG)).subarray(offset).toString('utf8');

describe('httpRequest through a proxy', () => {
  it('tunnels through the proxy with its credentials (tinyproxy logs the CONNECT)', async () => {
    const offset = (await stat(TINYPROXY_LOG)).size;
    const response = await httpRequest(url(), {}, { http: proxyUrl(PROXY.password) });
    expect(response.status).toBe(200);
    expect((await response.bytes()).length).toBe(835_554);
    expect(await logSince(offset)).toContain(`CONNECT mirror.oneapi-offline.test:${mirror.port}`);
  });

  it('is refused by the proxy with wrong credentials, and the server never sees the request', async () => {
    const before = mirror.requests.length;
    const error = await httpRequest(url(), {}, { http: proxyUrl('wrong') }).then(() => undefined, (e: unknown) => e as Error);
    expect(error?.message).toMatch(/Proxy response \((401|407)\) to CONNECT mirror\.oneapi-offline\.test:\d+ through http:\/\//);
    expect(error?.message).not.toContain('wrong');
    expect(mirror.requests.length).toBe(before);
  });

  it('honours no-proxy (the wrong password is never tried)', async () => {
    const response = await httpRequest(url(), {}, { http: proxyUrl('wrong'), noProxy: 'example.org, oneapi-offline.test' });
    expect(response.status).toBe(200);
    await response.discard();
  });

  it('uses the https proxy only for https URLs: an http URL goes direct', async () => {
    const offset = (await stat(TINYPROXY_LOG)).size;
    const response = await httpRequest(url(), {}, { https: proxyUrl('wrong') });
    expect(response.status).toBe(200);
    await response.discard();
    expect(await logSince(offset)).not.toContain('CONNECT mirror.oneapi-offline.test');
  });

  it('sends loopback addresses direct, as the downloads do', async () => {
    const offset = (await stat(TINYPROXY_LOG)).size;
    const response = await httpRequest(`http://127.0.0.1:${mirror.port}/encodings/r50k_base.tiktoken`, { method: 'HEAD' }, { http: proxyUrl('wrong') });
    expect(response.status).toBe(200);
    expect(await logSince(offset)).not.toContain(`CONNECT 127.0.0.1:${mirror.port}`);
  });
});
