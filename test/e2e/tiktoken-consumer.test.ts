// A real tiktoken consumer: Debian trixie's python3-tiktoken (the base scripts/provision-bases.sh
// pushes to the loopback registry) made offline by the action's overlay mode with r50k_base,
// p50k_base, cl100k_base and o200k_base. On each platform, with --network none, every bundled
// encoding encodes text to the same tokens js-tiktoken computes here. Negative control: the
// same base with the files named `<name>.tiktoken` goes to the network and fails.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getEncoding, type TiktokenEncoding } from 'js-tiktoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build/build.js';
import { parseBuildInputs } from '../../src/build/options.js';
import { layOutBytes } from '../../src/encoders/lay-out-bytes.js';
import { assertVerified } from '../../src/image/assert-verified.js';
import { verifyImage } from '../../src/image/verify-image.js';
import { rawInputsFrom } from '../../src/inputs/names.js';
import { memoryLogger } from '../../src/log/logger.js';
import { PINNED_FILES, type PinnedFileId } from '../../src/pins.js';
import { encoderBytes } from '../support/encoder-bytes.js';
import { fetchManifest, imageEntries, platformOf, requireEngine, runDocker, testImage, uniqueTag } from '../support/docker.js';
import { buildAndPush } from '../support/engine-push.js';
import { tempDir } from './build-support.js';

const BASE_REPO = 'oneapi-offline-test/tiktoken-base';
const BASE = testImage('tiktoken-base:trixie');
const ENCODINGS = ['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base'] as const satisfies readonly TiktokenEncoding[];
const PLATFORMS = ['linux/amd64', 'linux/arm64'] as const;
const TEXT = 'hello world, offline: naïve café ✓ 12345';
const CACHE = '/tiktoken_cache';

// Prints one JSON line per encoding: its tokens for TEXT and the round trip.
const SCRIPT = `
import json, platform, sys, tiktoken
text = sys.argv[1]
for name in sys.argv[2:]:
    enc = tiktoken.get_encoding(name)
    tokens = enc.encode(text)
    print(json.dumps({"name": name, "tokens": tokens, "roundtrip": enc.decode(tokens) == text, "machine": platform.machine()}))
`;

async function requireBase(): Promise<void> {
  const why = 'run `sudo bash scripts/provision-bases.sh` (after scripts/provision-engine.sh): it builds the Debian trixie python3-tiktoken base for amd64 and arm64 and pushes it';
  let platforms: string[];
  try {
    platforms = imageEntries(await fetchManifest(BASE_REPO, 'trixie')).map(platformOf);
  } catch (error) {
    throw new Error(`the tiktoken base ${BASE} is not in the registry (${String(error)}); ${why}`, { cause: error });
  }
  for (const p of PLATFORMS) if (!platforms.includes(p)) throw new Error(`the tiktoken base ${BASE} has no ${p} (it has ${platforms.join(', ')}); ${why}`);
}

function pythonRun(ref: string, platform: string, encodings: readonly string[]) {
  return runDocker(['run', '--rm', '--network', 'none', '--platform', platform, ref, 'python3', '-c', SCRIPT, TEXT, ...encodings], { allowFailure: true });
}

let work: string;
let offline: BuildResult;
let misnamed: { readonly digest: string };
const image = testImage('tiktoken-consumer');
const log = memoryLogger();

async function overlayBuild(cacheDir: string, tagPrefix: string): Promise<BuildResult> {
  const options = parseBuildInputs(
    rawInputsFrom({ 'base-image': BASE, images: image, version: 'v1.0.0', 'tag-prefix': tagPrefix, push: 'true', provenance: 'false' }),
    { proxy: {}, cacheDir, engineLoadsMultiPlatform: true, commitTime: 1_700_000_000, sha: 'e'.repeat(40) },
  );
  const dir = join(work, tagPrefix);
  await mkdir(dir, { recursive: true });
  return build(options, { cacheDir }, { log, tempDir: dir });
}

beforeAll(async () => {
  await requireEngine();
  await requireBase();
  work = await tempDir('tiktoken-consumer');
  const layout = await layOutBytes(join(work, 'cache'), ENCODINGS, (file) => encoderBytes(file.id as PinnedFileId));

  // The same bytes under the names people usually give them, which tiktoken never looks for.
  // The action refuses to ship such a folder (only verified files under their sha1 names go into
  // an image), so the negative control is built the way people do it by hand: plain buildx.
  const wrong = join(work, 'misnamed');
  await mkdir(join(wrong, 'files'), { recursive: true });
  for (const name of ENCODINGS) await writeFile(join(wrong, 'files', `${name}.tiktoken`), await encoderBytes(name));
  await writeFile(join(wrong, 'Dockerfile'), `FROM ${BASE}\nCOPY files ${CACHE}\nENV TIKTOKEN_CACHE_DIR=${CACHE} DATA_GYM_CACHE_DIR=${CACHE}\n`);

  const tag = uniqueTag();
  offline = await overlayBuild(join(work, 'cache'), `sha1-${tag}-`);
  const misnamedTag = `misnamed-${tag}`;
  await buildAndPush(`${image}:${misnamedTag}`, wrong, { args: ['--platform', PLATFORMS.join(','), '--provenance=false'] });
  misnamed = { digest: (await fetchManifest('oneapi-offline-test/tiktoken-consumer', misnamedTag)).digest };

  // The action's own check, on what was pushed: every file, every platform, read from layers.
  const report = await verifyImage(
    { kind: 'registry', reference: `${image}@${offline.digest}` },
    { cachePath: CACHE, files: layout.manifest.files.map((f) => ({ cacheFile: f.cacheFile, sha256: f.sha256, size: f.size })) },
    { log },
  );
  assertVerified(report);
  expect(report.platforms.map((p) => p.platform).sort()).toEqual([...PLATFORMS]);
});

afterAll(async () => {
  for (const result of [offline, misnamed]) {
    if (result?.digest) await runDocker(['image', 'rm', `${image}@${result.digest}`], { allowFailure: true });
  }
  if (work) await rm(work, { recursive: true, force: true });
});

describe('python3-tiktoken in an image made offline by overlay mode', () => {
  it('bundles every encoding under its sha1 name', () => {
    expect(offline.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(Object.keys(offline.platformDigests ?? {}).sort()).toEqual([...PLATFORMS]);
    for (const name of ENCODINGS) expect(PINNED_FILES[name].path).toBe(`/encodings/${name}.tiktoken`);
  });

  it.each(PLATFORMS)('%s: every bundled encoding encodes text with --network none', async (platform) => {
    const run = await pythonRun(`${image}@${offline.digest}`, platform, ENCODINGS);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { name: string; tokens: number[]; roundtrip: boolean; machine: string });
    expect(lines.map((l) => l.name)).toEqual([...ENCODINGS]);
    for (const line of lines) {
      expect(line.tokens, line.name).toEqual(getEncoding(line.name as TiktokenEncoding).encode(TEXT));
      expect(line.roundtrip).toBe(true);
      expect(line.machine).toBe(platform === 'linux/amd64' ? 'x86_64' : 'aarch64');
    }
  });

  it.each(PLATFORMS)('%s: negative control, files named <name>.tiktoken make tiktoken go to the network and fail', async (platform) => {
    const run = await pythonRun(`${image}@${misnamed.digest}`, platform, ['cl100k_base']);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    // requests tried to reach the canonical host: no DNS, no route with --network none.
    expect(run.stderr).toMatch(/openaipublic\.blob\.core\.windows\.net/);
    expect(run.stderr).toMatch(/ConnectionError|NameResolutionError|Max retries exceeded|Temporary failure in name resolution/);
  });
});
