// Consumer truth: for each image layout, verify's verdict (consumers: tiktoken) equals what
// Debian's python3-tiktoken does with --network none in a container of that image. Layouts are
// the base plus one hand-written layer and an Env change (no build, no emulated RUN); two of
// them also run on arm64 under qemu.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_FILE, buildManifest, serializeManifest } from '../../src/encoders/manifest.js';
import { selectFiles } from '../../src/encoders/selection.js';
import { verifyImage } from '../../src/image/verify-image.js';
import type { VerificationReport } from '../../src/image/report.js';
import { memoryLogger } from '../../src/log/logger.js';
import type { EncodingName, PinnedFileId } from '../../src/pins.js';
import { expectationsOf } from '../../src/pipeline/expectations.js';
import { appendLayers } from '../support/append-layers.js';
import { fetchManifest, imageEntries, platformOf, requireEngine, runDocker, uniqueTag } from '../support/docker.js';
import { encoderBytes } from '../support/encoder-bytes.js';
import { tar, type TarItem } from '../unit/image/build-tar.js';

const BASE_REPO = 'oneapi-offline-test/tiktoken-base';
const REPO = 'oneapi-offline-test/consumer-truth';
const tag = uniqueTag();

interface Layout {
  readonly name: string;
  /** Env lines added to the base's Env. */
  readonly env: readonly string[];
  /** Where the files go, and which encodings. */
  readonly dir: string;
  readonly encodings: readonly EncodingName[];
  /** Encodings verify is told to expect; absent: read from the image's manifest.json. */
  readonly verifyEncoders?: readonly EncodingName[];
  /** Flip one byte of the first file. */
  readonly tamper?: boolean;
  readonly arm64?: boolean;
}

const LAYOUTS: readonly Layout[] = [
  { name: 'only TIKTOKEN_CACHE_DIR', env: ['TIKTOKEN_CACHE_DIR=/tiktoken_cache'], dir: '/tiktoken_cache', encodings: ['cl100k_base', 'r50k_base'], arm64: true },
  { name: 'only DATA_GYM_CACHE_DIR', env: ['DATA_GYM_CACHE_DIR=/data-gym'], dir: '/data-gym', encodings: ['cl100k_base'] },
  { name: 'no variable, files in /tmp/data-gym-cache', env: [], dir: '/tmp/data-gym-cache', encodings: ['r50k_base'], arm64: true },
  { name: 'both variables, to different folders', env: ['TIKTOKEN_CACHE_DIR=/a', 'DATA_GYM_CACHE_DIR=/b'], dir: '/b', encodings: ['r50k_base'] },
  { name: 'empty TIKTOKEN_CACHE_DIR', env: ['TIKTOKEN_CACHE_DIR=', 'DATA_GYM_CACHE_DIR=/tiktoken_cache'], dir: '/tiktoken_cache', encodings: ['r50k_base'] },
  { name: 'TMPDIR set', env: ['TMPDIR=/scratch'], dir: '/scratch/data-gym-cache', encodings: ['r50k_base'] },
  { name: 'TMPDIR that does not exist (Python moves on to /tmp)', env: ['TMPDIR=/nonexistent'], dir: '/tmp/data-gym-cache', encodings: ['r50k_base'] },
  { name: 'a subset of the encodings verify expects', env: ['TIKTOKEN_CACHE_DIR=/tiktoken_cache'], dir: '/tiktoken_cache', encodings: ['cl100k_base'], verifyEncoders: ['cl100k_base', 'r50k_base'] },
  { name: 'an image holding two encodings (set read from the image)', env: ['TIKTOKEN_CACHE_DIR=/tiktoken_cache'], dir: '/tiktoken_cache', encodings: ['p50k_base', 'r50k_base'] },
  { name: 'wrong bytes in one file', env: ['TIKTOKEN_CACHE_DIR=/tiktoken_cache'], dir: '/tiktoken_cache', encodings: ['r50k_base'], tamper: true },
  { name: 'relative TIKTOKEN_CACHE_DIR against WorkingDir', env: ['TIKTOKEN_CACHE_DIR=cache'], dir: '/app/cache', encodings: ['r50k_base'] },
];

