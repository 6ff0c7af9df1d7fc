// The quick start's main job, end to end on one machine with no internet: a loopback mirror
// serves the genuine encoder bytes (rebuilt from npm packages), then the real CLI prepares the
// verified cache, builds an offline linux/amd64 + linux/arm64 image over a small base (overlay
// mode), pushes it to the local registry, writes an OCI archive and verifies every platform.
// Needs the services of scripts/provision-engine.sh. Run: npm run demo
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildAndPush } from '../test/support/engine-push.js';
import { startMirrorServer } from '../test/support/mirror-server.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, '.demo');
const REGISTRY = '127.0.0.1:5000';
const BASE = `${REGISTRY}/oneapi-offline-demo/base:busybox`;
const BUSYBOX = { amd64: '/bin/busybox', arm64: '/var/lib/oneapi-offline-e2e/busybox-arm64/bin/busybox' } as const;

function run(cmd: string, args: readonly string[]): Promise<void> {
  process.stderr.write(`\n$ ${cmd} ${args.join(' ')}\n`);
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { stdio: 'inherit' });
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`${cmd} ${args[0] ?? ''} exited ${code}`))));
  });
}

async function pushBase(): Promise<void> {
  const context = await mkdtemp(join(tmpdir(), 'oneapi-demo-base-'));
  try {
    await copyFile(join(ROOT, 'fixtures/images/busybox-base/Dockerfile'), join(context, 'Dockerfile'));
    for (const [arch, path] of Object.entries(BUSYBOX)) {
      await copyFile(path, join(context, `busybox-${arch}`)).catch((error: unknown) => {
        throw new Error(`static busybox for ${arch} missing at ${path}: run \`bash scripts/provision-engine.sh\` first`, { cause: error });
      });
    }
    // Built with Engine's builder into an OCI archive, pushed with the project's registry client
    // (test/support/engine-push.ts says why not `push=true`).
    process.stderr.write(`\n$ docker buildx build --platform linux/amd64,linux/arm64 --output type=oci,… (then pushed as ${BASE})\n`);
    await buildAndPush(BASE, context, { args: ['--platform', 'linux/amd64,linux/arm64'] });
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}

const mirror = await startMirrorServer();
try {
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
  await pushBase();
  await run(process.execPath, [
    join(ROOT, 'dist/cli.mjs'), 'build',
    '--mirror', mirror.origin,
    '--out', join(OUT, 'tiktoken_cache'),
    '--base-image', BASE,
    '--images', `${REGISTRY}/oneapi-offline-demo/one-api`,
    '--image-version', 'v1.0.0',
    '--push',
    '--archive', join(OUT, 'one-api-offline.oci.tar'),
  ]);
  process.stderr.write(`\nDone: verified cache in .demo/tiktoken_cache, image ${REGISTRY}/oneapi-offline-demo/one-api:offline-v1.0.0, archive .demo/one-api-offline.oci.tar\n`);
} finally {
  await mirror.close();
}
