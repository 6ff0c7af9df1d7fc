// Running the bundled CLI with engine: registry on a PATH that holds no docker (a folder of
// our own, plus whatever helper scripts a test puts there), and the tiktoken base the readers run in.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TiktokenEncoding } from 'js-tiktoken';
import { layOutBytes } from '../../src/encoders/lay-out-bytes.js';
import type { PinnedFileId } from '../../src/pins.js';
import { encoderBytes } from '../support/encoder-bytes.js';
import { fetchManifest, imageEntries, platformOf, testImage } from '../support/docker.js';
import { node24, REPO_ROOT } from '../support/run-action.js';

export const BASE_REPO = 'oneapi-offline-test/tiktoken-base';
export const TIKTOKEN_BASE = testImage('tiktoken-base:trixie');
export const ENCODINGS = ['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base'] as const satisfies readonly TiktokenEncoding[];
export const PLATFORMS = ['linux/amd64', 'linux/arm64'] as const;

export async function requireTiktokenBase(): Promise<void> {
  const why = 'run `sudo bash scripts/provision-bases.sh` (after scripts/provision-engine.sh)';
  const platforms = imageEntries(await fetchManifest(BASE_REPO, 'trixie').catch((error: unknown) => {
    throw new Error(`the tiktoken base ${TIKTOKEN_BASE} is not in the registry (${String(error)}); ${why}`);
  })).map(platformOf);
  for (const p of PLATFORMS) if (!platforms.includes(p)) throw new Error(`the tiktoken base has no ${p}; ${why}`);
}

/** A source folder with the real encoder files under their sha1 names. */
export async function encoderSource(dir: string): Promise<string> {
  await layOutBytes(dir, ENCODINGS, (file) => encoderBytes(file.id as PinnedFileId));
  return dir;
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly json: Record<string, unknown>;
}

export interface NoDockerEnv {
  /** The only folder on PATH: no docker, no buildx, no containerd tools. */
  readonly bin: string;
  readonly env: Record<string, string>;
}

export async function noDockerEnv(root: string, extra: Record<string, string> = {}): Promise<NoDockerEnv> {
  const bin = join(root, 'bin');
  await mkdir(bin, { recursive: true });
  await mkdir(join(root, 'tmp'), { recursive: true });
  const env = { PATH: bin, HOME: root, XDG_CACHE_HOME: join(root, 'xdg'), TMPDIR: join(root, 'tmp'), DOCKER_CONFIG: join(root, 'docker-config'), ...extra };
  for (const dir of env.PATH.split(':')) if (existsSync(join(dir, 'docker'))) throw new Error(`test setup: ${dir} holds docker`);
  return { bin, env };
}

/** `oneapi-offline <args>` from dist/cli.mjs on Node 24, under `umask`, with exactly `env`. */
export function runCli(args: readonly string[], env: Record<string, string>, umask = '022'): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', `umask ${umask}; exec "$0" "$@"`, node24(), join(REPO_ROOT, 'dist/cli.mjs'), ...args], { env, cwd: env['HOME'], stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(stdout) as Record<string, unknown>;
      } catch {
        // left empty: the test reads code and stderr
      }
      resolve({ code: code ?? -1, stdout, stderr: Buffer.concat(err).toString('utf8'), json });
    });
  });
}
