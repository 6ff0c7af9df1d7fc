// The CLI stamps an image with the git facts of the build context's repository, never with those
// of the folder it runs in nor its own checkout: a real buildx build (Dockerfile mode, --context
// in one git repository, run from another) written to an OCI archive, whose image config must
// carry the context's commit as the revision label, its tag as the version and its commit time
// as the creation time (SOURCE_DATE_EPOCH).
import { execFile, spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveIndex, readTarMember } from '../support/oci-archive.js';
import { requireEngine, requireRegistry, runDocker, testImage, uniqueTag } from '../support/docker.js';
import { startMirrorServer, type MirrorServer } from '../support/mirror-server.js';
import { REPO_ROOT } from '../support/run-action.js';
import { busyboxContext, tempDir } from './build-support.js';

const run = promisify(execFile);

async function commitAll(dir: string, tag: string, time: number): Promise<string> {
  const env = { ...process.env, GIT_AUTHOR_DATE: `@${time} +0000`, GIT_COMMITTER_DATE: `@${time} +0000` };
  const git = async (args: string[]): Promise<string> => (await run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-C', dir, ...args], { env })).stdout.trim();
  await git(['init', '-q', '-b', 'main']);
  await git(['add', '.']);
  await git(['commit', '-q', '-m', tag]);
  await git(['tag', tag]);
  return git(['rev-parse', 'HEAD']);
}

function cli(args: readonly string[], cwd: string, home: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env['PATH'] ?? '', HOME: home, XDG_CACHE_HOME: join(home, '.cache'), DOCKER_CONFIG: process.env['DOCKER_CONFIG'] ?? join(process.env['HOME'] ?? '/root', '.docker') };
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'dist/cli.mjs'), ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('close', (code) => done({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** The image config of the archive's linux/amd64 image. */
async function amd64Config(archive: string): Promise<{ created?: string; config?: { Labels?: Record<string, string> } }> {
  const index = await archiveIndex(archive);
  const manifestDigest = index.platforms['linux/amd64'];
  if (!manifestDigest) throw new Error(`no linux/amd64 image in ${archive}: ${JSON.stringify(index.platforms)}`);
  const manifest = JSON.parse((await readTarMember(archive, `blobs/${manifestDigest.replace(':', '/')}`))?.toString() ?? '{}') as { config: { digest: string } };
  return JSON.parse((await readTarMember(archive, `blobs/${manifest.config.digest.replace(':', '/')}`))?.toString() ?? '{}');
}

describe('CLI build: git facts from the build context\'s repository (real buildx)', () => {
  let work: string;
  let mirror: MirrorServer;
  let contextSha: string;
  let elsewhereSha: string;

  beforeAll(async () => {
    await requireEngine();
    mirror = await startMirrorServer();
    work = await tempDir('cli-git');
    await busyboxContext(join(work, 'context'), 'busybox');
    contextSha = await commitAll(join(work, 'context'), 'v7.7.7', 1_600_000_000);
    await mkdir(join(work, 'elsewhere'));
    await writeFile(join(work, 'elsewhere/README'), 'another project\n');
    elsewhereSha = await commitAll(join(work, 'elsewhere'), 'v1.1.1', 1_500_000_000);
  });
  afterAll(async () => {
    await mirror?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('a run from another repository stamps the context\'s commit, version and time', async () => {
    const archive = join(work, 'image.oci.tar');
    const result = await cli(
      ['build', '--context', '../context', '--mirror', mirror.origin, '--encoders', 'r50k_base', '--platforms', 'linux/amd64', '--archive', archive, '--images', '127.0.0.1:5000/oneapi-offline-test/cli-git', '--no-verify'],
      join(work, 'elsewhere'),
      work,
    );
    expect(result.code, result.stderr.slice(-4000)).toBe(0);
    expect(JSON.parse(result.stdout).tags).toContain('127.0.0.1:5000/oneapi-offline-test/cli-git:offline-v7.7.7');
    const config = await amd64Config(archive);
    expect(config.config?.Labels?.['org.opencontainers.image.revision']).toBe(contextSha);
    expect(config.config?.Labels?.['org.opencontainers.image.version']).toBe('v7.7.7');
    expect(config.created).toBe('2020-09-13T12:26:40Z');
    expect(JSON.stringify(config)).not.toContain(elsewhereSha);
  });
});

describe('CLI verify --images name:tag reads the registry; the local engine only with docker-daemon:', () => {
  it('a tag only in the registry verifies from the registry, and docker-daemon: of it looks in the engine', async () => {
    await requireEngine();
    await requireRegistry();
    const mirror = await startMirrorServer();
    const work = await tempDir('cli-verify');
    try {
      await busyboxContext(join(work, 'context'), 'busybox');
      const image = testImage('cli-verify');
      const version = uniqueTag();
      const built = await cli(
        ['build', '--context', join(work, 'context'), '--mirror', mirror.origin, '--encoders', 'r50k_base', '--platforms', 'linux/amd64', '--images', image, '--image-version', version, '--push', '--no-verify', '--source-date-epoch', '1600000000'],
        work,
        work,
      );
      expect(built.code, built.stderr.slice(-4000)).toBe(0);
      const tag = `${image}:offline-${version}`;
      // The docker driver keeps what it pushed in the engine too: our own unique tag is removed
      // there, so only the registry holds it.
      await runDocker(['image', 'rm', tag], { allowFailure: true });
      const fromRegistry = await cli(['verify', '--images', tag, '--encoders', 'r50k_base'], work, work);
      expect(fromRegistry.code, fromRegistry.stderr.slice(-4000)).toBe(0);
      expect(JSON.parse(fromRegistry.stdout)).toMatchObject({ verified: true });
      expect(fromRegistry.stderr).toContain(`Verify ${tag} offline`);
      const fromEngine = await cli(['verify', '--images', `docker-daemon:${tag}`, '--encoders', 'r50k_base'], work, work);
      expect(fromEngine.code).not.toBe(0);
      expect(fromEngine.stderr).toMatch(/local engine|docker image/);
    } finally {
      await mirror.close();
      await rm(work, { recursive: true, force: true });
    }
  });
});
