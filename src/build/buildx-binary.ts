// The buildx plugin binary the Docker CLI on PATH would run for `docker buildx …`, to run it
// directly (buildx works standalone: `docker-buildx build …` is `docker buildx build …`).
//
// Measured here (Docker 26.1, buildx 0.13): `docker buildx ls` 0.57–0.67 s, the plugin alone
// 0.38–0.40 s. The CLI starts, asks the plugin for its metadata (a second process), then runs
// it: about 0.2 s the build step waited for on every build.
//
// Only when PATH's `docker` is a real program (an ELF binary: a wrapper script, podman's shim or
// a test's fake is left alone and run as it is), the config names no extra plugin folders, and
// a `docker-buildx` sits in the folders the Docker CLI searches, in its order:
// `$DOCKER_CONFIG/cli-plugins` (default `~/.docker/cli-plugins`, where setup-buildx-action puts
// the buildx it installs), then the system folders. Otherwise undefined: `docker buildx`.
import { constants } from 'node:fs';
import { access, open, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { dockerConfigDir } from '../cache/docker-config-dir.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The Docker CLI's system plugin folders (docker/cli, Linux), searched in this order. */
const SYSTEM_PLUGIN_DIRS = ['/usr/local/lib/docker/cli-plugins', '/usr/local/libexec/docker/cli-plugins', '/usr/lib/docker/cli-plugins', '/usr/libexec/docker/cli-plugins'] as const;

async function executableFile(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  return info?.isFile() === true && (await access(path, constants.X_OK).then(() => true, () => false));
}

async function isElf(path: string): Promise<boolean> {
  const handle = await open(path, 'r').catch(() => undefined);
  if (!handle) return false;
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    return head.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
  } finally {
    await handle.close();
  }
}

/** The first `docker` on PATH, as a shell would find it. */
async function dockerOnPath(env: Env): Promise<string | undefined> {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    if (await executableFile(join(dir, 'docker'))) return join(dir, 'docker');
  }
  return undefined;
}

/** True when the Docker client config (config.json's text) adds plugin folders of its own. Pure. */
export function namesExtraPluginDirs(dockerConfig: string | undefined): boolean {
  if (!dockerConfig) return false;
  try {
    const dirs = (JSON.parse(dockerConfig) as { cliPluginsExtraDirs?: unknown }).cliPluginsExtraDirs;
    return Array.isArray(dirs) && dirs.length > 0;
  } catch {
    return true; // unreadable: do not guess what the CLI would make of it
  }
}

export async function buildxBinary(env: Env, dockerConfig: string | undefined, home = homedir()): Promise<string | undefined> {
  if (process.platform !== 'linux' || namesExtraPluginDirs(dockerConfig)) return undefined;
  const docker = await dockerOnPath(env);
  if (!docker || !(await isElf(docker))) return undefined;
  for (const dir of [join(dockerConfigDir(env, home), 'cli-plugins'), ...SYSTEM_PLUGIN_DIRS]) {
    const candidate = join(dir, 'docker-buildx');
    if (await executableFile(candidate)) return candidate;
  }
  return undefined;
}
