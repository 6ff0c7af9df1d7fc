// Stand-in bases for the never-worse-than-the-base suite, made cheaply: the real
// python3-tiktoken base (amd64 and arm64) plus one hand-written layer that puts files in
// /app/api/.tiktoken_cache and an Env that points TIKTOKEN_CACHE_DIR there, as Dify's api image
// does, pushed per platform (append-layers.ts, base blobs mounted) under one index.
import { getEncoding } from 'js-tiktoken';
import { cacheFileName } from '../../src/encoders/cache-name.js';
import { canonicalUrl, PINNED_FILES, type PinnedFileId } from '../../src/pins.js';
import { tarBytes } from '../../src/tar/tar-write.js';
import { appendLayers } from '../support/append-layers.js';
import { fetchManifest, REGISTRY, runDocker } from '../support/docker.js';
import { encoderBytes } from '../support/encoder-bytes.js';
import { BASE_REPO } from './registry-engine-support.js';

export const DIFY_CACHE = '/app/api/.tiktoken_cache';
export const GPT2: readonly PinnedFileId[] = ['gpt2-vocab-bpe', 'gpt2-encoder-json'];

export function cacheName(id: PinnedFileId): string {
  return cacheFileName(canonicalUrl(PINNED_FILES[id]));
}

/** The two gpt2 files with their pinned bytes, under their cache names. */
export async function gpt2Files(): Promise<Array<[string, Buffer]>> {
  return Promise.all(GPT2.map(async (id): Promise<[string, Buffer]> => [cacheName(id), await encoderBytes(id)]));
}

/** A layer holding `files` in /app/api/.tiktoken_cache (folders included), root-owned, 0644. */
function cacheLayer(files: ReadonlyArray<readonly [string, Buffer]>): Buffer {
  const dirs = ['app', 'app/api', 'app/api/.tiktoken_cache'].map((name) => ({ name, type: 'directory' as const, size: 0, mode: 0o755, mtime: 1_700_000_000 }));
  const entries = files.map(([name, data]) => ({ name: `app/api/.tiktoken_cache/${name}`, type: 'file' as const, size: data.length, mode: 0o644, mtime: 1_700_000_000, data }));
  return tarBytes([...dirs, ...entries]);
}

/**
 * Pushes `repo:tag`: an index over the tiktoken base's `platforms`, each with `files` in
 * /app/api/.tiktoken_cache and TIKTOKEN_CACHE_DIR pointing there. Returns `127.0.0.1:5000/repo:tag`.
 */
export async function difyBase(repo: string, tag: string, files: ReadonlyArray<readonly [string, Buffer]>, platforms: readonly string[]): Promise<string> {
  const layer = cacheLayer(files);
  const entries = [];
  for (const platform of platforms) {
    const [os, architecture] = platform.split('/') as [string, string];
    const pushed = await appendLayers({
      baseRepo: BASE_REPO,
      baseRef: 'trixie',
      platform,
      repo,
      tag: `${tag}-${architecture}`,
      layers: [layer],
      env: (env) => [...env.filter((line) => !line.startsWith('TIKTOKEN_CACHE_DIR=')), `TIKTOKEN_CACHE_DIR=${DIFY_CACHE}`],
    });
    const manifest = await fetchManifest(repo, pushed.slice(pushed.indexOf('@') + 1));
    entries.push({ mediaType: manifest.mediaType, digest: manifest.digest, size: Buffer.byteLength(manifest.raw), platform: { os, architecture } });
  }
  const type = entries[0]?.mediaType.includes('docker') ? 'application/vnd.docker.distribution.manifest.list.v2+json' : 'application/vnd.oci.image.index.v1+json';
  const index = JSON.stringify({ schemaVersion: 2, mediaType: type, manifests: entries });
  const put = await fetch(`http://${REGISTRY}/v2/${repo}/manifests/${tag}`, { method: 'PUT', body: index, headers: { 'content-type': type }, signal: AbortSignal.timeout(30_000) });
  if (!put.ok) throw new Error(`put index ${repo}:${tag} → HTTP ${put.status}: ${await put.text()}`);
  return `${REGISTRY}/${repo}:${tag}`;
}

const TEXT = 'hello world, offline: naïve café ✓ 12345';
const ENCODE = `
import json, sys, tiktoken
for name in sys.argv[2:]:
    print(json.dumps({"name": name, "tokens": tiktoken.get_encoding(name).encode(sys.argv[1])}))
`;
// tiktoken's own cache read, as gpt2's loader calls it (data_gym_to_mergeable_bpe_ranks): the
// file under sha1(url) in the folder the variables pick, accepted only with the pinned sha256
// (else it downloads, which fails with no network). Parsing the 50k merges under arm64
// emulation takes a minute and tells nothing more about the image.
const CACHED = `
import sys
from tiktoken.load import read_file_cached
for url, sha in zip(sys.argv[1::2], sys.argv[2::2]):
    print(url, len(read_file_cached(url, sha)))
`;

export interface OfflineRun {
  /** TIKTOKEN_CACHE_DIR in the container, and the names in that folder. */
  readonly dir: string;
  readonly files: string[];
}

/**
 * One container of `ref` with --network none: the cache folder listed, then python3-tiktoken
 * reads gpt2: \`encode\` runs tiktoken.get_encoding for `names` (js-tiktoken's tokens expected);
 * \`cached\` reads gpt2's two files through tiktoken's cache with their pins.
 */
export async function expectOffline(ref: string, platform: string, how: 'encode' | 'cached', names: readonly string[] = ['gpt2', 'cl100k_base']): Promise<OfflineRun> {
  const python = how === 'encode' ? ['python3', '-c', ENCODE, TEXT, ...names] : ['python3', '-c', CACHED, ...GPT2.flatMap((id) => [canonicalUrl(PINNED_FILES[id]), PINNED_FILES[id].sha256])];
  const script = 'echo "$TIKTOKEN_CACHE_DIR"; ls -A "$TIKTOKEN_CACHE_DIR"; echo ---; exec "$@"';
  const run = await runDocker(['run', '--rm', '--network', 'none', '--platform', platform, '--entrypoint', 'sh', ref, '-c', script, 'sh', ...python], { allowFailure: true });
  if (run.code !== 0) throw new Error(`python3-tiktoken in ${ref} (${platform}) exited ${run.code}:\n${run.stderr.slice(-2000)}`);
  const [listing = '', output = ''] = run.stdout.split('---\n');
  const [dir = '', ...files] = listing.trim().split('\n');
  const lines = output.trim().split('\n');
  if (how === 'encode') {
    const got = lines.map((line) => JSON.parse(line) as { name: string; tokens: number[] });
    const want = names.map((name) => ({ name, tokens: getEncoding(name as 'gpt2').encode(TEXT) }));
    if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`${ref} (${platform}): ${JSON.stringify(got).slice(0, 400)} is not ${JSON.stringify(want).slice(0, 400)}`);
  } else {
    const want = GPT2.map((id) => `${canonicalUrl(PINNED_FILES[id])} ${PINNED_FILES[id].size}`);
    if (JSON.stringify(lines) !== JSON.stringify(want)) throw new Error(`${ref} (${platform}) read ${JSON.stringify(lines)}, not ${JSON.stringify(want)}`);
  }
  return { dir, files: files.sort() };
}
