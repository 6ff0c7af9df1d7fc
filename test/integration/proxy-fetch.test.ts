// Verification reads pushed images with fetch; with proxy settings that fetch must go through
// the proxy like the downloads do. Real tinyproxy with BasicAuth, a loopback server behind a
// name the proxy resolves.
import { readFile, stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxiedFetch } from '../../src/proxy/proxy-fetch.js';
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

describe('proxiedFetch', () => {
  it('is absent without proxy settings (plain fetch is used)', () => {
    expect(proxiedFetch({})).toBeUndefined();
  });

  it('goes through the proxy with its credentials (tinyproxy logs the tunnel)', async () => {
    const offset = (await stat(TINYPROXY_LOG)).size;
    const fetchVia = proxiedFetch({ http: `http://${PROXY.user}:${PROXY.password}@${PROXY.host}:${PROXY.port}` });
    const response = await fetchVia!(url());
    expect(response.status).toBe(200);
    expect((await response.arrayBuffer()).byteLength).toBe(835_554);
    const logged = (await readFile(TINYPROXY_LOG)).subarray(offset).toString('utf8');
    expect(logged).toContain(`CONNECT mirror.oneapi-offline.test:${mirror.port}`);
  });

  it('is refused by the proxy with wrong credentials (so it really used the proxy)', async () => {
    const before = mirror.requests.length;
    const fetchVia = proxiedFetch({ http: `http://${PROXY.user}:wrong@${PROXY.host}:${PROXY.port}` });
    // undici tunnels through CONNECT; tinyproxy answers a bad login with 401 there.
    const error = await fetchVia!(url()).then(() => undefined, (e: unknown) => e as Error & { cause?: Error & { cause?: Error } });
    expect(String(error?.cause?.cause?.message ?? error?.cause?.message)).toMatch(/Proxy response \((401|407)\)/);
    expect(mirror.requests.length).toBe(before);
  });

  it('honours no-proxy', async () => {
    const fetchVia = proxiedFetch({ http: `http://${PROXY.user}:wrong@${PROXY.host}:${PROXY.port}`, noProxy: 'mirror.oneapi-offline.test' });
    expect((await fetchVia!(url())).status).toBe(200);
  });
});
