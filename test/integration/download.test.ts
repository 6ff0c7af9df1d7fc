// downloadFile against the loopback mirror serving the real encoder bytes, through the real
// @actions/http-client, into real temp dirs. Faults come from the server, not from mocks.
import { createHash } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { downloadFile, type DownloadRequest } from '../../src/download/download-file.js';
import { DownloadError } from '../../src/errors.js';
import { memoryLogger } from '../../src/log/logger.js';
import { PINNED_FILES } from '../../src/pins.js';
import { encoderBytes } from '../support/encoder-bytes.js';
import { startMirrorServer, type MirrorServer } from '../support/mirror-server.js';

const CL100K = PINNED_FILES.cl100k_base;
const R50K = PINNED_FILES.r50k_base;
const noWait = () => Promise.resolve();

let mirror: MirrorServer;
let dir: string;

beforeAll(async () => {
  mirror = await startMirrorServer();
});
afterAll(async () => {
  await mirror.close();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'download-test-'));
  mirror.clearFaults();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function request(path: string, overrides: Partial<DownloadRequest> = {}): DownloadRequest {
  return {
    url: `${mirror.origin}${path}`,
    label: 'cl100k_base',
    expectedSize: CL100K.size,
    maxBytes: 16 * 1024 * 1024,
    idleTimeoutMs: 2_000,
    totalTimeoutMs: 20_000,
    attempts: 4,
    backoffMs: 10,
    ...overrides,
  };
}

function requestsFor(path: string): number {
  return mirror.requests.filter((r) => r.path === path).length;
}

async function caught(promise: Promise<unknown>): Promise<DownloadError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DownloadError);
  return error as DownloadError;
}

/** The temp dir holds exactly these names (so no `.partial` and no stray file). */
async function expectFiles(names: string[]): Promise<void> {
  expect((await readdir(dir)).sort()).toEqual([...names].sort());
}

