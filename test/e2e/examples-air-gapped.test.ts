// examples/workflows/air-gapped.yml, both sides: the build core writes the multi-arch OCI
// archive, the workflow's own bundling step (run as written, with bash) adds the cache tarball
// and SHA256SUMS, and the far-side commands from the workflow's header load them: checksums,
// `skopeo copy --all oci-archive:…` into a registry (here the loopback one), and the tar that
// unpacks the encoder folder. The loaded image verifies offline on every platform.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFile, cp, mkdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { BuildResult } from '../../src/build/build.js';
import { parseBuildInputs } from '../../src/build/options.js';
import { layOutBytes } from '../../src/encoders/lay-out-bytes.js';
import { verifyImage } from '../../src/image/verify-image.js';
import { rawInputsFrom } from '../../src/inputs/names.js';
import { memoryLogger } from '../../src/log/logger.js';
import type { PinnedFileId } from '../../src/pins.js';
import { encoderBytes } from '../support/encoder-bytes.js';
import { fetchManifest, imageEntries, platformOf, requireEngine, splitRef, testImage, uniqueTag } from '../support/docker.js';
import { busyboxContext, tempDir, buildAndTag } from './build-support.js';

const ROOT = resolve(import.meta.dirname, '../..');
const WORKFLOW = join(ROOT, 'examples/workflows/air-gapped.yml');
const PROVISION = 'run `sudo bash scripts/provision-engine.sh` (it installs skopeo)';
const sh = promisify(execFile);

interface Step {
  name?: string;
  run?: string;
}

async function bash(script: string, cwd: string, env: Record<string, string> = {}) {
  try {
    return await sh('bash', ['-c', script], { cwd, env: { ...process.env, ...env } });
  } catch (error) {
    const e = error as { code?: number; stderr?: string; stdout?: string };
    throw Object.assign(new Error(`bash -c ${JSON.stringify(script)} exited ${e.code}:\n${e.stdout ?? ''}${e.stderr ?? ''}`), { exitCode: e.code });
  }
}

