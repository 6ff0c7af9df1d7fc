import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { selectFiles } from '../../../src/encoders/selection.js';
import { BuildError } from '../../../src/errors.js';
import { memoryLogger } from '../../../src/log/logger.js';
import { checkSameManifest, contextBeside, showHeld } from '../../../src/pipeline/context-beside.js';
import type { PrepareResult } from '../../../src/prepare/result.js';
import { encoderBytes } from '../../support/encoder-bytes.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'beside-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const never = new Promise<PrepareResult>(() => undefined);

async function r50k() {
  const [file] = selectFiles(['r50k_base']);
  return { file: file!, from: { bytes: await encoderBytes('r50k_base') } };
}

describe('contextBeside', () => {
  it('has the context ready once staged, while prepare is still running', async () => {
    const beside = contextBeside(root, { overlay: true, cachePath: '/tiktoken_cache' }, memoryLogger());
    const ready = beside.ready(never);
    await beside.onAcquired([await r50k()]);
    const staged = await ready;
    expect(staged?.dir).toBe(join(root, 'overlay-context'));
    expect((await readdir(join(root, 'overlay-context', 'tiktoken_cache'))).sort()).toEqual([staged!.manifest.files[0]!.cacheFile, 'manifest.json', '.wh..wh..opq'].sort());
  });

  it('has none when prepare settles without acquiring, or when a byte misses its pin (then cache-dir is staged after prepare)', async () => {
    const failed = contextBeside(root, { overlay: false, cachePath: '/x' }, memoryLogger());
    expect(await failed.ready(Promise.reject(new Error('offline')))).toBeUndefined();
    const log = memoryLogger();
    const damaged = contextBeside(root, { overlay: false, cachePath: '/x' }, log);
    const ready = damaged.ready(never);
    const { file } = await r50k();
    await damaged.onAcquired([{ file, from: { bytes: Buffer.from('damaged tool-cache entry') } }]);
    expect(await ready).toBeUndefined();
    expect(log.lines.join('\n')).toMatch(/^debug: the build context is staged from cache-dir after prepare: .*do not match the pin/m);
  });

  it("ends prepare's section when the build starts and shows its later lines after the build", async () => {
    const out = memoryLogger();
    const beside = contextBeside(root, { overlay: true, cachePath: '/t' }, out);
    let started = false;
    void beside.started.then(() => (started = true));
    beside.log.info('before the build');
    beside.hold();
    await Promise.resolve();
    expect(started).toBe(true);
    beside.log.info('cache folder: wrote 1 file(s)');
    out.info('#1 building');
    await showHeld(beside, out);
    expect(out.lines).toEqual(['before the build', '#1 building', 'group: Prepare: the rest, finished beside the build', 'cache folder: wrote 1 file(s)']);
    // Nothing held: no section.
    const quiet = contextBeside(root, { overlay: true, cachePath: '/t' }, out);
    quiet.hold();
    await showHeld(quiet, out);
    expect(out.lines).toHaveLength(4);
  });
});

describe('checkSameManifest', () => {
  it('refuses a build whose context says other files than cache-dir (nothing is tagged)', async () => {
    const beside = contextBeside(root, { overlay: true, cachePath: '/t' }, memoryLogger());
    const ready = beside.ready(never);
    await beside.onAcquired([await r50k()]);
    const staged = (await ready)!;
    const prepared = { manifest: staged.manifest, manifestPath: '/c/manifest.json' } as unknown as PrepareResult;
    expect(() => checkSameManifest(staged, prepared)).not.toThrow();
    const other = { ...prepared, manifest: { ...staged.manifest, encodings: ['gpt2'] } } as unknown as PrepareResult;
    expect(() => checkSameManifest(staged, other)).toThrow(BuildError);
    expect(() => checkSameManifest(staged, other)).toThrow(/differ; nothing was tagged/);
  });
});
