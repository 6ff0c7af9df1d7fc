// prepare() end to end on real parts: the loopback mirror serving the real upstream bytes, the
// real downloader (@actions/http-client), the real runner tool cache (@actions/tool-cache over a
// temp RUNNER_TOOL_CACHE), real temp folders. The Actions cache is a port over a local folder
// (or "unavailable"); its round trip through @actions/cache is actions-cache.test.ts's job.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionsCachePort } from '../../src/cache/actions-cache.js';
import { runnerToolCache } from '../../src/cache/tool-cache.js';
import { downloadFile } from '../../src/download/download-file.js';
import { DownloadError, DriftError, InputError, IntegrityError } from '../../src/errors.js';
import { rawInputsFrom, type InputName } from '../../src/inputs/names.js';
import { memoryLogger } from '../../src/log/logger.js';
import { PINNED_FILES, canonicalUrl, type PinnedFileId } from '../../src/pins.js';
import { parsePrepareInputs, type PrepareOptions } from '../../src/prepare/options.js';
import { prepare, type PrepareDeps } from '../../src/prepare/prepare.js';
import { encoderBytes } from '../support/encoder-bytes.js';
import { startMirrorServer, type MirrorServer } from '../support/mirror-server.js';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const sha1Name = (id: PinnedFileId): string => createHash('sha1').update(canonicalUrl(PINNED_FILES[id])).digest('hex');

let root: string;
let savedToolCache: string | undefined;
const servers: MirrorServer[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'prepare-'));
  savedToolCache = process.env['RUNNER_TOOL_CACHE'];
  process.env['RUNNER_TOOL_CACHE'] = join(root, 'tool-cache');
});
afterEach(async () => {
  if (savedToolCache === undefined) delete process.env['RUNNER_TOOL_CACHE'];
  else process.env['RUNNER_TOOL_CACHE'] = savedToolCache;
  await Promise.all(servers.splice(0).map((server) => server.close().catch(() => undefined)));
  await rm(root, { recursive: true, force: true });
});

async function mirror(): Promise<MirrorServer> {
  const server = await startMirrorServer();
  servers.push(server);
  return server;
}

/** A mirror origin nothing listens on: any request to it fails at once. */
async function deadOrigin(): Promise<{ origin: string; requests: MirrorServer['requests'] }> {
  const server = await startMirrorServer();
  await server.close();
  return server;
}

function options(values: Partial<Record<InputName, string>>, cacheDir = 'cache-dir'): PrepareOptions {
  const parsed = parsePrepareInputs(rawInputsFrom({ 'cache-dir': join(root, cacheDir), ...values }), {
    runnerTemp: join(root, 'temp'),
    defaultCacheRoot: join(root, 'home'),
    processEnv: {},
  });
  return { ...parsed, limits: { ...parsed.limits, backoffMs: 10, idleTimeoutMs: 2_000, totalTimeoutMs: 20_000 } };
}

/** An Actions cache over a local folder (save copies in, restore copies out), recording calls. */
function folderActionsCache(store: string): ActionsCachePort & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async restore(key, dir) {
      calls.push(`restore ${key}`);
      try {
        await cp(join(store, key), dir, { recursive: true });
        return true;
      } catch {
        return false;
      }
    },
    async save(key, dir) {
      calls.push(`save ${key}`);
      await cp(dir, join(store, key), { recursive: true });
    },
  };
}

function unavailableActionsCache(): ActionsCachePort & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    restore: async (key) => {
      calls.push(`restore ${key}`);
      return false;
    },
    save: async (key) => void calls.push(`save ${key}`),
  };
}

function deps(over: Partial<PrepareDeps> = {}): PrepareDeps & { log: ReturnType<typeof memoryLogger> } {
  const log = memoryLogger();
  return {
    log,
    toolCache: runnerToolCache(log),
    actionsCache: unavailableActionsCache(),
    download: downloadFile,
    stagingDir: join(root, 'staging'),
    ...over,
  } as PrepareDeps & { log: ReturnType<typeof memoryLogger> };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Every file under root whose bytes are `bytes`. */
async function traces(bytes: Buffer): Promise<string[]> {
  const found: string[] = [];
  for (const path of await filesUnder(root)) if ((await readFile(path)).equals(bytes)) found.push(path);
  return found;
}

async function caught<T extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as T;
}

