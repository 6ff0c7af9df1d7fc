// A repository folder used as cache-dir (its .env and .git/config hold tokens): prepare lays the
// encoders out in it, and the built image's cache folder holds only the encoder files and
// manifest.json — no .env, no .git, no README. Real prepare (from a local source), real buildx,
// real registry on 127.0.0.1:5000, read back with `docker run --network none`.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build/build.js';
import { parseBuildInputs } from '../../src/build/options.js';
import { runnerToolCache } from '../../src/cache/tool-cache.js';
import { downloadFile } from '../../src/download/download-file.js';
import { rawInputsFrom } from '../../src/inputs/names.js';
import { memoryLogger } from '../../src/log/logger.js';
import { parsePrepareInputs } from '../../src/prepare/options.js';
import { prepare } from '../../src/prepare/prepare.js';
import type { PrepareResult } from '../../src/prepare/result.js';
import { encoderBytes } from '../support/encoder-bytes.js';
import { requireEngine, runDocker, testImage, uniqueTag } from '../support/docker.js';
import { busyboxContext, tempDir } from './build-support.js';

describe('a repository folder as cache-dir', () => {
  const image = testImage('build-secrets-cache-dir');
  let prepared: PrepareResult;
  let result: BuildResult;

  beforeAll(async () => {
    await requireEngine();
    const work = await tempDir('secrets');
    const repo = join(work, 'repo');
    await mkdir(join(repo, '.git'), { recursive: true });
    await writeFile(join(repo, '.env'), 'OPENAI_API_KEY=sk-secret-in-dotenv\n');
    await writeFile(join(repo, '.git', 'config'), '[remote "origin"]\n\turl = https://x-access-token:ghp_secretInGitConfig@github.com/o/r\n');
    await writeFile(join(repo, 'README.md'), 'my project\n');
    const source = join(work, 'source');
    await mkdir(source);
    await writeFile(join(source, 'r50k_base.tiktoken'), await encoderBytes('r50k_base'));
    const log = memoryLogger();
    const options = parsePrepareInputs(rawInputsFrom({ encoders: 'r50k_base', source, 'cache-dir': repo, cache: 'false' }), {
      runnerTemp: join(work, 'temp'),
      defaultCacheRoot: join(work, 'home'),
      processEnv: {},
    });
    prepared = await prepare(options, { log, toolCache: runnerToolCache(log, {}), actionsCache: { restore: async () => false, save: async () => {} }, download: downloadFile, stagingDir: join(work, 'staging') });
    const context = await busyboxContext(join(work, 'ctx'), 'busybox');
    const buildOptions = parseBuildInputs(
      rawInputsFrom({ context, images: image, tags: uniqueTag(), platforms: 'linux/amd64', push: 'true', provenance: 'false' }),
      { proxy: {}, cacheDir: repo, engineLoadsMultiPlatform: true, commitTime: 1_700_000_000, sha: 'e'.repeat(40) },
    );
    result = await build(buildOptions, prepared, { log, tempDir: join(work, 'build') });
  });

  it('the image holds only the encoder files and manifest.json in its cache folder', async () => {
    const ref = `${image}@${result.digest}`;
    const run = await runDocker(['run', '--rm', '--network', 'none', '--platform', 'linux/amd64', ref, 'sh', '-c', 'ls -A "$TIKTOKEN_CACHE_DIR"']);
    expect(run.stdout.trim().split('\n').sort()).toEqual([...prepared.manifest.files.map((f) => f.cacheFile), 'manifest.json'].sort());
  });

  it('no byte of the secrets is anywhere in the image filesystem', async () => {
    const ref = `${image}@${result.digest}`;
    const run = await runDocker(['run', '--rm', '--network', 'none', '--platform', 'linux/amd64', ref, 'sh', '-c', 'grep -rl -e sk-secret-in-dotenv -e ghp_secretInGitConfig / --exclude-dir=proc --exclude-dir=sys 2>/dev/null; find / -xdev -name .env -o -xdev -name .git; echo done']);
    expect(run.stdout.trim()).toBe('done');
  });
});
