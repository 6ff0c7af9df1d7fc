// Real tiktoken consumers: Debian trixie's python3-tiktoken (the base scripts/provision-bases.sh
// pushes to the loopback registry) and the Go reader (tiktoken-go v0.1.7, One API's tokenizer,
// bind-mounted by test/support/offline-readers.ts), in an image made offline by the action's
// overlay mode with r50k_base, p50k_base, cl100k_base and o200k_base. On each platform, with
// --network none, each reader encodes text with every bundled encoding to the tokens js-tiktoken
// computes here. Negative control: the same base with the files named `<name>.tiktoken` makes
// both readers go to the network and fail.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
import { fetchManifest, requireEngine, runDocker, testImage, uniqueTag } from '../support/docker.js';
import { buildAndPush } from '../support/engine-push.js';
import { requireGoReader } from '../support/go-reader.js';
import { READERS, runReader } from '../support/offline-readers.js';
import { tempDir } from './build-support.js';
import { ENCODINGS, PLATFORMS, TIKTOKEN_BASE as BASE, requireTiktokenBase } from './registry-engine-support.js';

const CACHE = '/tiktoken_cache';
/** How each reader says it could not reach the canonical host (no DNS, no route with --network none). */
const OFFLINE_ERROR = {
  tiktoken: /ConnectionError|NameResolutionError|Max retries exceeded|Temporary failure in name resolution/,
  'tiktoken-go': /dial tcp|no such host|network is unreachable|server misbehaving/,
} as const;

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
  await requireTiktokenBase();
  requireGoReader();
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

describe('python3-tiktoken and the Go reader in an image made offline by overlay mode', () => {
  const cases = PLATFORMS.flatMap((platform) => READERS.map((reader) => ({ platform, reader })));

  it('bundles every encoding under its sha1 name', () => {
    expect(offline.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(Object.keys(offline.platformDigests ?? {}).sort()).toEqual([...PLATFORMS]);
    for (const name of ENCODINGS) expect(PINNED_FILES[name].path).toBe(`/encodings/${name}.tiktoken`);
  });

  it.each(cases)('$platform: $reader encodes text with every bundled encoding with --network none', async ({ platform, reader }) => {
    const run = await runReader(reader, `${image}@${offline.digest}`, platform, ENCODINGS);
    expect(run.problem, run.stderr).toBeUndefined();
  });

  it.each(cases)('$platform: negative control, files named <name>.tiktoken make $reader go to the network and fail', async ({ platform, reader }) => {
    const run = await runReader(reader, `${image}@${misnamed.digest}`, platform, ['cl100k_base']);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/cl100k_base/);
    expect(run.stderr).toMatch(/openaipublic\.blob\.core\.windows\.net/);
    expect(run.stderr).toMatch(OFFLINE_ERROR[reader]);
  });
});