async function layerFor(layout: Layout): Promise<Buffer> {
  const files = selectFiles(layout.encodings);
  const dir = layout.dir.replace(/^\//, '');
  const items: TarItem[] = [{ type: 'dir', name: `${dir}/` }];
  for (const [i, f] of files.entries()) {
    const bytes = Buffer.from(await encoderBytes(f.id as PinnedFileId));
    if (layout.tamper && i === 0) bytes[10] = (bytes[10] ?? 0) ^ 1;
    items.push({ type: 'file', name: `${dir}/${f.cacheFile}`, data: bytes });
  }
  const manifest = buildManifest(files);
  items.push({ type: 'file', name: `${dir}/${MANIFEST_FILE}`, data: serializeManifest(manifest) });
  return tar(items);
}

async function pythonWorks(ref: string, platform: string, encodings: readonly string[]): Promise<boolean> {
  const script = 'import sys, tiktoken\nfor n in sys.argv[1:]:\n    tiktoken.get_encoding(n).encode("offline?")\n';
  const r = await runDocker(['run', '--rm', '--network', 'none', '--platform', platform, ref, 'python3', '-c', script, ...encodings], { allowFailure: true });
  return r.code === 0;
}

async function verdict(ref: string, layout: Layout): Promise<VerificationReport> {
  const expectations = expectationsOf('/tiktoken_cache', undefined, { encodings: [...(layout.verifyEncoders ?? layout.encodings)], extras: [] }, {
    consumers: ['tiktoken'],
    encodersFromImage: layout.verifyEncoders === undefined,
  });
  return verifyImage({ kind: 'registry', reference: ref, insecure: true }, expectations, { log: memoryLogger() });
}

const pushed = new Map<string, string>();
const outcomes: boolean[] = [];

beforeAll(async () => {
  await requireEngine();
  const platforms = imageEntries(await fetchManifest(BASE_REPO, 'trixie')).map(platformOf);
  for (const p of ['linux/amd64', 'linux/arm64']) {
    if (!platforms.includes(p)) throw new Error(`the tiktoken base has no ${p}; run \`sudo bash scripts/provision-bases.sh\``);
  }
  for (const [i, layout] of LAYOUTS.entries()) {
    const layer = await layerFor(layout);
    for (const platform of layout.arm64 ? ['linux/amd64', 'linux/arm64'] : ['linux/amd64']) {
      const ref = await appendLayers({
        baseRepo: BASE_REPO,
        baseRef: 'trixie',
        platform,
        repo: REPO,
        tag: `${tag}-${i}-${platform.split('/')[1]}`,
        layers: [layer],
        env: (env) => [...env, ...layout.env],
        ...(layout.name.startsWith('relative') ? { workingDir: '/app' } : {}),
      });
      pushed.set(`${i} ${platform}`, ref);
    }
  }
});

afterAll(async () => {
  for (const ref of pushed.values()) await runDocker(['image', 'rm', ref], { allowFailure: true });
});

describe('verify agrees with python3-tiktoken run offline', () => {
  const cases = LAYOUTS.flatMap((layout, i) => (layout.arm64 ? ['linux/amd64', 'linux/arm64'] : ['linux/amd64']).map((platform) => ({ layout, i, platform })));
  it.each(cases)('$layout.name on $platform', async ({ layout, i, platform }) => {
    const ref = pushed.get(`${i} ${platform}`) as string;
    const [report, works] = await Promise.all([verdict(ref, layout), pythonWorks(ref, platform, layout.verifyEncoders ?? layout.encodings)]);
    const tiktoken = report.platforms[0]?.consumers.find((c) => c.consumer === 'tiktoken');
    outcomes.push(works);
    expect({ verify: report.ok, python: works, folder: tiktoken?.directory, findings: tiktoken?.findings }).toMatchObject({ verify: works, python: works });
  });

  it('covered layouts that work and layouts that do not', () => {
    expect(LAYOUTS.length).toBeGreaterThanOrEqual(8);
    expect(outcomes.filter((w) => w).length).toBeGreaterThanOrEqual(4);
    expect(outcomes.filter((w) => !w).length).toBeGreaterThanOrEqual(3);
  });
});
