// prepare() from the other sources: an Actions cache restored into a fresh runner, a local
// folder or tarball with the network down, and a refresh that finds drift.
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runnerToolCache } from '../../src/cache/tool-cache.js';
import { DriftError, InputError, IntegrityError } from '../../src/errors.js';
import { memoryLogger } from '../../src/log/logger.js';
import { PINNED_FILES, canonicalUrl } from '../../src/pins.js';
import { prepare } from '../../src/prepare/prepare.js';
import { encoderBytes } from '../support/encoder-bytes.js';
import { caught, deadOrigin, deps, filesUnder, folderActionsCache, mirror, options, sandboxRoot, sha1Name, sha256, traces, unavailableActionsCache } from './prepare-sandbox.js';

describe('prepare with the Actions cache', () => {
  it('restores the pin set into a fresh runner with the mirror down, verifying every file', async () => {
    const server = await mirror();
    const store = join(sandboxRoot(), 'actions-store');
    const firstCache = folderActionsCache(store);
    await prepare(options({ mirror: server.origin }), deps({ actionsCache: firstCache }));
    expect(firstCache.calls.map((c) => c.split(' ')[0])).toEqual(['restore', 'save']);
    await server.close();

    process.env['RUNNER_TOOL_CACHE'] = join(sandboxRoot(), 'fresh-runner-tool-cache');
    const secondCache = folderActionsCache(store);
    const result = await prepare(options({ mirror: server.origin }, 'fresh-dir'), deps({ actionsCache: secondCache }));
    expect(result.source).toBe('actions-cache');
    expect(secondCache.calls.map((c) => c.split(' ')[0])).toEqual(['restore']);
    expect(runnerToolCache(memoryLogger(), process.env).find('o200k_base', PINNED_FILES.o200k_base.sha256)).toBeDefined();
    expect(await filesUnder(join(sandboxRoot(), 'staging'))).toEqual([]);
  });

  it('does not use a damaged file from a restored entry', async () => {
    const server = await mirror();
    const store = join(sandboxRoot(), 'actions-store');
    await prepare(options({ encoders: 'r50k_base,cl100k_base', mirror: server.origin }), deps({ actionsCache: folderActionsCache(store) }));
    const [key] = await readdir(store);
    await writeFile(join(store, key!, sha1Name('r50k_base')), 'damaged');
    process.env['RUNNER_TOOL_CACHE'] = join(sandboxRoot(), 'fresh-runner-tool-cache');
    const result = await prepare(options({ encoders: 'r50k_base,cl100k_base', mirror: server.origin }, 'fresh-dir'), deps({ actionsCache: folderActionsCache(store) }));
    expect(Object.fromEntries(result.files.map((f) => [f.id, f.source]))).toEqual({ r50k_base: 'download', cl100k_base: 'actions-cache' });
    expect(await traces(Buffer.from('damaged'))).toEqual([join(store, key!, sha1Name('r50k_base'))]);
  });
});

describe('prepare from a local source, offline', () => {
  async function sourceFolder(naming: 'upstream' | 'sha1'): Promise<string> {
    const dir = join(sandboxRoot(), `source-${naming}`);
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
    expect(result.source).toBe('source');
    expect(result.files.map((f) => f.id)).toEqual(['r50k_base', 'cl100k_base', 'gpt2-vocab-bpe', 'gpt2-encoder-json']);
    for (const file of result.files) expect(sha256(await readFile(join(sandboxRoot(), 'cache-dir', file.cacheFile)))).toBe(file.sha256);
  });

  it('takes a .tar.gz made by the system tar', async () => {
    const folder = await sourceFolder('upstream');
    const tarball = join(sandboxRoot(), 'encoders.tar.gz');
    execFileSync('tar', ['-czf', tarball, '-C', sandboxRoot(), 'source-upstream']);
    const result = await prepare(
      options({ encoders: 'gpt2,cl100k_base', source: tarball }),
      deps({ download: () => Promise.reject(new Error('network used')) }),
    );
    expect(result.source).toBe('source');
    expect(result.files.map((f) => f.id).sort()).toEqual(['cl100k_base', 'gpt2-encoder-json', 'gpt2-vocab-bpe']);
    expect(await readFile(join(sandboxRoot(), 'cache-dir', sha1Name('gpt2-vocab-bpe')))).toEqual(await readFile(join(folder, 'vocab.bpe')));
  });

  it('fails when the source lacks a file (no fallback to the network) or holds wrong bytes', async () => {
    const folder = await sourceFolder('upstream');
    const offline = deps({ download: () => Promise.reject(new Error('network used')) });
    const missing = await caught(prepare(options({ encoders: 'o200k_base', source: folder }), offline), InputError);
    expect(missing.message).toMatch(/source.*o200k_base[\s\S]*o200k_base\.tiktoken/);

    await writeFile(join(folder, 'r50k_base.tiktoken'), 'not it');
    const wrong = await caught(prepare(options({ encoders: 'r50k_base', source: folder }), offline), IntegrityError);
    expect(wrong.message).toContain(join(folder, 'r50k_base.tiktoken'));
    expect(await filesUnder(join(sandboxRoot(), 'cache-dir'))).toEqual([]);
  });

  it('rejects an unreadable source before any network call', async () => {
    const run = deps({ download: () => Promise.reject(new Error('network used')) });
    const error = await caught(prepare(options({ source: join(sandboxRoot(), 'nope') }), run), InputError);
    expect(error.input).toBe('source');
  });
});

describe('prepare with refresh', () => {
  it('ignores the caches, downloads everything and reports drift without keeping anything', async () => {
    const server = await mirror();
    await prepare(options({ encoders: 'r50k_base,cl100k_base', mirror: server.origin }), deps());
    const before = server.requests.length;
    const laidOut = await readFile(join(sandboxRoot(), 'cache-dir', 'manifest.json'), 'utf8');

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
    expect(await readFile(join(sandboxRoot(), 'cache-dir', 'manifest.json'), 'utf8')).toBe(laidOut);

    server.clearFaults();
    const clean = await prepare(options({ encoders: 'r50k_base,cl100k_base', mirror: server.origin, refresh: 'true' }), deps());
    expect(clean).toMatchObject({ drift: false, source: 'download', cacheHit: false });
  });
});
