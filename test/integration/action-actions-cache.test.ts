// The bundled action (dist/action.mjs, `npm run build`) on Node 24 across two runners, through
// the Actions cache of each protocol as a runner of that kind selects it: GHES (v1) and
// github.com (v2: Twirp + signed Azure Blob URLs, Azurite behind a loopback proxy). The first
// runner downloads from the mirror and saves; the mirror goes down; a fresh runner gets every
// file from the Actions cache, verified. A v2 service answering 5xx leaves the job green.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PINNED_FILES } from '../../src/pins.js';
import { PROTOCOLS, TOKEN, stopSharedAzurite } from '../support/cache-protocols.js';
import { startMirrorServer } from '../support/mirror-server.js';
import { freshRunner, runAction } from '../support/run-action.js';

const ENCODERS = 'r50k_base,cl100k_base';
const RUN = { timeoutMs: 100_000 };

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'oneapi-action-cache-'));
});
afterAll(async () => {
  await stopSharedAzurite();
  await rm(root, { recursive: true, force: true });
});

describe.each(PROTOCOLS)('the bundled action with the Actions cache on service %s', (protocol, start) => {
  it('saves on one runner; a fresh runner with the mirror down restores verified files from it', async () => {
    const server = await start();
    const mirror = await startMirrorServer();
    try {
      const first = await freshRunner(join(root, protocol), server.env(TOKEN));
      const run1 = await runAction(first, { mirror: mirror.origin, build: 'false', encoders: ENCODERS }, RUN);
      expect(run1.code, run1.stdout).toBe(0);
      expect(run1.stdout).toMatch(/Actions cache: saved tiktoken-encoders-/);
      expect(server.entries.size).toBe(1);
      const served = mirror.requests.length;
      expect(served).toBeGreaterThanOrEqual(2);
      await mirror.close();

      const second = await freshRunner(join(root, protocol), server.env(TOKEN));
      const before = server.calls().length;
      const run2 = await runAction(second, { mirror: mirror.origin, build: 'false', encoders: ENCODERS }, RUN);
      expect(run2.code, run2.stdout).toBe(0);
      expect(run2.stdout).toMatch(/Actions cache: restored tiktoken-encoders-/);
      expect(run2.stdout).not.toMatch(/::(warning|error)/);
      expect(mirror.requests.length).toBe(served);
      expect(server.calls().slice(before).map((c) => c.call)).toEqual(['lookup']); // restored, so not saved again
      const manifest = JSON.parse(run2.outputs['manifest'] as string) as { files: Array<{ id: keyof typeof PINNED_FILES; cacheFile: string }> };
      expect(manifest.files.map((f) => f.id).sort()).toEqual(['cl100k_base', 'r50k_base']);
      for (const file of manifest.files) {
        const bytes = await readFile(join(run2.outputs['cache-dir'] as string, file.cacheFile));
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(PINNED_FILES[file.id].sha256);
      }
      if (server.v2) {
        // Downloaded by the Azure SDK inside @actions/cache: properties, then ranged reads.
        const reads = server.v2.blob.requests.filter((r) => r.method === 'HEAD' || r.method === 'GET');
        expect(reads.map((r) => r.method)[0]).toBe('HEAD');
        expect(reads.some((r) => r.method === 'GET' && r.range.startsWith('bytes=0-'))).toBe(true);
      }
    } finally {
      await mirror.close().catch(() => undefined);
      await server.close();
    }
  }, 240_000);
});

describe('the bundled action with cache service v2 answering 5xx', () => {
  it('stays green: files from the mirror, a notice that nothing was saved, no entry', async () => {
    const server = await PROTOCOLS[1][1]();
    const mirror = await startMirrorServer();
    try {
      server.failWith(502);
      const runner = await freshRunner(join(root, 'v2-down'), server.env(TOKEN));
      const run = await runAction(runner, { mirror: mirror.origin, build: 'false', encoders: 'r50k_base' }, { timeoutMs: 170_000 });
      expect(run.code, run.stdout).toBe(0);
      expect(run.stdout).toMatch(/::notice::Actions cache: tiktoken-encoders-\S+ was not saved/);
      expect(server.entries.size).toBe(0);
      expect(server.v2?.pending.size).toBe(0);
      expect(await readdir(run.outputs['cache-dir'] as string)).toContain('manifest.json');
    } finally {
      await mirror.close();
      await server.close();
    }
  }, 200_000);
});
