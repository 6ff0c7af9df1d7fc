// build-push-action's cache and secret inputs through the bundled action on docker-container
// builders this suite creates (and removes) itself, from the BuildKit image that
// scripts/provision-buildkit.sh pushes to the loopback registry:
// - cache-to/cache-from type=registry and type=local: a second build on an empty builder finds
//   the RUN step in the cache (the log shows CACHED);
// - a `secrets` value read by a `RUN --mount=type=secret` step appears nowhere: not in the log
//   (except the runner's ::add-mask:: line), the outputs, the image's layers, config and
//   history, nor the mode=max provenance.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxContext, tempDir } from './build-support.js';
import { emptyBuilders } from '../support/builders.js';
import { fetchBlob, fetchManifest, requireEngine, splitRef, testImage, uniqueTag } from '../support/docker.js';
import { buildAndPush } from '../support/engine-push.js';
import { startMirrorServer, type MirrorServer } from '../support/mirror-server.js';
import { freshRunner, runAction, type ActionRun } from '../support/run-action.js';

const tag = uniqueTag();
const base = `${testImage('h6-cache-base')}:${tag}`;
let builders: Awaited<ReturnType<typeof emptyBuilders>> | undefined;
let root: string;
let mirror: MirrorServer;
let context: string;

beforeAll(async () => {
  await requireEngine();
  root = await mkdtemp(join(tmpdir(), 'oneapi-cache-secrets-'));
  builders = await emptyBuilders(root, `h6-${tag}`);
  mirror = await startMirrorServer();
  const baseContext = await busyboxContext(await tempDir('cache-base'), 'busybox-base');
  await buildAndPush(base, baseContext, { args: ['--platform', 'linux/amd64', '--provenance', 'false'] });
  context = join(root, 'context');
  await mkdir(context);
  await writeFile(
    join(context, 'Dockerfile'),
    [
      `FROM ${base}`,
      'SHELL ["/bin/busybox", "sh", "-c"]',
      // Reads the secret (its length proves it was mounted) and takes a while: the step the cache must skip.
      'RUN --mount=type=secret,id=token echo "len=$(/bin/busybox wc -c < /run/secrets/token | /bin/busybox tr -d \' \')" > /secret-len && /bin/busybox sleep 3 && echo built > /step',
      'COPY --from=tiktoken . /tiktoken_cache',
      'ENV TIKTOKEN_CACHE_DIR=/tiktoken_cache DATA_GYM_CACHE_DIR=/tiktoken_cache',
      '',
    ].join('\n'),
  );
}, 300_000);

afterAll(async () => {
  await builders?.remove();
  await mirror?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

const RUN_STEP = /RUN --mount=type=secret,id=token/;

async function build(name: string, builder: string, inputs: Record<string, string>): Promise<ActionRun> {
  const runner = await freshRunner(join(root, name));
  const run = await runAction(
    runner,
    { mirror: mirror.origin, encoders: 'cl100k_base', context, builder, platforms: 'linux/amd64', images: testImage(`h6-cache-${tag}`), version: name, push: 'true', ...inputs },
    { timeoutMs: 600_000 },
  );
  expect(run.code, run.stdout.slice(-5000)).toBe(0);
  return run;
}

/** The buildx log lines of the RUN step (`#7 [2/3] RUN …` then `#7 CACHED` or `#7 DONE`). */
function runStepState(log: string): string {
  const id = new RegExp(`^(#\\d+) \\[[^\\]]*\\] ${RUN_STEP.source}`, 'm').exec(log)?.[1];
  if (!id) return 'missing';
  const lines = log.split('\n').filter((l) => l.startsWith(`${id} `));
  return lines.some((l) => /^#\d+ CACHED/.test(l)) ? 'CACHED' : 'RAN';
}

describe('cache-to / cache-from and secrets on a docker-container builder', () => {
  const secret = `s3cr3t-${randomBytes(12).toString('hex')}`;
  const localCache = () => join(root, 'local-cache');
  const registryCache = testImage(`h6-cache-${tag}`) + ':buildcache';
  let first: ActionRun;

  beforeAll(async () => {
    first = await build('v1.0.0', await builders!.create(), {
      secrets: `token=${secret}`,
      provenance: 'mode=max',
      'cache-to': `type=registry,ref=${registryCache},mode=max\ntype=local,dest=${localCache()},mode=max`,
    });
  }, 600_000);

  it('the first build runs the step and reads the secret', () => {
    expect(runStepState(first.stdout)).toBe('RAN');
  });

  it('type=registry: a second build on an empty builder finds the step CACHED', async () => {
    const second = await build('v1.0.1', await builders!.create(), { secrets: `token=${secret}`, 'cache-from': `type=registry,ref=${registryCache}` });
    expect(runStepState(second.stdout), second.stdout.slice(-3000)).toBe('CACHED');
  });

  it('type=local: a second build on an empty builder finds the step CACHED', async () => {
    const second = await build('v1.0.2', await builders!.create(), { secrets: `token=${secret}`, 'cache-from': `type=local,src=${localCache()}` });
    expect(runStepState(second.stdout), second.stdout.slice(-3000)).toBe('CACHED');
  });

  it('the secret appears nowhere: log (but the mask), outputs, layers, config, history, provenance', async () => {
    const maskLines = (first.stdout + first.stderr).split('\n').filter((l) => l.includes(secret));
    expect(maskLines.length).toBeGreaterThan(0);
    for (const line of maskLines) expect(line).toBe(`::add-mask::${secret}`);
    expect(JSON.stringify(first.outputs)).not.toContain(secret);
    expect(first.summary).not.toContain(secret);

    const { repository } = splitRef(testImage(`h6-cache-${tag}`));
    const index = await fetchManifest(repository, first.outputs['digest'] as string);
    const seen: string[] = [index.raw];
    let sawLength = false;
    let sawProvenance = false;
    for (const entry of index.json.manifests ?? []) {
      const manifest = await fetchManifest(repository, entry.digest);
      seen.push(manifest.raw);
      for (const blob of [manifest.json.config, ...(manifest.json.layers ?? [])]) {
        if (!blob) continue;
        let bytes = await fetchBlob(repository, blob.digest);
        if (/gzip/.test(blob.mediaType)) bytes = gunzipSync(bytes);
        const text = bytes.toString('latin1');
        if (text.includes(`len=${secret.length}`)) sawLength = true;
        if (text.includes('https://slsa.dev/provenance')) sawProvenance = true;
        seen.push(text);
      }
    }
    // The step did read it, provenance (mode=max) is there, and the value is in none of it.
    expect(sawLength).toBe(true);
    expect(sawProvenance).toBe(true);
    for (const text of seen) expect(text.includes(secret)).toBe(false);
  });
});