describe('downloadFile against the loopback mirror', () => {
  it('plain 200: writes the file, returns its size and streaming sha256, one request', async () => {
    const dest = join(dir, 'cl100k');
    const before = requestsFor(CL100K.path);
    const got = await downloadFile(request(CL100K.path), dest, { log: memoryLogger() });
    expect(got).toEqual({ path: dest, sha256: CL100K.sha256, size: CL100K.size, attempts: 1 });
    expect((await readFile(dest)).equals(await encoderBytes('cl100k_base'))).toBe(true);
    expect(requestsFor(CL100K.path) - before).toBe(1);
    await expectFiles(['cl100k']);
  });

  it('creates the destination folder when missing', async () => {
    const dest = join(dir, 'a', 'b', 'r50k');
    const got = await downloadFile(request(R50K.path, { label: 'r50k_base', expectedSize: R50K.size }), dest, { log: memoryLogger() });
    expect(got.sha256).toBe(R50K.sha256);
  });

  it('503 then 200: succeeds on the second attempt, after one backoff wait', async () => {
    mirror.fault(CL100K.path, { kind: 'status', status: 503, times: 1 });
    const waits: number[] = [];
    const log = memoryLogger();
    const before = requestsFor(CL100K.path);
    const got = await downloadFile(request(CL100K.path, { backoffMs: 400 }), join(dir, 'f'), {
      log,
      sleep: async (ms) => void waits.push(ms),
      random: () => 0.5,
    });
    expect(got.attempts).toBe(2);
    expect(got.sha256).toBe(CL100K.sha256);
    expect(requestsFor(CL100K.path) - before).toBe(2);
    expect(waits).toEqual([300]);
    expect(log.lines.some((l) => l.includes('attempt 1 of 4') && l.includes('HTTP 503'))).toBe(true);
  });

  it('connection reset mid-file twice: retried, final file complete and correct', async () => {
    mirror.fault(CL100K.path, { kind: 'reset', afterBytes: 300_000, times: 2 });
    const dest = join(dir, 'f');
    const got = await downloadFile(request(CL100K.path), dest, { log: memoryLogger(), sleep: noWait });
    expect(got).toMatchObject({ attempts: 3, sha256: CL100K.sha256, size: CL100K.size });
    expect(createHash('sha256').update(await readFile(dest)).digest('hex')).toBe(CL100K.sha256);
    await expectFiles(['f']);
  });

  it('reset on every attempt: DownloadError after all attempts, cause kept, nothing left', async () => {
    mirror.fault(CL100K.path, { kind: 'reset', afterBytes: 1000, times: 99 });
    const before = requestsFor(CL100K.path);
    const error = await caught(downloadFile(request(CL100K.path, { attempts: 3 }), join(dir, 'f'), { log: memoryLogger(), sleep: noWait }));
    expect(requestsFor(CL100K.path) - before).toBe(3);
    expect(error.message).toContain('failed after 3 attempts (of 3 allowed)');
    expect(error.message).toMatch(/reset|ECONNRESET|bytes/);
    expect(error.cause).toBeInstanceOf(Error);
    await expectFiles([]);
  });

  it.each([404, 403, 401, 407, 400])('%i: DownloadError naming label and URL at once, no retry', async (status) => {
    mirror.fault(CL100K.path, { kind: 'status', status, times: 99 });
    const before = requestsFor(CL100K.path);
    const error = await caught(downloadFile(request(CL100K.path), join(dir, 'f'), { log: memoryLogger(), sleep: noWait }));
    expect(requestsFor(CL100K.path) - before).toBe(1);
    expect(error.message).toContain(`cl100k_base from ${mirror.origin}${CL100K.path}`);
    expect(error.message).toContain(`HTTP ${status}`);
    expect(error.message).toContain('after 1 attempt');
    await expectFiles([]);
  });

  it('404 for a path the mirror lacks: the fix is about the path layout', async () => {
    const error = await caught(downloadFile(request('/openai/encodings/cl100k_base.tiktoken'), join(dir, 'f'), { log: memoryLogger() }));
    expect(error.message).toContain('the mirror does not serve /openai/encodings/cl100k_base.tiktoken');
    expect(error.message).toContain('upstream path layout');
    expect(error.exitCode).toBe(4);
  });

  it('stalled response: idle-timeout DownloadError within the limit, retried, no partial file', async () => {
    mirror.fault(CL100K.path, { kind: 'stall', afterBytes: 100_000 });
    const before = requestsFor(CL100K.path);
    const error = await caught(
      downloadFile(request(CL100K.path, { idleTimeoutMs: 300, attempts: 2 }), join(dir, 'f'), { log: memoryLogger(), sleep: noWait }),
    );
    expect(requestsFor(CL100K.path) - before).toBe(2);
    expect(error.message).toContain('no data for 300 ms after 100000 bytes');
    await expectFiles([]);
  });

  it('stalled response: the whole-file time limit ends it even when the idle timeout would not', async () => {
    mirror.fault(CL100K.path, { kind: 'stall', afterBytes: 1000 });
    const error = await caught(
      downloadFile(request(CL100K.path, { idleTimeoutMs: 10_000, totalTimeoutMs: 400 }), join(dir, 'f'), { log: memoryLogger() }),
    );
    expect(error.message).toContain('not finished within the 400 ms time limit');
    await expectFiles([]);
  });

  it('a stall on the retry after a 503 hits the time limit; the 503 stays in the cause chain', async () => {
    mirror.fault(CL100K.path, { kind: 'status', status: 503, times: 1 });
    const error = await caught(
      downloadFile(request(CL100K.path, { idleTimeoutMs: 10_000, totalTimeoutMs: 500 }), join(dir, 'f'), {
        log: memoryLogger(),
        // The backoff wait turns the mirror into a staller for the second attempt.
        sleep: async () => mirror.fault(CL100K.path, { kind: 'stall', afterBytes: 10 }),
      }),
    );
    expect(error.message).toContain('failed after 2 attempts');
    expect(error.message).toContain('time limit');
    const chain: string[] = [];
    for (let e: unknown = error.cause; e instanceof Error; e = e.cause) chain.push(e.message);
    expect(chain).toEqual(['not finished within the 500 ms time limit', 'HTTP 503']);
    await expectFiles([]);
  });

  it('a non-http URL fails before any request', async () => {
    const error = await caught(downloadFile(request(CL100K.path, { url: 'ftp://127.0.0.1/x' }), join(dir, 'f'), { log: memoryLogger() }));
    expect(error.message).toContain('failed before the first attempt');
  });

  it('the time limit also cuts a backoff wait short', async () => {
    mirror.fault(CL100K.path, { kind: 'status', status: 503, times: 99 });
    // A 20 s backoff inside a 300 ms limit: the test's own time limit would end it if the
    // wait were not cut short.
    const error = await caught(
      downloadFile(request(CL100K.path, { totalTimeoutMs: 300, backoffMs: 20_000 }), join(dir, 'f'), { log: memoryLogger() }),
    );
    expect(error.message).toContain('time limit');
    expect((error.cause as Error).message).toContain('HTTP 503');
  });

  it('body larger than expectedSize: DownloadError, not retried, no file left', async () => {
    const bigger = Buffer.concat([await encoderBytes('cl100k_base'), Buffer.from('extra')]);
    mirror.fault(CL100K.path, { kind: 'bytes', body: bigger });
    const before = requestsFor(CL100K.path);
    const error = await caught(downloadFile(request(CL100K.path), join(dir, 'f'), { log: memoryLogger(), sleep: noWait }));
    expect(requestsFor(CL100K.path) - before).toBe(1);
    expect(error.message).toContain(`over the pinned size of ${CL100K.size} bytes`);
    await expectFiles([]);
  });

  it('unknown size over maxBytes: DownloadError naming the cap', async () => {
    const { expectedSize: _pinned, ...unsized } = request(CL100K.path, { maxBytes: 1_000_000 });
    const error = await caught(downloadFile(unsized, join(dir, 'f'), { log: memoryLogger() }));
    expect(error.message).toContain('over the size cap of 1000000 bytes');
    await expectFiles([]);
  });

  it.each([
    ['a tampered file of the same size', async () => {
      const body = Buffer.from(await encoderBytes('cl100k_base'));
      body[1000] = (body[1000] ?? 0) ^ 1;
      return body;
    }],
    ['an HTML error page served with 200', async () => Buffer.from('<html><body>Access denied</body></html>')],
  ])('wrong bytes (%s): downloaded, and the returned sha256 is not the pin', async (_name, makeBody) => {
    const body = await makeBody();
    mirror.fault(CL100K.path, { kind: 'bytes', body });
    const got = await downloadFile(request(CL100K.path), join(dir, 'f'), { log: memoryLogger() });
    expect(got.sha256).toBe(createHash('sha256').update(body).digest('hex'));
    expect(got.sha256).not.toBe(CL100K.sha256);
    expect(got.size).toBe(body.length);
  });

  it('several downloads run at once, each to its own file', async () => {
    const ids = ['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base', 'gpt2-vocab-bpe', 'gpt2-encoder-json'] as const;
    mirror.fault(PINNED_FILES.p50k_base.path, { kind: 'status', status: 500, times: 1 });
    const results = await Promise.all(
      ids.map((id) =>
        downloadFile(
          request(PINNED_FILES[id].path, { label: id, expectedSize: PINNED_FILES[id].size }),
          join(dir, id),
          { log: memoryLogger(), sleep: noWait },
        ),
      ),
    );
    expect(results.map((r) => r.sha256)).toEqual(ids.map((id) => PINNED_FILES[id].sha256));
    expect(results.map((r) => r.attempts)).toEqual([1, 2, 1, 1, 1, 1]);
    await expectFiles([...ids]);
  });

  it('mirror credentials go in an Authorization header and never into the message', async () => {
    const url = `http://reader:mirr0r-secret@127.0.0.1:${mirror.port}${CL100K.path}`;
    mirror.fault(CL100K.path, { kind: 'status', status: 401, times: 1 });
    const log = memoryLogger();
    const error = await caught(downloadFile(request(CL100K.path, { url }), join(dir, 'f'), { log }));
    expect(mirror.requests.at(-1)?.headers['authorization']).toBe(`Basic ${Buffer.from('reader:mirr0r-secret').toString('base64')}`);
    expect(error.message).toContain('http://***@127.0.0.1');
    for (const text of [error.message, ...log.lines]) expect(text).not.toContain('mirr0r-secret');
  });

  it('nothing listening: connection refused is retried, then reported', async () => {
    const closed = await startMirrorServer({ files: new Map() });
    const origin = closed.origin;
    await closed.close();
    const error = await caught(
      downloadFile(request(CL100K.path, { url: `${origin}${CL100K.path}`, attempts: 2 }), join(dir, 'f'), { log: memoryLogger(), sleep: noWait }),
    );
    expect(error.message).toContain('after 2 attempts');
    expect(error.message).toContain('ECONNREFUSED');
    await expectFiles([]);
  });

  it('a server that accepts but never answers: idle timeout before any header', async () => {
    const sockets = new Set<Socket>();
    let closedByClient = 0;
    const silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => closedByClient++).resume(); // reads (and ignores) the request, never answers
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const error = await caught(
        downloadFile(request(CL100K.path, { url: `http://127.0.0.1:${port}${CL100K.path}`, idleTimeoutMs: 250, attempts: 2 }), join(dir, 'f'), {
          log: memoryLogger(),
          sleep: noWait,
        }),
      );
      expect(error.message).toContain('no data for 250 ms after 0 bytes');
      expect(error.message).toContain('after 2 attempts');
      expect(sockets.size).toBe(2);
      // The client destroyed both stalled sockets itself (the server never closes them).
      await expect.poll(() => closedByClient, { timeout: 10_000 }).toBe(2);
      await expectFiles([]);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('the mirror server itself', () => {
  it('serves under pathPrefix too, and a fault set on the upstream path applies there', async () => {
    const prefixed = await startMirrorServer({ files: new Map([[R50K.path, await encoderBytes('r50k_base')]]), pathPrefix: '/openai/' });
    try {
      prefixed.fault(R50K.path, { kind: 'status', status: 502, times: 1 });
      const got = await downloadFile(
        request(`/openai${R50K.path}`, { url: `${prefixed.origin}/openai${R50K.path}`, label: 'r50k_base', expectedSize: R50K.size }),
        join(dir, 'r50k'),
        { log: memoryLogger(), sleep: noWait },
      );
      expect(got).toMatchObject({ sha256: R50K.sha256, attempts: 2 });
      expect(prefixed.requests.map((r) => r.path)).toEqual([`/openai${R50K.path}`, `/openai${R50K.path}`]);
    } finally {
      await prefixed.close();
    }
  });

  it('a paced body (bytesPerSecond, as the bench models a link) arrives whole', async () => {
    const slow = await startMirrorServer({ files: new Map([[R50K.path, await encoderBytes('r50k_base')]]), bytesPerSecond: 4_000_000 });
    try {
      const got = await downloadFile(request(R50K.path, { url: `${slow.origin}${R50K.path}`, expectedSize: R50K.size }), join(dir, 'r50k'), {
        log: memoryLogger(),
      });
      expect(got.sha256).toBe(R50K.sha256);
      expect(got.size).toBe(R50K.size);
    } finally {
      await slow.close();
    }
  });
});
