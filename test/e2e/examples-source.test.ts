// examples/one-api/Dockerfile.source built for real, through the bundled action, with stand-ins:
// its three bases (node, golang, alpine on Docker Hub, which this machine cannot reach) are
// busybox images in the loopback registry passed through the Dockerfile's own base ARGs, each
// with a stand-in for the one tool that stage calls (npm, go + apk, apk), and the One API
// checkout is a tiny tree with One API's layout (VERSION, web/<theme>/, go.mod, go.sum).
//
// What this proves: the Dockerfile's stages and their wiring (the web stage once on the build
// platform, its output copied into the server stage, the server built per target platform and
// copied to /one-api), the build-arg quoting of `$(cat VERSION)`, the offline lines (ENV,
// COPY --from=tiktoken) as the action's verifier and the consumers read them, WORKDIR,
// HEALTHCHECK and ENTRYPOINT on the final image, and that cache-to/cache-from carry every step
// to an empty builder. What it does not prove: that One API's real npm and Go builds succeed
// with these bases (that needs Docker Hub and takes minutes; it runs on GitHub, see
// examples/workflows/release-source.yml), nor anything about the real node/golang/alpine images.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMD64_BUSYBOX, ARM64_BUSYBOX } from './build-support.js';
import { BUILDERS, emptyBuilders, requireBuilder } from '../support/builders.js';
import { fetchBlob, fetchManifest, imageEntries, platformOf, requireEngine, runDocker, splitRef, testImage, uniqueTag } from '../support/docker.js';
import { buildAndPush } from '../support/engine-push.js';
import { startMirrorServer, type MirrorServer } from '../support/mirror-server.js';
import { freshRunner, REPO_ROOT, runAction, type ActionRun } from '../support/run-action.js';

const execFileP = promisify(execFile);
const DOCKERFILE = join(REPO_ROOT, 'examples/one-api/Dockerfile.source');
const VERSION = 'v0.6.10-standin';
const tag = uniqueTag();
const THEMES = ['default', 'berry', 'air'] as const;

// --- the stand-in bases: static busybox plus the tools each stage calls --------------------------
const STANDIN_DOCKERFILE = `FROM scratch
ARG TARGETARCH
COPY busybox-\${TARGETARCH} /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
RUN ["/bin/busybox", "mkdir", "-m", "1777", "/tmp"]
COPY tools/ /usr/local/bin/
ENV PATH=/usr/local/bin:/bin
`;

/** What One API's web/<theme>/package.json does on `npm run build` (react-scripts/vite, then mv to ../build/<theme>). */
const NPM = `#!/bin/sh
set -e
case "$*" in
  install) echo "npm stand-in: install in $PWD" ;;
  "run build")
    theme=$(basename "$PWD")
    [ "$DISABLE_ESLINT_PLUGIN" = true ] || { echo "npm stand-in: DISABLE_ESLINT_PLUGIN is not true" >&2; exit 1; }
    mkdir -p "../build/$theme"
    printf 'web %s %s\\n' "$theme" "$REACT_APP_VERSION" > "../build/$theme/index.html" ;;
  *) echo "npm stand-in: unexpected: $*" >&2; exit 1 ;;
esac
`;

/** Records what was added, as apk's world file does. */
const APK = `#!/bin/sh
set -e
[ "$1" = add ] || { echo "apk stand-in: only add" >&2; exit 1; }
shift
[ "$1" = --no-cache ] && shift
mkdir -p /etc/apk
for p in "$@"; do echo "$p" >> /etc/apk/world; done
`;

/**
 * \`go mod download\` checks the module files; \`go build … -o one-api\` checks the stage's ENV,
 * g++ (apk), the copied web UIs, and writes a program that embeds the version from -ldflags,
 * the machine it was built on and the web UIs, and serves /api/status as One API does.
 */
const GO = `#!/bin/sh
set -e
case "$1" in
  mod) [ "$2" = download ] && [ -s go.mod ] && [ -s go.sum ] && echo "go stand-in: $(head -n 1 go.mod)" ;;
  build)
    [ "$CGO_ENABLED" = 1 ] && [ "$GOOS" = linux ] && [ "$GO111MODULE" = on ] || { echo "go stand-in: the stage's ENV is missing" >&2; exit 1; }
    grep -qx 'g++' /etc/apk/world || { echo "go stand-in: g++ was not added" >&2; exit 1; }
    out=''; ldflags=''
    while [ $# -gt 0 ]; do
      case "$1" in -o) out=$2; shift ;; -ldflags) ldflags=$2; shift ;; esac
      shift
    done
    version=\${ldflags#*common.Version=}; version=\${version%%"'"*}
    web=''
    for theme in default berry air; do
      [ -s "web/build/$theme/index.html" ] || { echo "go stand-in: web/build/$theme is missing" >&2; exit 1; }
      web="$web$(cat "web/build/$theme/index.html");"
    done
    {
      echo '#!/bin/sh'
      echo "# one-api stand-in version=$version machine=$(uname -m) web=$web"
      echo 'mkdir -p /tmp/www/api && printf "{\\"success\\":true}" > /tmp/www/api/status'
      echo 'exec httpd -f -p 127.0.0.1:3000 -h /tmp/www'
    } > "$out"
    chmod 755 "$out" ;;
  *) echo "go stand-in: unexpected: $*" >&2; exit 1 ;;
esac
`;