describe('prepare from the mirror', () => {
  it('lays out every file under its sha1 name with the pinned bytes, and a correct manifest', async () => {
    const server = await mirror();
    const actionsCache = unavailableActionsCache();
    const result = await prepare(options({ encoders: 'all', mirror: server.origin }), deps({ actionsCache }));

    const ids = Object.keys(PINNED_FILES) as PinnedFileId[];
    const cacheDir = join(root, 'cache-dir');
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

    expect(result).toMatchObject({ cacheDir, cacheHit: 'download', drift: false, manifestPath: join(cacheDir, 'manifest.json') });
    expect(result.files.map((f) => f.source)).toEqual(ids.map(() => 'download'));
    expect(server.requests.map((r) => r.path).sort()).toEqual(ids.map((id) => PINNED_FILES[id].path).sort());
    expect(actionsCache.calls).toEqual([expect.stringMatching(/^restore tiktoken-encoders-v1-/), expect.stringMatching(/^save tiktoken-encoders-v1-/)]);
    expect(await filesUnder(join(root, 'staging'))).toEqual([]);
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

    const second = deps();
    const result = await prepare(options({ mirror: server.origin }, 'fresh-dir'), second);
    expect(server.requests.length).toBe(served);
    expect(result.cacheHit).toBe('tool-cache');
    for (const file of result.files) {
      expect(sha256(await readFile(join(root, 'fresh-dir', file.cacheFile)))).toBe(file.sha256);
    }
    // And over the folder it laid out before: idempotent, nothing rewritten.
    const mtime = (await stat(join(root, 'cache-dir', sha1Name('cl100k_base')))).mtimeMs;
    await prepare(options({ mirror: server.origin }), deps());
    expect((await stat(join(root, 'cache-dir', sha1Name('cl100k_base')))).mtimeMs).toBe(mtime);
  });

  it('rejects wrong bytes naming the file, URL, expected and actual hash, and keeps no trace of them', async () => {
    const server = await mirror();
    const bad = Buffer.from('<html><body>Access denied by corporate proxy</body></html>\n'.repeat(20));
    server.fault(PINNED_FILES.cl100k_base.path, { kind: 'bytes', body: bad });
    const run = deps();
    const error = await caught(prepare(options({ encoders: 'cl100k_base,r50k_base', mirror: server.origin }), run), IntegrityError);
    expect(error).not.toBeInstanceOf(DriftError);
    expect(error.message).toContain('cl100k_base');
    expect(error.message).toContain(`${server.origin}/encodings/cl100k_base.tiktoken`);
    expect(error.message).toContain(`expected: sha256 ${PINNED_FILES.cl100k_base.sha256}`);
    expect(error.message).toContain(`got:      sha256 ${sha256(bad)}, ${bad.length} bytes`);
    expect(await traces(bad)).toEqual([]);
    expect(await filesUnder(join(root, 'staging'))).toEqual([]);
    expect(await filesUnder(join(root, 'cache-dir'))).toEqual([]);
    expect(await filesUnder(join(root, 'tool-cache'))).toEqual([]);
  });

  it.each([
    ['503 then 200', { kind: 'status', status: 503, times: 1 } as const, 2],
    ['a reset mid-file', { kind: 'reset', afterBytes: 300_000, times: 2 } as const, 3],
  ])('succeeds after %s', async (_name, fault, requests) => {
    const server = await mirror();
    server.fault(PINNED_FILES.r50k_base.path, fault);
    const result = await prepare(options({ encoders: 'r50k_base', mirror: server.origin }), deps());
    expect(server.requests.filter((r) => r.path === PINNED_FILES.r50k_base.path)).toHaveLength(requests);
    expect(sha256(await readFile(join(root, 'cache-dir', sha1Name('r50k_base'))))).toBe(PINNED_FILES.r50k_base.sha256);
    expect(result.files[0]?.source).toBe('download');
  });

  it('fails on 404 with a clear error naming the URL, and writes nothing', async () => {
    const server = await mirror();
    server.fault(PINNED_FILES.o200k_base.path, { kind: 'status', status: 404, times: 99 });
    const error = await caught(prepare(options({ encoders: 'o200k_harmony', mirror: server.origin }), deps()), DownloadError);
    expect(error.message).toContain(`${server.origin}/encodings/o200k_base.tiktoken`);
    expect(error.message).toContain('404');
    expect(await filesUnder(join(root, 'cache-dir'))).toEqual([]);
  });

  it('fails on a stalled response with a timeout error', async () => {
    const server = await mirror();
    server.fault(PINNED_FILES.r50k_base.path, { kind: 'stall', afterBytes: 1000 });
    const opts = options({ encoders: 'r50k_base', mirror: server.origin });
    const error = await caught(prepare({ ...opts, limits: { ...opts.limits, idleTimeoutMs: 300, attempts: 2 } }, deps()), DownloadError);
    expect(error.message).toMatch(/no data for 300 ms/);
    expect(await filesUnder(join(root, 'staging'))).toEqual([]);
  });

  it('detects a tampered tool-cache file, evicts it and replaces it with verified bytes', async () => {
    const server = await mirror();
    const first = await prepare(options({ encoders: 'r50k_base,cl100k_base', mirror: server.origin }), deps());
    expect(first.cacheHit).toBe('download');
    const cached = runnerToolCache(memoryLogger()).find('cl100k_base', PINNED_FILES.cl100k_base.sha256);
    expect(cached).toBeDefined();
    const tampered = Buffer.from('tampered\n');
    await writeFile(cached!, tampered);

    const run = deps();
    const result = await prepare(options({ encoders: 'r50k_base,cl100k_base', mirror: server.origin }, 'second'), run);
    expect(result.cacheHit).toBe('mixed');
    expect(Object.fromEntries(result.files.map((f) => [f.id, f.source]))).toEqual({ r50k_base: 'tool-cache', cl100k_base: 'download' });
    expect(run.log.lines.some((l) => l.startsWith('warning: tool cache: the entry for cl100k_base') && l.includes('damaged'))).toBe(true);
    const again = runnerToolCache(memoryLogger()).find('cl100k_base', PINNED_FILES.cl100k_base.sha256);
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
    expect(await readFile(join(root, 'cache-dir', name))).toEqual(await encoderBytes('gpt2-vocab-bpe'));
  });

  it('with cache: false reads and writes no cache', async () => {
    const server = await mirror();
    const actionsCache = unavailableActionsCache();
    await prepare(options({ encoders: 'r50k_base', mirror: server.origin, cache: 'false' }), deps({ actionsCache }));
    expect(await filesUnder(join(root, 'tool-cache'))).toEqual([]);
    expect(actionsCache.calls).toEqual([]);
  });
});

