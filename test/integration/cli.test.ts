// The bundled CLI (dist/cli.mjs) as GitLab CI, Jenkins or a laptop runs it: flags named like the
// action's inputs, caches under XDG_CACHE_HOME, JSON on stdout, the log on stderr, and exit codes
// that tell bad input, hash mismatch and download failure apart.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_INPUTS, COMMANDS, flagOf } from '../../src/cli/commands.js';
import { ExitCode } from '../../src/errors.js';
import { PINNED_FILES } from '../../src/pins.js';
import { startMirrorServer, type MirrorServer } from '../support/mirror-server.js';
import { REPO_ROOT } from '../support/run-action.js';

const run = promisify(execFile);

let root: string;
let mirror: MirrorServer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'oneapi-cli-'));
  mirror = await startMirrorServer();
});
afterAll(async () => {
  await mirror.close();
  await rm(root, { recursive: true, force: true });
});

function cli(args: readonly string[], home: string, options: { cwd?: string; env?: Record<string, string> } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env['PATH'] ?? '', HOME: home, XDG_CACHE_HOME: join(home, '.cache'), ...options.env };
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'dist/cli.mjs'), ...args], { env, cwd: options.cwd ?? home, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('close', (code) => done({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

describe('oneapi-offline CLI', () => {
  it('prepare lays out the verified folder and keeps the files in its own tool cache', async () => {
    const home = await mkdtemp(join(root, 'home-'));
    const out = join(home, 'tiktoken_cache');
    const run = await cli(['prepare', '--mirror', mirror.origin, '--out', out, '--encoders', 'cl100k_base,p50k_edit'], home);
    expect(run.code, run.stderr).toBe(ExitCode.ok);
    const result = JSON.parse(run.stdout) as { 'cache-dir': string; 'cache-hit': boolean; source: string; files: Array<{ id: string; cacheFile: string }> };
    expect(result['cache-dir']).toBe(out);
    expect(result).toMatchObject({ 'cache-hit': false, source: 'download' });
    for (const file of result.files) {
      const bytes = await readFile(join(out, file.cacheFile));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(PINNED_FILES[file.id as keyof typeof PINNED_FILES].sha256);
    }
    expect(await readdir(join(home, '.cache/oneapi-offline/tool-cache'))).toEqual(expect.arrayContaining(['tiktoken-cl100k_base', 'tiktoken-p50k_base']));

    const again = await cli(['prepare', '--mirror', 'http://127.0.0.1:9/unreachable', '--out', join(home, 'second'), '--encoders', 'cl100k_base'], home);
    expect(again.code, again.stderr).toBe(ExitCode.ok);
    expect(JSON.parse(again.stdout)).toMatchObject({ 'cache-hit': true, source: 'tool-cache' });
  });

  it.each([
    [['prepare', '--encoders', 'cl100k'], ExitCode.badInput, /input "encoders"[\s\S]*cl100k[\s\S]*fix:/],
    [['prepare', '--mirror', 'file:///etc'], ExitCode.badInput, /input "mirror"/],
    [['prepare', '--frobnicate'], ExitCode.badInput, /--frobnicate/],
    [['build', '--platforms', 'linux/amd64', '--push'], ExitCode.badInput, /input "push"[\s\S]*images/],
    [['prepare', '--out', '/etc/hostname/cache'], ExitCode.badInput, /input "cache-dir"[\s\S]*ENOTDIR[\s\S]*writable folder/],
    [['verify', '--images', 'Bad Name@sha256:00'], ExitCode.badInput, /input "images"/],
  ])('%j exits %i before any download', async (args, code, message) => {
    const home = await mkdtemp(join(root, 'bad-'));
    const before = mirror.requests.length;
    // verify takes no --mirror (it downloads nothing); the others get the counting mirror.
    const run = await cli(args.includes('--mirror') || args[0] === 'verify' ? args : [...args, '--mirror', mirror.origin], home);
    expect(run.code, run.stderr).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(mirror.requests.length).toBe(before);
  });

  it('wrong bytes exit 3 (hash mismatch) and a missing file exits 4 (download), keeping nothing', async () => {
    const home = await mkdtemp(join(root, 'faults-'));
    const tampered = await startMirrorServer({ files: new Map([['/encodings/r50k_base.tiktoken', Buffer.from('<html>503 from a captive portal</html>')]]) });
    try {
      const out = join(home, 'cache');
      const bad = await cli(['prepare', '--mirror', tampered.origin, '--out', out, '--encoders', 'r50k_base'], home);
      expect(bad.code, bad.stderr).toBe(ExitCode.integrity);
      expect(bad.stderr).toContain(PINNED_FILES.r50k_base.sha256);
      await expect(readdir(out)).rejects.toThrow();
      const missing = await cli(['prepare', '--mirror', tampered.origin, '--out', out, '--encoders', 'cl100k_base'], home);
      expect(missing.code, missing.stderr).toBe(ExitCode.network);
      expect(missing.stderr).toContain(`${tampered.origin}/encodings/cl100k_base.tiktoken`);
    } finally {
      await tampered.close();
    }
  });

  it('prepare --refresh against changed upstream bytes exits 3 and reports drift on stdout', async () => {
    const home = await mkdtemp(join(root, 'refresh-'));
    const changed = await startMirrorServer();
    changed.fault('/encodings/o200k_base.tiktoken', { kind: 'bytes', body: Buffer.from('o200k, but different') });
    try {
      const run = await cli(['prepare', '--refresh', '--mirror', changed.origin, '--out', join(home, 'cache'), '--encoders', 'o200k_base'], home);
      expect(run.code, run.stderr).toBe(ExitCode.integrity);
      expect(JSON.parse(run.stdout)).toMatchObject({ drift: true });
      expect(run.stderr).toContain(PINNED_FILES.o200k_base.sha256);
    } finally {
      await changed.close();
    }
  });

  it('--help lists the commands and exits 0; --version prints package.json\'s version', async () => {
    const run = await cli(['--help'], root);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/prepare[\s\S]*build[\s\S]*verify[\s\S]*merge/);
    const version = await cli(['--version'], root);
    expect(version.code, version.stderr).toBe(0);
    const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout).toBe(`${pkg.version}\n`);
  });

  it.each(COMMANDS)('%s --help lists that command\'s flags with action.yml\'s descriptions, and no other command\'s', async (command) => {
    const run = await cli([command, '--help'], root);
    expect(run.code, run.stderr).toBe(0);
    const listed = [...run.stdout.matchAll(/^ {2}--([a-z-]+)/gm)].map((m) => m[1]);
    expect(listed).toEqual(COMMAND_INPUTS[command].map(flagOf));
    const action = parse(await readFile(join(REPO_ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { description: string; default?: string }> };
    const flat = run.stdout.replace(/\s+/g, ' ');
    expect(flat).toContain(action.inputs['encoders']!.description);
    if (command === 'build') {
      expect(flat).toContain(`${action.inputs['version']!.description}`);
      expect(flat).toContain(`(default: ${action.inputs['platforms']!.default})`);
      expect(listed).toContain('image-version');
    }
    if (command === 'prepare') expect(listed).not.toContain('push');
  });

  it.each([
    [['prepare', '--push'], /--push does not apply to "prepare"/],
    [['prepare', '--images', 'r/x'], /--images does not apply to "prepare"/],
    [['verify', '--mirror', 'http://127.0.0.1:9'], /--mirror does not apply to "verify"/],
    [['merge', '--base-image', 'x', '--merge-digest', 'sha256:aa'], /--base-image does not apply to "merge"/],
    [['build', '--version', 'v1.2.3'], /--version does not apply to "build"[\s\S]*--image-version/],
  ])('%j: a flag of another command is an input error (exit 2) naming the flag and the command', async (args, message) => {
    const home = await mkdtemp(join(root, 'foreign-'));
    const before = mirror.requests.length;
    const run = await cli(args, home);
    expect(run.code, run.stderr).toBe(ExitCode.badInput);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
    expect(mirror.requests.length).toBe(before);
  });
});

/** A git repository with one commit at `time`, tagged `tag`. */
async function gitRepo(dir: string, tag: string, time: number): Promise<{ sha: string }> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY --from=tiktoken . /tiktoken_cache\n');
  const env = { ...process.env, GIT_AUTHOR_DATE: `@${time} +0000`, GIT_COMMITTER_DATE: `@${time} +0000` };
  const git = (args: string[]): Promise<string> => run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-C', dir, ...args], { env }).then((r) => r.stdout.trim());
  await git(['init', '-q', '-b', 'main']);
  await git(['add', '.']);
  await git(['commit', '-q', '-m', tag]);
  await git(['tag', tag]);
  return { sha: await git(['rev-parse', 'HEAD']) };
}

// A `docker` on PATH that answers the engine probe and records the buildx argv, then fails the
// build (exit 5): what the CLI hands to buildx is what stamps the image. With FAKE_BUILD_OK it
// writes buildx's metadata file and succeeds instead.
const FAKE_DOCKER = `#!/bin/sh
case "$1 $2" in
  "buildx inspect") printf 'Name: fake\\nDriver: docker-container\\n\\nNodes:\\nName: fake0\\nStatus: running\\nPlatforms: linux/amd64, linux/arm64\\n'; exit 0;;
  "info --format") echo '[["driver-type","io.containerd.snapshotter.v1"]]'; exit 0;;
  "buildx build")
    printf '%s\\n' "$@" > "$ARGV_FILE"
    if [ -n "$FAKE_BUILD_OK" ]; then
      while [ $# -gt 0 ]; do [ "$1" = "--metadata-file" ] && echo '{}' > "$2"; shift; done
      exit 0
    fi
    echo "fake buildx: not building" >&2; exit 1;;
esac
echo "fake docker: unexpected $*" >&2; exit 1
`;

describe('git facts come from the build context\'s repository', () => {
  let work: string;
  let context: { sha: string };
  let elsewhere: { sha: string };
  let env: Record<string, string>;
  const argvFile = (): string => join(work, 'argv.txt');

  beforeAll(async () => {
    work = await mkdtemp(join(root, 'git-'));
    context = await gitRepo(join(work, 'context'), 'v7.7.7', 1_600_000_000);
    elsewhere = await gitRepo(join(work, 'elsewhere'), 'v1.1.1', 1_500_000_000);
    await mkdir(join(work, 'bin'));
    await writeFile(join(work, 'bin/docker'), FAKE_DOCKER, { mode: 0o755 });
    env = { PATH: `${join(work, 'bin')}:${process.env['PATH'] ?? ''}`, ARGV_FILE: argvFile() };
  });

  async function buildArgv(args: string[], cwd: string): Promise<{ argv: string[]; stderr: string }> {
    await rm(argvFile(), { force: true });
    const home = await mkdtemp(join(root, 'git-home-'));
    const result = await cli(['build', '--mirror', mirror.origin, '--encoders', 'r50k_base', '--platforms', 'linux/amd64', '--images', '127.0.0.1:5000/x/y', ...args], home, { cwd, env });
    expect(result.code, result.stderr).toBe(ExitCode.build);
    return { argv: (await readFile(argvFile(), 'utf8')).split('\n'), stderr: result.stderr };
  }

  it('Dockerfile mode run from another repository: the context\'s commit, tag and time', async () => {
    const { argv } = await buildArgv(['--context', join(work, 'context')], join(work, 'elsewhere'));
    expect(argv).toContain(`org.opencontainers.image.revision=${context.sha}`);
    expect(argv).toContain('SOURCE_DATE_EPOCH=1600000000');
    expect(argv).toContain('org.opencontainers.image.version=v7.7.7');
    expect(argv.join('\n')).not.toContain(elsewhere.sha);
    expect(argv.join('\n')).not.toContain('v1.1.1');
  });

  it('Dockerfile mode with a relative context resolves it from the folder the CLI runs in', async () => {
    const { argv } = await buildArgv(['--context', '../context'], join(work, 'elsewhere'));
    expect(argv).toContain(`org.opencontainers.image.revision=${context.sha}`);
  });

  it('overlay mode: the folder the user runs the CLI in', async () => {
    const { argv } = await buildArgv(['--base-image', '127.0.0.1:5000/x/base:1'], join(work, 'elsewhere'));
    expect(argv).toContain(`org.opencontainers.image.revision=${elsewhere.sha}`);
    expect(argv).toContain('SOURCE_DATE_EPOCH=1500000000');
    expect(argv).toContain('org.opencontainers.image.version=v1.1.1');
  });

  it('never the tool\'s own checkout: overlay mode run in it stamps no commit, and says why', async () => {
    const own = (await run('git', ['-C', REPO_ROOT, 'rev-parse', 'HEAD'])).stdout.trim();
    const { argv, stderr } = await buildArgv(['--base-image', '127.0.0.1:5000/x/base:1', '--image-version', 'v3'], REPO_ROOT);
    expect(argv.join('\n')).not.toContain(own);
    expect(argv.some((a) => a.startsWith('org.opencontainers.image.revision='))).toBe(false);
    expect(stderr).toMatch(/this tool's own checkout/);
  });
});

describe('a build that keeps nothing', () => {
  it('says so (no --push, --load or --archive)', async () => {
    const work = await mkdtemp(join(root, 'kept-'));
    await mkdir(join(work, 'bin'));
    await writeFile(join(work, 'bin/docker'), FAKE_DOCKER, { mode: 0o755 });
    const env = { PATH: `${join(work, 'bin')}:${process.env['PATH'] ?? ''}`, ARGV_FILE: join(work, 'argv.txt'), FAKE_BUILD_OK: '1' };
    const args = ['build', '--mirror', mirror.origin, '--encoders', 'r50k_base', '--platforms', 'linux/amd64', '--base-image', '127.0.0.1:5000/x/base:1', '--no-verify'];
    const kept = await cli(args, work, { cwd: work, env });
    expect(kept.code, kept.stderr).toBe(ExitCode.ok);
    expect(kept.stderr).toMatch(/warning: the image was built .* kept nowhere \(no --push, --load or --archive\)/);
  });
});