const STANDINS = { node: { npm: NPM }, golang: { go: GO, apk: APK }, alpine: { apk: APK } } as const;

let root: string;
let mirror: MirrorServer;
let source: string;
const bases: Record<keyof typeof STANDINS, string> = { node: '', golang: '', alpine: '' };
let builders: Awaited<ReturnType<typeof emptyBuilders>> | undefined;
let golangDigest: string;
const pulled: string[] = [];

async function standIn(name: keyof typeof STANDINS): Promise<string> {
  const dir = join(root, `standin-${name}`);
  await mkdir(join(dir, 'tools'), { recursive: true });
  await writeFile(join(dir, 'Dockerfile'), STANDIN_DOCKERFILE);
  for (const [from, to] of [[AMD64_BUSYBOX, 'busybox-amd64'], [ARM64_BUSYBOX, 'busybox-arm64']] as const) {
    await writeFile(join(dir, to), await readFile(from).catch((error: unknown) => {
      throw new Error(`static busybox missing at ${from}; run \`sudo bash scripts/provision-engine.sh\``, { cause: error });
    }), { mode: 0o755 });
  }
  for (const [tool, text] of Object.entries(STANDINS[name])) await writeFile(join(dir, 'tools', tool), text, { mode: 0o755 });
  const image = `${testImage(`i9-source-${name}`)}:${tag}`;
  await buildAndPush(image, dir, { args: ['--platform', 'linux/amd64,linux/arm64', '--provenance', 'false'] });
  return image;
}

/** A One API checkout in miniature: the files the Dockerfile copies, in One API's layout. */
async function sourceTree(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'VERSION'), VERSION);
  await writeFile(join(dir, 'go.mod'), 'module github.com/songquanpeng/one-api\n\ngo 1.20\n');
  await writeFile(join(dir, 'go.sum'), 'github.com/example/none v0.0.0 h1:stand-in=\n');
  await writeFile(join(dir, 'main.go'), 'package main\n\nfunc main() {}\n');
  for (const theme of THEMES) {
    await mkdir(join(dir, 'web', theme), { recursive: true });
    await writeFile(join(dir, 'web', theme, 'package.json'), JSON.stringify({ name: theme, scripts: { build: `react-scripts build && mv -f build ../build/${theme}` } }));
  }
  return dir;
}

/** The README's pinning one-liner (its sh block), run against `image` instead of One API's release. */
async function readmeDigest(image: string): Promise<string> {
  const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
  const line = readme.split('\n').find((l) => l.startsWith('docker buildx imagetools inspect --format'));
  if (!line) throw new Error('the README lost its digest one-liner');
  const { stdout } = await execFileP('bash', ['-c', line.replaceAll('justsong/one-api:v0.6.10', image)]);
  return stdout.trim();
}

beforeAll(async () => {
  await requireEngine();
  root = await mkdtemp(join(tmpdir(), 'oneapi-source-example-'));
  builders = await emptyBuilders(root, `i9-source-${tag}`);
  mirror = await startMirrorServer();
  for (const name of Object.keys(STANDINS) as Array<keyof typeof STANDINS>) bases[name] = await standIn(name);
  // The Go base pinned as the README tells users to pin theirs: tag@index digest.
  golangDigest = await readmeDigest(bases.golang);
  source = await sourceTree(join(root, 'one-api'));
}, 600_000);