/** The far-side commands as the workflow's header comment gives them. */
function farSideCommands(text: string): { checksums: string; image: string; cache: string } {
  const lines = text.split('\n').filter((l) => l.startsWith('#   ')).map((l) => l.slice(4).replace(/\s+#.*$/, '').trim());
  const find = (start: string) => {
    const line = lines.find((l) => l.startsWith(start));
    if (!line) throw new Error(`air-gapped.yml's header has no "${start}…" command`);
    return line;
  };
  return { checksums: find('sha256sum -c'), image: find('skopeo copy'), cache: find('mkdir -p tiktoken_cache') };
}

let work: string;
let buildDir = '';
let far: string;
let result: BuildResult;
let commands: ReturnType<typeof farSideCommands>;
let files: Array<{ cacheFile: string; sha256: string; size: number }>;
const target = `${testImage('air-gapped')}:${uniqueTag()}`;
/** The version the workflow header's commands are written for. */
const VERSION = 'v1.2.3';

beforeAll(async () => {
  await requireEngine();
  const skopeo = await sh('skopeo', ['--version']).catch((e: unknown) => {
    throw new Error(`skopeo is missing (${String(e)}); ${PROVISION}`);
  });
  expect(skopeo.stdout).toMatch(/skopeo version/);

  work = await tempDir('air-gapped');
  const layout = await layOutBytes(join(work, 'tiktoken_cache'), ['r50k_base'], (file) => encoderBytes(file.id as PinnedFileId));
  files = layout.manifest.files.map((f) => ({ cacheFile: f.cacheFile, sha256: f.sha256, size: f.size }));
  const cacheDir = join(work, 'tiktoken_cache');
  const context = await busyboxContext(join(work, 'ctx'), 'busybox');
  const bundle = join(work, 'bundle');
  await mkdir(bundle);

  // The workflow's build step: the action with `archive:` (here its build core, same inputs).
  const workflow = parse(await readFile(WORKFLOW, 'utf8')) as { jobs: { bundle: { steps: Step[] } } };
  const options = parseBuildInputs(
    rawInputsFrom({ context, platforms: 'linux/amd64,linux/arm64', images: 'registry.internal/one-api', version: VERSION, 'tag-prefix': 'offline-', archive: join(bundle, 'one-api-offline.oci.tar'), provenance: 'false' }),
    { proxy: {}, cacheDir, engineLoadsMultiPlatform: true, commitTime: 1_700_000_000, sha: 'a'.repeat(40) },
  );
  buildDir = await tempDir('air-gapped-build');
  // build() writes the archive un-named; publish() names it for its tags (after verification in the action).
  result = await buildAndTag(options, { cacheDir }, { log: memoryLogger(), tempDir: buildDir });

  // The workflow's bundling step, run as written.
  const bundling = workflow.jobs.bundle.steps.find((s) => s.run?.includes('SHA256SUMS'));
  if (!bundling?.run) throw new Error('air-gapped.yml has no step writing SHA256SUMS');
  await bash(bundling.run, work, { RUNNER_TEMP: work, CACHE_DIR: cacheDir, ARCHIVE: result.archive ?? '', GITHUB_STEP_SUMMARY: join(work, 'summary.md'), VERSION });

  // Carry the three files across.
  far = join(work, 'far-side');
  await mkdir(far);
  for (const name of ['one-api-offline.oci.tar', 'tiktoken-cache.tar.gz', 'SHA256SUMS']) await cp(join(bundle, name), join(far, name));
  commands = farSideCommands(await readFile(WORKFLOW, 'utf8'));
}, 900_000);

afterAll(async () => {
  for (const dir of [work, buildDir]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('examples/workflows/air-gapped.yml', () => {
  it('the bundle has checksums that sha256sum -c accepts, and the job summary shows them', async () => {
    await bash(commands.checksums, far);
    const sums = await readFile(join(far, 'SHA256SUMS'), 'utf8');
    expect(sums.trim().split('\n').map((l) => l.split(/\s+/)[1])).toEqual(['one-api-offline.oci.tar', 'tiktoken-cache.tar.gz']);
    const summary = await readFile(join(work, 'summary.md'), 'utf8');
    expect(summary).toContain(sums.trim());
    expect(summary).toContain(`oci-archive:one-api-offline.oci.tar:offline-${VERSION}`);
  });

  it('the checksums catch a damaged file', async () => {
    const damaged = join(work, 'damaged');
    await cp(far, damaged, { recursive: true });
    await appendFile(join(damaged, 'tiktoken-cache.tar.gz'), 'x');
    await expect(bash(commands.checksums, damaged)).rejects.toThrow(/FAILED/);
  });

  it('skopeo loads every platform into the site registry with the archive’s digests', async () => {
    expect(commands.image).toBe(`skopeo copy --all oci-archive:one-api-offline.oci.tar:offline-${VERSION} docker://registry.internal/one-api:offline-${VERSION}`);
    // The site registry here is the loopback one, which speaks plain HTTP.
    const command = commands.image.replace(/docker:\/\/\S+$/, `docker://${target}`).replace('skopeo copy', 'skopeo copy --dest-tls-verify=false');
    await bash(command, far);
    const { repository, reference } = splitRef(target);
    const index = await fetchManifest(repository, reference);
    expect(index.digest).toBe(result.digest);
    expect(Object.fromEntries(imageEntries(index).map((d) => [platformOf(d), d.digest]))).toEqual(result.platformDigests);
  });

  it('the loaded image verifies offline on both platforms', async () => {
    const report = await verifyImage({ kind: 'registry', reference: target, insecure: true }, { cachePath: '/tiktoken_cache', files }, { log: memoryLogger() });
    expect(report.platforms.map((p) => [p.platform, p.ok]).sort()).toEqual([
      ['linux/amd64', true],
      ['linux/arm64', true],
    ]);
  });

  it('the tar command unpacks the encoder folder with every pinned byte', async () => {
    await bash(commands.cache, far);
    for (const file of files) {
      const bytes = await readFile(join(far, 'tiktoken_cache', file.cacheFile));
      expect(createHash('sha256').update(bytes).digest('hex'), file.cacheFile).toBe(file.sha256);
    }
    const manifest = JSON.parse(await readFile(join(far, 'tiktoken_cache', 'manifest.json'), 'utf8')) as unknown;
    expect(JSON.stringify(manifest)).toContain(files[0]!.sha256);
  });
});
