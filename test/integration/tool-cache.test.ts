// runnerToolCache over the REAL @actions/tool-cache and a temp RUNNER_TOOL_CACHE.
import { chmod, mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import * as tc from '@actions/tool-cache';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toolCacheTool, toolCacheVersion } from '../../src/cache/keys.js';
import { TOOL_CACHE_ARCH, runnerToolCache } from '../../src/cache/tool-cache.js';
import { hashFile } from '../../src/encoders/hash-file.js';
import { memoryLogger } from '../../src/log/logger.js';
import { PINNED_FILES } from '../../src/pins.js';
import { encoderBytes } from '../support/encoder-bytes.js';

const ENV_NAMES = ['RUNNER_TOOL_CACHE', 'RUNNER_TEMP'] as const;
const pin = PINNED_FILES.r50k_base;
let saved: Record<string, string | undefined>;
let root: string;
let source: string;

beforeEach(async () => {
  saved = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
  root = await mkdtemp(join(tmpdir(), 'tool-cache-'));
  for (const name of ['tool-cache', 'temp', 'src']) await mkdir(join(root, name));
  process.env['RUNNER_TOOL_CACHE'] = join(root, 'tool-cache');
  process.env['RUNNER_TEMP'] = join(root, 'temp');
  source = join(root, 'src', 'downloaded');
  await writeFile(source, await encoderBytes(pin.id));
});

afterEach(async () => {
  for (const name of ENV_NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await chmod(join(root, 'tool-cache'), 0o755).catch(() => undefined);
  await rm(root, { recursive: true, force: true });
});

describe('runnerToolCache', () => {
  it('finds nothing in an empty tool cache', () => {
    expect(runnerToolCache(memoryLogger(), process.env).find(pin.id, pin.sha256)).toBeUndefined();
  });

  it('saves a file and finds the same bytes under the pin’s semver version', async () => {
    const log = memoryLogger();
    const cache = runnerToolCache(log, process.env);
    await cache.save(pin.id, pin.sha256, source);
    const found = cache.find(pin.id, pin.sha256);

    expect(found).toBe(join(root, 'tool-cache', toolCacheTool(pin.id), toolCacheVersion(pin.sha256), 'any', pin.id));
    expect(await hashFile(found!)).toEqual({ sha256: pin.sha256, size: pin.size });
    expect(existsSync(join(root, 'tool-cache', toolCacheTool(pin.id), toolCacheVersion(pin.sha256), 'any.complete'))).toBe(true);
    expect(log.lines.filter((l) => l.startsWith('warning:'))).toEqual([]);
    // tool-cache's own find() agrees (the port looks entries up with plain fs calls).
    expect(tc.find(toolCacheTool(pin.id), toolCacheVersion(pin.sha256), TOOL_CACHE_ARCH)).toBe(join(found!, '..'));
    // A fresh port (a later job on the same runner) sees it too.
    expect(runnerToolCache(memoryLogger(), process.env).find(pin.id, pin.sha256)).toBe(found);
  });

  it('keeps entries of different pins and files apart', async () => {
    const cache = runnerToolCache(memoryLogger(), process.env);
    await cache.save(pin.id, pin.sha256, source);
    expect(cache.find(pin.id, 'a'.repeat(64))).toBeUndefined();
    expect(cache.find('p50k_base', pin.sha256)).toBeUndefined();
  });

  it('never finds an entry without its .complete marker (a half-written copy)', async () => {
    const cache = runnerToolCache(memoryLogger(), process.env);
    await cache.save(pin.id, pin.sha256, source);
    await rm(join(root, 'tool-cache', toolCacheTool(pin.id), toolCacheVersion(pin.sha256), 'any.complete'));
    expect(cache.find(pin.id, pin.sha256)).toBeUndefined();
    expect(tc.find(toolCacheTool(pin.id), toolCacheVersion(pin.sha256), TOOL_CACHE_ARCH)).toBe('');
  });

  it('evicts a damaged entry, after which a save replaces it with good bytes', async () => {
    const cache = runnerToolCache(memoryLogger(), process.env);
    await cache.save(pin.id, pin.sha256, source);
    const found = cache.find(pin.id, pin.sha256)!;
    await writeFile(found, 'tampered');
    expect((await hashFile(found)).sha256).not.toBe(pin.sha256);

    await cache.evict(pin.id, pin.sha256);
    expect(cache.find(pin.id, pin.sha256)).toBeUndefined();
    expect(tc.find(toolCacheTool(pin.id), toolCacheVersion(pin.sha256), TOOL_CACHE_ARCH)).toBe('');
    expect(await readdir(join(root, 'tool-cache', toolCacheTool(pin.id)))).toEqual([]);

    await cache.save(pin.id, pin.sha256, source);
    expect(await hashFile(cache.find(pin.id, pin.sha256)!)).toEqual({ sha256: pin.sha256, size: pin.size });
  });

  it('evicting an entry that is not there is a no-op', async () => {
    const log = memoryLogger();
    await expect(runnerToolCache(log, process.env).evict(pin.id, pin.sha256)).resolves.toBeUndefined();
    expect(log.lines.filter((l) => l.startsWith('warning:'))).toEqual([]);
  });

  it('without RUNNER_TOOL_CACHE: find is a miss and save a warning, never a throw', async () => {
    delete process.env['RUNNER_TOOL_CACHE'];
    const log = memoryLogger();
    const cache = runnerToolCache(log, process.env);
    expect(cache.find(pin.id, pin.sha256)).toBeUndefined();
    await expect(cache.save(pin.id, pin.sha256, source)).resolves.toBeUndefined();
    expect(log.lines.filter((l) => l.startsWith('warning:'))).toEqual([expect.stringContaining('RUNNER_TOOL_CACHE')]);
  });

  it('an unwritable tool cache: save is a warning and the source file is untouched', async () => {
    if (process.getuid?.() === 0) {
      // root ignores permissions; use a tool cache path under a regular file instead.
      const blocker = join(root, 'blocker');
      await writeFile(blocker, '');
      process.env['RUNNER_TOOL_CACHE'] = join(blocker, 'tool-cache');
    } else {
      await chmod(join(root, 'tool-cache'), 0o500);
    }
    const log = memoryLogger();
    const cache = runnerToolCache(log, process.env);
    await expect(cache.save(pin.id, pin.sha256, source)).resolves.toBeUndefined();
    expect(log.lines.filter((l) => l.startsWith('warning:'))).toHaveLength(1);
    expect(cache.find(pin.id, pin.sha256)).toBeUndefined();
    expect((await readFile(source)).length).toBe(pin.size);
  });
});
