// prepare() against the loopback mirror serving the real upstream bytes: layout, the path under
// the mirror, the tool cache on a rerun, and every fault (wrong bytes, 503, reset, 404, stall,
// a tampered tool-cache file). Real downloader, real tool cache, real temp folders.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runnerToolCache } from '../../src/cache/tool-cache.js';
import { DownloadError, DriftError, IntegrityError } from '../../src/errors.js';
import { memoryLogger } from '../../src/log/logger.js';
import { PINNED_FILES, type PinnedFileId } from '../../src/pins.js';
import { prepare } from '../../src/prepare/prepare.js';
import { downloadFile } from '../../src/download/download-file.js';
import { encoderBytes } from '../support/encoder-bytes.js';
import { startMirrorServer } from '../support/mirror-server.js';
import { caught, deps, filesUnder, folderActionsCache, mirror, options, sandboxRoot, servers, sha1Name, sha256, traces, unavailableActionsCache } from './prepare-sandbox.js';

describe('prepare from the mirror', () => {
  it('lays out every file under its sha1 name with the pinned bytes, and a correct manifest', async () => {
    const server = await mirror();
    const actionsCache = unavailableActionsCache();
    const result = await prepare(options({ encoders: 'all', mirror: server.origin }), deps({ actionsCache }));

    const ids = Object.keys(PINNED_FILES) as PinnedFileId[];
    const cacheDir = join(sandboxRoot(), 'cache-dir');
    expect((await readdir(cacheDir)).sort()).toEqual([...ids.map(sha1Name), 'manifest.json'].sort());
    for (const id of ids) {
      const bytes = await readFile(join(cacheDir, sha1Name(id)));
      expect([sha256(bytes), bytes.length]).toEqual([PINNED_FILES[id].sha256, PINNED_FILES[id].size]);
    }
    expect(sha1Name('cl100k_base')).toBe('9b5ad71b2ce5302211f9c61530b329a4922fc6a4');

    const manifest = JSON.parse(await readFile(join(cacheDir, 'manifest.json'), 'utf8'));
    expect(manifest).toEqual(result.manifest);
    expect(manifest.encodings).toEqual(['cl100k_base', 'gpt2', 'o200k_base', 'o200k_harmony', 'p50k_base', 'p50k_edit', 'r50k_base']);
    expect(manifest.files).toHaveLength(ids.length);
    for (const entry of manifest.files) {
      const pin = PINNED_FILES[entry.id as PinnedFileId];
      expect(entry).toEqual({
        id: pin.id,
        encodings: expect.any(Array),
        url: `https://openaipublic.blob.core.windows.net${pin.path}`,
        sha256: pin.sha256,
        size: pin.size,
        cacheFile: sha1Name(pin.id),
      });
    }
    expect(manifest.files.find((f: { id: string }) => f.id === 'p50k_base').encodings).toEqual(['p50k_base', 'p50k_edit']);

    expect(result).toMatchObject({ cacheDir, source: 'download', cacheHit: false, drift: false, manifestPath: join(cacheDir, 'manifest.json') });
    expect(result.files.map((f) => f.source)).toEqual(ids.map(() => 'download'));
    expect(server.requests.map((r) => r.path).sort()).toEqual(ids.map((id) => PINNED_FILES[id].path).sort());
    expect(actionsCache.calls).toEqual([expect.stringMatching(/^restore tiktoken-encoders-v1-/), expect.stringMatching(/^save tiktoken-encoders-v1-/)]);
    expect(await filesUnder(join(sandboxRoot(), 'staging'))).toEqual([]);
  });

  it('keeps the path under the mirror URL', async () => {
    const server = await startMirrorServer({ pathPrefix: '/openai' });
    servers.push(server);
    const result = await prepare(options({ encoders: 'r50k_base', mirror: `${server.origin}/openai/` }), deps());
    expect(server.requests.map((r) => r.path)).toEqual(['/openai/encodings/r50k_base.tiktoken']);
    expect(result.files[0]?.cacheFile).toBe('0ea1e91bbb3a60f729a8dc8f777fd2fc07cd8df4');
  });

  it('runs again with the mirror down from the tool cache, with zero requests', async () => {
    const server = await mirror();
    await prepare(options({ mirror: server.origin }), deps());
    const served = server.requests.length;
    expect(served).toBe(4);
    await server.close();

    // Zero requests: the downloader is never even called (a closed mirror would not count them).
    let downloads = 0;
    const second = deps({ download: async (...args) => (downloads++, downloadFile(...args)) });
    const result = await prepare(options({ mirror: server.origin }, 'fresh-dir'), second);
    expect(downloads).toBe(0);
    expect(result.source).toBe('tool-cache');
    for (const file of result.files) {
      expect(sha256(await readFile(join(sandboxRoot(), 'fresh-dir', file.cacheFile)))).toBe(file.sha256);
    }
    // And over the folder it laid out before: idempotent, nothing rewritten.
    const mtime = (await stat(join(sandboxRoot(), 'cache-dir', sha1Name('cl100k_base')))).mtimeMs;
    await prepare(options({ mirror: server.origin }), deps());
    expect((await stat(join(sandboxRoot(), 'cache-dir', sha1Name('cl100k_base')))).mtimeMs).toBe(mtime);
  });

  it('rejects wrong bytes naming the file, URL, expected and actual hash, and keeps no trace of them', async () => {
    const server = await mirror();
    const bad = Buffer.from('<html><body>Access denied by corporate proxy</body></html>\n'.repeat(20));
    server.fault(PINNED_FILES.cl100k_base.path, { kind: 'bytes', body: bad });
    // An Actions cache that really stores what is saved, under the test root, so traces() would find it.
    const actionsCache = folderActionsCache(join(sandboxRoot(), 'actions-store'));
    const run = deps({ actionsCache });
    const error = await caught(prepare(options({ encoders: 'cl100k_base,r50k_base', mirror: server.origin }), run), IntegrityError);
    expect(error).not.toBeInstanceOf(DriftError);
    expect(error.message).toContain('cl100k_base');
    expect(error.message).toContain(`${server.origin}/encodings/cl100k_base.tiktoken`);
    expect(error.message).toContain(`expected: sha256 ${PINNED_FILES.cl100k_base.sha256}`);
    expect(error.message).toContain(`got:      sha256 ${sha256(bad)}, ${bad.length} bytes`);
    expect(await traces(bad)).toEqual([]);
    expect(await filesUnder(join(sandboxRoot(), 'staging'))).toEqual([]);
    expect(await filesUnder(join(sandboxRoot(), 'cache-dir'))).toEqual([]);
    expect(await filesUnder(join(sandboxRoot(), 'tool-cache'))).toEqual([]);
    expect(actionsCache.calls.filter((call) => call.startsWith('save'))).toEqual([]);
  });

  it.each([
    ['503 then 200', { kind: 'status', status: 503, times: 1 } as const, 2],
    ['a reset mid-file', { kind: 'reset', afterBytes: 300_000, times: 2 } as const, 3],
  ])('succeeds after %s', async (_name, fault, requests) => {
    const server = await mirror();
    server.fault(PINNED_FILES.r50k_base.path, fault);
    const result = await prepare(options({ encoders: 'r50k_base', mirror: server.origin }), deps());
    expect(server.requests.filter((r) => r.path === PINNED_FILES.r50k_base.path)).toHaveLength(requests);
    expect(sha256(await readFile(join(sandboxRoot(), 'cache-dir', sha1Name('r50k_base'))))).toBe(PINNED_FILES.r50k_base.sha256);
    expect(result.files[0]?.source).toBe('download');
  });

  it('fails on 404 with a clear error naming the URL, and writes nothing', async () => {
    const server = await mirror();
    server.fault(PINNED_FILES.o200k_base.path, { kind: 'status', status: 404, times: 99 });
    const error = await caught(prepare(options({ encoders: 'o200k_harmony', mirror: server.origin }), deps()), DownloadError);
    expect(error.message).toContain(`${server.origin}/encodings/o200k_base.tiktoken`);
    expect(error.message).toContain('404');
    expect(await filesUnder(join(sandboxRoot(), 'cache-dir'))).toEqual([]);
  });

  it('fails on a stalled response with a timeout error', async () => {
    const server = await mirror();
    server.fault(PINNED_FILES.r50k_base.path, { kind: 'stall', afterBytes: 1000 });
    const opts = options({ encoders: 'r50k_base', mirror: server.origin });
    const error = await caught(prepare({ ...opts, limits: { ...opts.limits, idleTimeoutMs: 300, attempts: 2 } }, deps()), DownloadError);
    expect(error.message).toMatch(/no data for 300 ms/);
    expect(await filesUnder(join(sandboxRoot(), 'staging'))).toEqual([]);
  });

  it('detects a tampered tool-cache file, evicts it and replaces it with verified bytes', async () => {
    const server = await mirror();
    const first = await prepare(options({ encoders: 'r50k_base,cl100k_base', mirror: server.origin }), deps());
    expect(first.source).toBe('download');
    const cached = runnerToolCache(memoryLogger(), process.env).find('cl100k_base', PINNED_FILES.cl100k_base.sha256);
    expect(cached).toBeDefined();
    const tampered = Buffer.from('tampered\n');
    await writeFile(cached!, tampered);

    const run = deps();
    const result = await prepare(options({ encoders: 'r50k_base,cl100k_base', mirror: server.origin }, 'second'), run);
    expect(result.source).toBe('mixed');
    expect(Object.fromEntries(result.files.map((f) => [f.id, f.source]))).toEqual({ r50k_base: 'tool-cache', cl100k_base: 'download' });
    expect(run.log.lines.some((l) => l.startsWith('warning: tool cache: the entry for cl100k_base') && l.includes('damaged'))).toBe(true);
    const again = runnerToolCache(memoryLogger(), process.env).find('cl100k_base', PINNED_FILES.cl100k_base.sha256);
    expect(sha256(await readFile(again!))).toBe(PINNED_FILES.cl100k_base.sha256);
    expect(await traces(tampered)).toEqual([]);
  });

  it('fetches extra-encoders from their own URL, pinned by hash, cached under sha1(url)', async () => {
    const server = await startMirrorServer({ pathPrefix: '/m' });
    servers.push(server);
    const url = `${server.origin}/gpt-2/encodings/main/vocab.bpe`;
    const extra = `my_vocab ${url} ${PINNED_FILES['gpt2-vocab-bpe'].sha256}`;
    const result = await prepare(options({ encoders: 'r50k_base', 'extra-encoders': extra, mirror: `${server.origin}/m` }), deps());
    expect(server.requests.map((r) => r.path).sort()).toEqual(['/gpt-2/encodings/main/vocab.bpe', '/m/encodings/r50k_base.tiktoken']);
    const name = createHash('sha1').update(url).digest('hex');
    expect(result.files.map((f) => [f.id, f.cacheFile])).toEqual([
      ['r50k_base', sha1Name('r50k_base')],
      ['my_vocab', name],
    ]);
    expect(result.manifest.files.find((f) => f.id === 'my_vocab')?.size).toBe(PINNED_FILES['gpt2-vocab-bpe'].size);
    expect(await readFile(join(sandboxRoot(), 'cache-dir', name))).toEqual(await encoderBytes('gpt2-vocab-bpe'));
  });

  it('with cache: false reads and writes no cache, even when the tool cache holds the files', async () => {
    const server = await mirror();
    await prepare(options({ encoders: 'r50k_base', mirror: server.origin }, 'first'), deps());
    const cached = await filesUnder(join(sandboxRoot(), 'tool-cache'));
    expect(cached.length).toBeGreaterThan(0);
    const before = server.requests.length;
    const actionsCache = unavailableActionsCache();
    const result = await prepare(options({ encoders: 'r50k_base', mirror: server.origin, cache: 'false' }, 'second'), deps({ actionsCache }));
    expect(result.files.map((f) => f.source)).toEqual(['download']);
    expect(server.requests.length - before).toBe(1);
    expect(await filesUnder(join(sandboxRoot(), 'tool-cache'))).toEqual(cached);
    expect(actionsCache.calls).toEqual([]);
  });

  it('downloads every missing file at once (the mirror holds each answer until all are asked)', async () => {
    const server = await mirror();
    const files = Object.keys(PINNED_FILES).length;
    const gate = server.holdUntil(files, 15_000);
    const result = await prepare(options({ encoders: 'all', mirror: server.origin }), deps());
    expect(await gate).toBe(true);
    expect(result.files).toHaveLength(files);
  });
});
