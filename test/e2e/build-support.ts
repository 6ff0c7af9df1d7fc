// Fixtures for the build e2e suites: a verified encoder cache folder laid out as tiktoken
// reads it (sha1 of the canonical URL) from the real bytes, and busybox build contexts.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type BuildDeps, type BuildResult } from '../../src/build/build.js';
import type { BuildOptions } from '../../src/build/options.js';
import { publish } from '../../src/build/publish.js';
import { MANIFEST_FILE, buildManifest, serializeManifest } from '../../src/encoders/manifest.js';
import { selectFiles } from '../../src/encoders/selection.js';
import { canonicalUrl, ENCODING_NAMES, ENCODINGS, PINNED_FILES, type PinnedFileId } from '../../src/pins.js';
import { encoderBytes } from '../support/encoder-bytes.js';

export const ARM64_BUSYBOX = '/var/lib/oneapi-offline-e2e/busybox-arm64/bin/busybox';
export const AMD64_BUSYBOX = '/bin/busybox';
const FIXTURES = resolve(import.meta.dirname, '../../fixtures/images');

export function sha1Name(id: PinnedFileId): string {
  return createHash('sha1').update(canonicalUrl(PINNED_FILES[id])).digest('hex');
}

/**
 * A cache folder with the given pinned files under their sha1 names and the manifest.json prepare
 * would write for them (the build stages only the files a manifest of ours lists).
 */
export async function encoderCache(dir: string, ids: readonly PinnedFileId[]): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const id of ids) await writeFile(join(dir, sha1Name(id)), await encoderBytes(id));
  const encodings = ENCODING_NAMES.filter((name) => ENCODINGS[name].some((id) => ids.includes(id)));
  const files = selectFiles(encodings).filter((file) => (ids as readonly string[]).includes(file.id));
  await writeFile(join(dir, MANIFEST_FILE), serializeManifest(buildManifest(files)));
  return dir;
}

/** A build context: the fixture's Dockerfile plus busybox-amd64 and busybox-arm64. */
export async function busyboxContext(dir: string, fixture: 'busybox' | 'busybox-base' | 'busybox-proxy'): Promise<string> {
  await mkdir(dir, { recursive: true });
  await copyFile(join(FIXTURES, fixture, 'Dockerfile'), join(dir, 'Dockerfile'));
  for (const [from, to] of [[AMD64_BUSYBOX, 'busybox-amd64'], [ARM64_BUSYBOX, 'busybox-arm64']] as const) {
    await copyFile(from, join(dir, to)).catch((error: unknown) => {
      throw new Error(`static busybox missing at ${from}; run \`sudo bash scripts/provision-engine.sh\``, { cause: error });
    });
  }
  return dir;
}

export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `oneapi-build-${prefix}-`));
}

/**
 * build() then publish(): for suites about the build itself, which read the tags back. The
 * pipeline verifies in between (test/e2e/publish.test.ts shows that nothing is tagged before).
 */
export async function buildAndTag(options: BuildOptions, prepared: { readonly cacheDir: string }, deps: BuildDeps): Promise<BuildResult> {
  const built = await build(options, prepared, deps);
  await publish(built, options, deps);
  return built;
}
