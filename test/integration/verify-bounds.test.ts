// A hostile registry and hostile archives against the verifier's hard limits: each case must
// end, with an error naming what was read, in under 5 s and under 300 MB of memory (measured
// as the peak RSS of a child process running the verifier). The time limits per blob are set
// to 2 s for the run (the defaults scale with the layer's size).
import { execFile } from 'node:child_process';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blob, descriptor, image, index, layer, tar, writeLayoutTar, type Blob } from '../unit/image/build-tar.js';

const run = promisify(execFile);
const amd64 = { os: 'linux', architecture: 'amd64' };

interface ChildResult {
  ok?: boolean;
  error?: string;
  problems?: string[];
  ms: number;
  maxRssMb: number;
}

async function verifyInChild(target: object): Promise<ChildResult> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/support/verify-child.ts', JSON.stringify(target), '2000'], { timeout: 30_000 });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ChildResult;
}

function expectBounded(result: ChildResult): void {
  expect(result.ms).toBeLessThan(5000);
  expect(result.maxRssMb).toBeLessThan(300);
}

/** Writes `total` bytes of `fill` in 1 MiB chunks, respecting backpressure. */
function stream(res: ServerResponse, total: number, fill = 0x20): void {
  const chunk = Buffer.alloc(1 << 20, fill);
  let sent = 0;
  const pump = (): void => {
    while (sent < total) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  res.on('close', () => {
    sent = total;
  });
  pump();
}

let server: Server;
let port = 0;
let dir: string;
const normal = image(amd64, [], [layer([{ type: 'file', name: 'tiktoken_cache/a', data: 'a' }])]);
// A manifest whose only layer (plain tar) is declared as 1000 bytes; the server sends a valid
// tar header for an 8 GiB file and then data, forever.
const bigHeader = tar([{ type: 'raw', flag: '0', name: 'tiktoken_cache/big', size: 8 * 1024 ** 3 }]).subarray(0, 512);
const pastSize = blob('application/vnd.oci.image.layer.v1.tar', Buffer.concat([bigHeader, Buffer.alloc(488, 1)]));
const pastManifest = blob('application/vnd.oci.image.manifest.v1+json', JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: descriptor(normal.blobs[0] as Blob), layers: [descriptor(pastSize)] }));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'verify-bounds-'));
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const [, repo, kind, ref] = /^\/v2\/(\w+)\/(manifests|blobs)\/(.+)$/.exec(path) ?? [];
    if (repo === 'huge' && kind === 'manifests') {
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
      return stream(res, 1 << 30);
    }
    if (repo === 'declared' && kind === 'manifests') {
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'content-length': String(1 << 30) });
      return stream(res, 1 << 30);
    }
    if (repo === 'endless' && kind === 'manifests') {
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
      const timer = setInterval(() => res.write(' '), 100);
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (repo === 'past' || repo === 'slow') {
      if (kind === 'manifests') return void res.writeHead(200, { 'content-type': pastManifest.mediaType }).end(pastManifest.bytes);
      if (ref === normal.blobs[0]?.digest) return void res.writeHead(200).end(normal.blobs[0]?.bytes);
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.write(bigHeader);
      if (repo === 'past') return stream(res, 8 * 1024 ** 3, 1);
      const timer = setInterval(() => res.write(Buffer.alloc(1, 1)), 100);
      res.on('close', () => clearInterval(timer));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

describe('verify against a hostile registry', () => {
  it('stops reading a 1 GiB manifest at the document limit, naming it', async () => {
    const r = await verifyInChild({ kind: 'registry', reference: `127.0.0.1:${port}/huge:v1` });
    expect(r.error).toMatch(/manifest v1 of 127\.0\.0\.1:\d+\/huge is larger than 4194304 bytes/);
    expectBounded(r);
  });

  it('refuses a manifest declared as 1 GiB before reading it', async () => {
    const r = await verifyInChild({ kind: 'registry', reference: `127.0.0.1:${port}/declared:v1` });
    expect(r.error).toMatch(/1073741824 bytes, over the 4194304-byte limit/);
    expectBounded(r);
  });

  it('gives up on a manifest that never ends, within its time limit', async () => {
    const r = await verifyInChild({ kind: 'registry', reference: `127.0.0.1:${port}/endless:v1` });
    expect(r.error).toMatch(/endless[\s\S]*took longer than 2000 ms/);
    expectBounded(r);
  });

  it('never reads a layer past its descriptor size', async () => {
    const r = await verifyInChild({ kind: 'registry', reference: `127.0.0.1:${port}/past:v1` });
    expect(r.ok).toBe(false);
    expect(r.problems?.join()).toMatch(new RegExp(`layer 1/1 ${pastSize.digest}.*goes on past its descriptor's 1000 B`));
    expectBounded(r);
  });

  it('stops a layer that trickles forever at its time limit, naming it', async () => {
    const r = await verifyInChild({ kind: 'registry', reference: `127.0.0.1:${port}/slow:v1` });
    expect(r.ok).toBe(false);
    expect(r.problems?.join()).toMatch(new RegExp(`layer 1/1 ${pastSize.digest}`));
    expectBounded(r);
  });
});

describe('verify against hostile archives', () => {
  it('refuses an index.json declared as 1 GiB', async () => {
    // A tar whose index.json header claims 1 GiB and whose data is not there.
    const file = join(dir, 'huge-index.tar');
    const raw = tar([{ type: 'file', name: 'oci-layout', data: '{}' }, { type: 'raw', flag: '0', name: 'index.json', size: 1 << 30 }]);
    await writeFile(file, raw.subarray(0, raw.length - 1024));
    const r = await verifyInChild({ kind: 'oci-archive', path: file });
    expect(r.error).toMatch(/index\.json .* over the 4194304-byte limit/);
    expectBounded(r);
  });

  it('stops a gzip bomb layer (a few MB that inflate to 8 GiB) at its time limit', async () => {
    const bombTar = Buffer.concat([tar([{ type: 'raw', flag: '0', name: 'tiktoken_cache/bomb', size: 8 * 1024 ** 3 }]).subarray(0, 512)]);
    const zeros = gzipSync(Buffer.alloc(64 << 20), { level: 9 });
    // Many gzip members of zeros concatenated: gunzip reads them as one stream.
    const members = Buffer.concat([gzipSync(bombTar), ...Array.from({ length: 128 }, () => zeros)]);
    const bomb = blob('application/vnd.oci.image.layer.v1.tar+gzip', members);
    const img = image(amd64, [], [bomb]);
    const idx = index([img.manifest], false);
    const file = await writeLayoutTar(join(dir, 'bomb.tar'), idx.index, [...img.blobs, ...idx.blobs]);
    const r = await verifyInChild({ kind: 'oci-archive', path: file });
    expect(r.ok).toBe(false);
    expect(r.problems?.join()).toMatch(new RegExp(`layer 1/1 ${bomb.digest} .*took longer than its time limit`));
    expectBounded(r);
  });
});