describe('prepare with the Actions cache', () => {
  it('restores the pin set into a fresh runner with the mirror down, verifying every file', async () => {
    const server = await mirror();
    const store = join(root, 'actions-store');
    const firstCache = folderActionsCache(store);
    await prepare(options({ mirror: server.origin }), deps({ actionsCache: firstCache }));
    expect(firstCache.calls.map((c) => c.split(' ')[0])).toEqual(['restore', 'save']);
    await server.close();

    process.env['RUNNER_TOOL_CACHE'] = join(root, 'fresh-runner-tool-cache');
    const secondCache = folderActionsCache(store);
    const result = await prepare(options({ mirror: server.origin }, 'fresh-dir'), deps({ actionsCache: secondCache }));
    expect(result.cacheHit).toBe('actions-cache');
    expect(secondCache.calls.map((c) => c.split(' ')[0])).toEqual(['restore']);
    expect(runnerToolCache(memoryLogger()).find('o200k_base', PINNED_FILES.o200k_base.sha256)).toBeDefined();
    expect(await filesUnder(join(root, 'staging'))).toEqual([]);
  });

  it('does not use a damaged file from a restored entry', async () => {
    const server = await mirror();
    const store = join(root, 'actions-store');
    await prepare(options({ encoders: 'r50k_base,cl100k_base', mirror: server.origin }), deps({ actionsCache: folderActionsCache(store) }));
    const [key] = await readdir(store);
    await writeFile(join(store, key!, sha1Name('r50k_base')), 'damaged');
    process.env['RUNNER_TOOL_CACHE'] = join(root, 'fresh-runner-tool-cache');
    const result = await prepare(options({ encoders: 'r50k_base,cl100k_base', mirror: server.origin }, 'fresh-dir'), deps({ actionsCache: folderActionsCache(store) }));
    expect(Object.fromEntries(result.files.map((f) => [f.id, f.source]))).toEqual({ r50k_base: 'download', cl100k_base: 'actions-cache' });
    expect(await traces(Buffer.from('damaged'))).toEqual([join(store, key!, sha1Name('r50k_base'))]);
  });
});