afterAll(async () => {
  await builders?.remove();
  for (const image of pulled) await runDocker(['image', 'rm', '-f', image], { allowFailure: true });
  await mirror?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

const image = testImage(`i9-source-${tag}`);

/** The release-source example's step, with the stand-in bases as build-args. */
async function build(name: string, inputs: Record<string, string>): Promise<ActionRun> {
  const runner = await freshRunner(join(root, `runner-${name}`));
  const run = await runAction(
    runner,
    {
      mirror: mirror.origin,
      encoders: 'cl100k_base',
      context: source,
      file: DOCKERFILE,
      'build-args': `NODE_IMAGE=${bases.node}\nGO_IMAGE=${bases.golang}@${golangDigest}\nRUNTIME_IMAGE=${bases.alpine}`,
      platforms: 'linux/amd64,linux/arm64',
      images: image,
      version: 'v1.0.0',
      flavor: `prefix=${name}-\nlatest=false`,
      push: 'true',
      ...inputs,
    },
    { timeoutMs: 900_000 },
  );
  expect(run.code, run.stdout.slice(-5000)).toBe(0);
  return run;
}

/** The buildx log ids (`#12`) of the steps whose line matches `step`, one per vertex. */
function stepIds(log: string, step: RegExp): string[] {
  return [...new Set([...log.matchAll(new RegExp(`^(#\\d+) \\[[^\\]]*\\] ${step.source}`, 'gm'))].map((m) => m[1] as string))];
}

/** The state of those steps: CACHED, RAN (CACHED+RAN when they differ) or missing. */
function stepState(log: string, step: RegExp): string {
  const ids = stepIds(log, step);
  if (ids.length === 0) return 'missing';
  const states = ids.map((id) => (log.split('\n').some((l) => l.startsWith(`${id} CACHED`)) ? 'CACHED' : 'RAN'));
  return [...new Set(states)].join('+');
}

const WEB_STEP = /RUN for theme in default berry air/;
const GO_STEP = /RUN go build -trimpath/;

describe('examples/one-api/Dockerfile.source, as written', () => {
  it("is One API's build with its bases as ARGs (Docker Hub tags by default, never latest) plus the offline lines", async () => {
    const text = await readFile(DOCKERFILE, 'utf8');
    const instructions = text.split('\n').filter((l) => /^[A-Z]+\s/.test(l));
    expect(instructions.slice(0, 3)).toEqual(['ARG NODE_IMAGE=node:16-bookworm', 'ARG GO_IMAGE=golang:1.22-alpine3.20', 'ARG RUNTIME_IMAGE=alpine:3.20']);
    expect(instructions.filter((l) => l.startsWith('FROM '))).toEqual(['FROM --platform=$BUILDPLATFORM ${NODE_IMAGE} AS web', 'FROM ${GO_IMAGE} AS server', 'FROM ${RUNTIME_IMAGE}']);
    expect(text).not.toMatch(/:latest\b/);
    expect(instructions.filter((l) => l.startsWith('COPY --from='))).toEqual([
      'COPY --from=web /web/build ./web/build',
      'COPY --from=server /build/one-api /',
      'COPY --from=tiktoken --chown=0:0 --chmod=0444 . /tiktoken_cache',
    ]);
    expect(text).not.toMatch(/openaipublic|tiktoken\.get_encoding/); // nothing is downloaded in the build
  });
});

describe("the README's digest one-liner", () => {
  it('prints the index digest the registry serves the tag under', async () => {
    const { repository, reference } = splitRef(bases.golang);
    const head = await fetch(`http://127.0.0.1:5000/v2/${repository}/manifests/${reference}`, {
      method: 'HEAD',
      headers: { accept: 'application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json' },
    });
    expect(golangDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(golangDigest).toBe(head.headers.get('docker-content-digest'));
    expect(imageEntries(await fetchManifest(repository, golangDigest)).map(platformOf).sort()).toEqual(['linux/amd64', 'linux/arm64']);
  });
});

describe.each(BUILDERS)('examples/one-api/Dockerfile.source with stand-in bases, on $name ($driver)', (builder) => {
  let run: ActionRun;
  let digest: string;

  beforeAll(async () => {
    await requireBuilder(builder);
    run = await build(builder.name, { builder: builder.name });
    digest = run.outputs['digest'] as string;
  }, 900_000);

  it('builds for amd64 and arm64, passes the action’s offline verification and is tagged', () => {
    const verification = JSON.parse(run.outputs['verification'] as string) as { ok: boolean; platforms: Array<{ platform: string; ok: boolean }> };
    expect(verification.platforms.map((p) => [p.platform, p.ok]).sort()).toEqual([
      ['linux/amd64', true],
      ['linux/arm64', true],
    ]);
    expect(run.outputs['tags']?.split('\n')).toEqual(['v1.0.0', 'v1.0', 'v1'].map((t) => `${image}:${builder.name}-${t}`));
    // The platform check read the FROM images through the base ARGs (the web stage is the build platform's).
    expect(run.stdout).toContain('platform check: FROM ${NODE_IMAGE} skipped (runs on the build platform');
    expect(run.stdout).not.toMatch(/platform check: FROM \$\{(GO|RUNTIME)_IMAGE\} skipped/);
  });

  it('the final image: the offline ENV outside /data, WORKDIR /data, port 3000, the HEALTHCHECK, /one-api', async () => {
    const { repository } = splitRef(image);
    const index = await fetchManifest(repository, digest);
    const entries = imageEntries(index);
    expect(entries.map(platformOf).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    for (const entry of entries) {
      const manifest = await fetchManifest(repository, entry.digest);
      const config = JSON.parse((await fetchBlob(repository, manifest.json.config?.digest ?? '')).toString('utf8')) as {
        config: { Env: string[]; WorkingDir: string; Entrypoint: string[]; ExposedPorts: Record<string, unknown>; Healthcheck?: { Test: string[] }; User?: string };
      };
      const c = config.config;
      expect(c.Env, platformOf(entry)).toEqual(expect.arrayContaining(['TIKTOKEN_CACHE_DIR=/tiktoken_cache', 'DATA_GYM_CACHE_DIR=/tiktoken_cache']));
      expect(c.WorkingDir).toBe('/data');
      expect(c.Entrypoint).toEqual(['/one-api']);
      expect(Object.keys(c.ExposedPorts)).toEqual(['3000/tcp']);
      expect(c.Healthcheck?.Test).toEqual(['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:3000/api/status']);
      expect(c.User ?? '').toBe('');
    }
  });

  it('the web stage ran once and reached the server stage; the server was built per target platform with the VERSION', async () => {
    const ref = `${image}@${digest}`;
    pulled.push(ref);
    const web = THEMES.map((t) => `web ${t} ${VERSION};`).join('');
    for (const [platform, machine] of [['linux/amd64', 'x86_64'], ['linux/arm64', 'aarch64']] as const) {
      const head = await runDocker(['run', '--rm', '--network', 'none', '--platform', platform, '--entrypoint', 'head', ref, '-n', '2', '/one-api']);
      expect(head.stdout.split('\n')[1], platform).toBe(`# one-api stand-in version=${VERSION} machine=${machine} web=${web}`);
      const world = await runDocker(['run', '--rm', '--network', 'none', '--platform', platform, '--entrypoint', 'cat', ref, '/etc/apk/world']);
      expect(world.stdout.trim().split('\n'), platform).toEqual(['ca-certificates', 'tzdata']);
    }
    // Once: one RUN line for the web stage (on the build platform), two for the Go build.
    expect(stepIds(run.stdout, WEB_STEP)).toHaveLength(1);
    expect(stepIds(run.stdout, GO_STEP)).toHaveLength(2);
  });

  // Once (on Engine's builder, whose image the engine runs as built); not registered for the others, so nothing shows as skipped.
  if (builder.driver === 'docker') it('its HEALTHCHECK turns healthy with no network', async () => {
    const ref = `${image}@${digest}`;
    const name = `i9-source-${tag}`;
    try {
      await runDocker(['run', '-d', '--name', name, '--network', 'none', '--platform', 'linux/amd64', '--health-interval', '1s', '--health-start-period', '0s', ref]);
      const deadline = Date.now() + 90_000;
      let status = '';
      while (Date.now() < deadline && status !== 'healthy') {
        status = (await runDocker(['inspect', '--format', '{{.State.Health.Status}}', name])).stdout.trim();
        if (status !== 'healthy') await new Promise((r) => setTimeout(r, 500));
      }
      expect(status).toBe('healthy');
    } finally {
      await runDocker(['rm', '-f', name], { allowFailure: true });
    }
  });
});

describe('examples/one-api/Dockerfile.source: cache-to / cache-from type=local between empty builders', () => {
  const cache = () => join(root, 'layer-cache');
  let first: ActionRun;
  let second: ActionRun;

  beforeAll(async () => {
    first = await build('cache-a', { builder: await builders!.create(), 'cache-to': `type=local,dest=${cache()},mode=max` });
    second = await build('cache-b', { builder: await builders!.create(), 'cache-from': `type=local,src=${cache()}` });
  }, 1_200_000);

  it('the first build runs the web and Go steps and exports them', () => {
    expect(stepState(first.stdout, WEB_STEP)).toBe('RAN');
    expect(stepState(first.stdout, GO_STEP)).toBe('RAN');
    expect(first.stdout).toMatch(/exporting cache/);
  });

  it('a second build on an empty builder finds them CACHED and still verifies', () => {
    expect(stepState(second.stdout, WEB_STEP), second.stdout.slice(-4000)).toBe('CACHED');
    expect(stepState(second.stdout, GO_STEP), second.stdout.slice(-4000)).toBe('CACHED');
    expect(JSON.parse(second.outputs['verification'] as string).ok).toBe(true);
  });
});
