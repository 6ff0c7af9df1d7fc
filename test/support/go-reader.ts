// The Go reader: fixtures/readers/tiktoken-go/main.go over pkoukk/tiktoken-go v0.1.7 (One API's
// tokenizer), built static for linux/amd64 and linux/arm64 by scripts/provision-readers.sh and
// kept under $STATE/readers/tiktoken-go-main-<sha256 of main.go>/. A binary that is missing, or
// was built from another main.go, fails the test with a message naming the script; never a skip.
import { createHash } from 'node:crypto';
import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './run-action.js';

export const GO_READER_MAIN = join(REPO_ROOT, 'fixtures/readers/tiktoken-go/main.go');
/** Where the tests bind-mount the binary (read-only) in a container. */
export const GO_READER_IN_CONTAINER = '/opt/oneapi-offline/tiktoken-go-reader';
const STATE = process.env['OFFLINE_E2E_STATE'] || '/var/lib/oneapi-offline-e2e';
const PROVISION = 'run `sudo bash scripts/provision-readers.sh` (after scripts/provision-engine.sh and scripts/provision-buildkit.sh, which installs Go)';
const ARCHES: Readonly<Record<string, 'amd64' | 'arm64'>> = { 'linux/amd64': 'amd64', 'linux/arm64': 'arm64', 'linux/arm64/v8': 'arm64' };

/** The host path of the Go reader built from this checkout's main.go for `platform`. */
export function goReaderBinary(platform: string): string {
  const arch = ARCHES[platform];
  if (!arch) throw new Error(`the Go reader is built for ${Object.keys(ARCHES).join(', ')}, not ${platform}`);
  const main = createHash('sha256').update(readFileSync(GO_READER_MAIN)).digest('hex');
  const path = join(STATE, 'readers', `tiktoken-go-main-${main}`, `tiktoken-go-reader-linux-${arch}`);
  try {
    accessSync(path, constants.X_OK);
  } catch (error) {
    throw new Error(`the Go reader for ${platform} built from ${GO_READER_MAIN} (sha256 ${main}) is not at ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}); ${PROVISION}`, { cause: error });
  }
  return path;
}

/** Fails unless the Go reader is there for every platform in `platforms`. */
export function requireGoReader(platforms: readonly string[] = ['linux/amd64', 'linux/arm64']): void {
  for (const platform of platforms) goReaderBinary(platform);
}