describe('prepare from a local source, offline', () => {
  async function sourceFolder(naming: 'upstream' | 'sha1'): Promise<string> {
    const dir = join(root, `source-${naming}`);
    await mkdir(dir, { recursive: true });
    for (const id of ['r50k_base', 'cl100k_base', 'gpt2-vocab-bpe', 'gpt2-encoder-json'] as const) {
      const name = naming === 'sha1' ? sha1Name(id) : PINNED_FILES[id].path.split('/').at(-1)!;
      await writeFile(join(dir, name), await encoderBytes(id));
    }
    return dir;
  }

  it.each(['upstream', 'sha1'] as const)('takes a folder of %s-named files and never touches the network', async (naming) => {
    const dead = await deadOrigin();
    const run = deps({ download: () => Promise.reject(new Error('network used')) });
    const result = await prepare(
      options({ encoders: 'r50k_base,cl100k_base,gpt2', mirror: dead.origin, source: await sourceFolder(naming) }),
      run,
    );
    expect(result.cacheHit).toBe('source');
    expect(result.files.map((f) => f.id)).toEqual(['r50k_base', 'cl100k_base', 'gpt2-vocab-bpe', 'gpt2-encoder-json']);
    for (const file of result.files) expect(sha256(await readFile(join(root, 'cache-dir', file.cacheFile)))).toBe(file.sha256);
  });

  it('takes a .tar.gz made by the system tar', async () => {
    const folder = await sourceFolder('upstream');
    const tarball = join(root, 'encoders.tar.gz');
    execFileSync('tar', ['-czf', tarball, '-C', root, 'source-upstream']);
    const result = await prepare(
      options({ encoders: 'gpt2,cl100k_base', source: tarball }),
      deps({ download: () => Promise.reject(new Error('network used')) }),
    );
    expect(result.cacheHit).toBe('source');
    expect(result.files.map((f) => f.id).sort()).toEqual(['cl100k_base', 'gpt2-encoder-json', 'gpt2-vocab-bpe']);
    expect(await readFile(join(root, 'cache-dir', sha1Name('gpt2-vocab-bpe')))).toEqual(await readFile(join(folder, 'vocab.bpe')));
  });

  it('fails when the source lacks a file (no fallback to the network) or holds wrong bytes', async () => {
    const folder = await sourceFolder('upstream');
    const offline = deps({ download: () => Promise.reject(new Error('network used')) });
    const missing = await caught(prepare(options({ encoders: 'o200k_base', source: folder }), offline), InputError);
    expect(missing.message).toMatch(/source.*o200k_base[\s\S]*o200k_base\.tiktoken/);

    await writeFile(join(folder, 'r50k_base.tiktoken'), 'not it');
    const wrong = await caught(prepare(options({ encoders: 'r50k_base', source: folder }), offline), IntegrityError);
    expect(wrong.message).toContain(join(folder, 'r50k_base.tiktoken'));
    expect(await filesUnder(join(root, 'cache-dir'))).toEqual([]);
  });

  it('rejects an unreadable source before any network call', async () => {
    const run = deps({ download: () => Promise.reject(new Error('network used')) });
    const error = await caught(prepare(options({ source: join(root, 'nope') }), run), InputError);
    expect(error.input).toBe('source');
  });
});

describe('prepare with refresh', () => {
  it('ignores the caches, downloads everything and reports drift without keeping anything', async () => {
    const server = await mirror();
    await prepare(options({ encoders: 'r50k_base,cl100k_base', mirror: server.origin }), deps());
    const before = server.requests.length;
    const laidOut = await readFile(join(root, 'cache-dir', 'manifest.json'), 'utf8');

    const changed = Buffer.concat([await encoderBytes('cl100k_base'), Buffer.from('Zm9v 100277\n')]);
    server.fault(PINNED_FILES.cl100k_base.path, { kind: 'bytes', body: changed });
    const actionsCache = unavailableActionsCache();
    const error = await caught(
      prepare(options({ encoders: 'r50k_base,cl100k_base', mirror: server.origin, refresh: 'true' }), deps({ actionsCache })),
      DriftError,
    );
    expect(server.requests.length - before).toBe(2);
    expect(actionsCache.calls).toEqual([]);
    expect(error.drifted).toEqual([
      {
        id: 'cl100k_base',
        url: canonicalUrl(PINNED_FILES.cl100k_base),
        from: `${server.origin}${PINNED_FILES.cl100k_base.path}`,
        expected: { sha256: PINNED_FILES.cl100k_base.sha256, size: PINNED_FILES.cl100k_base.size },
        actual: { sha256: sha256(changed), size: changed.length },
      },
    ]);
    expect(error.message).toContain('drift');
    expect(await traces(changed)).toEqual([]);
    expect(await readFile(join(root, 'cache-dir', 'manifest.json'), 'utf8')).toBe(laidOut);

    server.clearFaults();
    const clean = await prepare(options({ encoders: 'r50k_base,cl100k_base', mirror: server.origin, refresh: 'true' }), deps());
    expect(clean).toMatchObject({ drift: false, cacheHit: 'download' });
  });
});
