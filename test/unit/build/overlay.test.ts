import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { overlayDockerfile, writeOverlay } from '../../../src/build/overlay.js';

describe('overlay Dockerfile', () => {
  it.each([
    ['justsong/one-api:v0.6.10', '/tiktoken_cache'],
    ['127.0.0.1:5000/base@sha256:' + 'a'.repeat(64), '/opt/tk'],
  ])('%s → copies the cache to %s and points tiktoken at it, with no RUN and no syntax line', (base, path) => {
    const text = overlayDockerfile(base, path);
    expect(text.split('\n')).toEqual([`FROM ${base}`, 'COPY . /', `ENV TIKTOKEN_CACHE_DIR=${path} DATA_GYM_CACHE_DIR=${path}`, '']);
    expect(text).not.toMatch(/^\s*RUN\b/m);
    expect(text).not.toMatch(/^#\s*syntax=/m);
  });

  it('is written into its own folder, outside the build context', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'overlay-')), 'df');
    const dockerfile = await writeOverlay(dir, 'b:1', '/t');
    expect(dockerfile).toBe(join(dir, 'Dockerfile'));
    expect(await readFile(dockerfile, 'utf8')).toBe(overlayDockerfile('b:1', '/t'));
  });
});
