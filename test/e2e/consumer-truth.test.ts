// Consumer truth: for each image layout, verify's verdict per consumer equals what the real
// reader does with --network none in a container of that image: tiktoken is Debian's
// python3-tiktoken, tiktoken-go is the Go reader (tiktoken-go v0.1.7, One API's tokenizer); a
// reader works when it encodes with every encoding as js-tiktoken does. The readers' rules differ
// (an empty TIKTOKEN_CACHE_DIR, the temp dir, `..` in a path), and the table shows both sides.
// Layouts are the base plus one hand-written layer and an Env change (no build, no emulated RUN);
// two of them also run on arm64 under qemu. The table is printed at the end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_FILE, buildManifest, serializeManifest } from '../../src/encoders/manifest.js';
import { selectFiles } from '../../src/encoders/selection.js';
import { verifyImage } from '../../src/image/verify-image.js';
import type { ConsumerName } from '../../src/image/consumers.js';
import type { VerificationReport } from '../../src/image/report.js';
import { memoryLogger } from '../../src/log/logger.js';
import type { EncodingName, PinnedFileId } from '../../src/pins.js';
import { expectationsOf } from '../../src/pipeline/expectations.js';
import { appendLayers } from '../support/append-layers.js';
import { requireEngine, runDocker, uniqueTag } from '../support/docker.js';
import { encoderBytes } from '../support/encoder-bytes.js';
import { requireGoReader } from '../support/go-reader.js';
import { READERS, runReaders } from '../support/offline-readers.js';
import { tar, type TarItem } from '../unit/image/build-tar.js';
import { BASE_REPO, requireTiktokenBase } from './registry-engine-support.js';

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
  /** Change the first file: flip one byte (no longer parses), or swap the ranks of its last two lines (still parses). */
  readonly tamper?: 'byte' | 'swap-ranks';
  /** More entries in the layer, before the files. */
  readonly extra?: readonly TarItem[];
  readonly arm64?: boolean;
}

const LAYOUTS: readonly Layout[] = [
  { name: 'only TIKTOKEN_CACHE_DIR', env: ['TIKTOKEN_CACHE_DIR=/tiktoken_cache'], dir: '/tiktoken_cache', encodings: ['cl100k_base', 'r50k_base'], arm64: true },
  { name: 'only DATA_GYM_CACHE_DIR', env: ['DATA_GYM_CACHE_DIR=/data-gym'], dir: '/data-gym', encodings: ['cl100k_base'] },
  { name: 'no variable, files in /tmp/data-gym-cache', env: [], dir: '/tmp/data-gym-cache', encodings: ['r50k_base'], arm64: true },
  { name: 'both variables, to different folders', env: ['TIKTOKEN_CACHE_DIR=/a', 'DATA_GYM_CACHE_DIR=/b'], dir: '/b', encodings: ['r50k_base'] },
  { name: 'empty TIKTOKEN_CACHE_DIR (tiktoken: no cache; tiktoken-go: ignored)', env: ['TIKTOKEN_CACHE_DIR=', 'DATA_GYM_CACHE_DIR=/tiktoken_cache'], dir: '/tiktoken_cache', encodings: ['r50k_base'] },
  { name: 'both variables empty, files in /tmp/data-gym-cache', env: ['TIKTOKEN_CACHE_DIR=', 'DATA_GYM_CACHE_DIR='], dir: '/tmp/data-gym-cache', encodings: ['r50k_base'] },
  { name: 'TMPDIR set', env: ['TMPDIR=/scratch'], dir: '/scratch/data-gym-cache', encodings: ['r50k_base'] },
  { name: 'TMPDIR that does not exist (Python moves on to /tmp, Go does not)', env: ['TMPDIR=/nonexistent'], dir: '/tmp/data-gym-cache', encodings: ['r50k_base'] },
  { name: 'TIKTOKEN_CACHE_DIR through a missing folder and .. (Go cleans the path, Python opens it)', env: ['TIKTOKEN_CACHE_DIR=/nonexistent/../tiktoken_cache'], dir: '/tiktoken_cache', encodings: ['r50k_base'] },
  {
    name: 'TIKTOKEN_CACHE_DIR through a symlink and .. (Python resolves the link, Go cleans it away)',
    env: ['TIKTOKEN_CACHE_DIR=/link/../tiktoken_cache'],
    extra: [{ type: 'dir', name: 'opt/deep/inner/' }, { type: 'symlink', name: 'link', target: '/opt/deep/inner' }],
    dir: '/opt/deep/tiktoken_cache',
    encodings: ['r50k_base'],
  },
  { name: 'TIKTOKEN_CACHE_DIR twice in Env, the files where the second points', env: ['TIKTOKEN_CACHE_DIR=/elsewhere', 'TIKTOKEN_CACHE_DIR=/tiktoken_cache'], dir: '/tiktoken_cache', encodings: ['r50k_base'] },
  { name: 'a subset of the encodings verify expects', env: ['TIKTOKEN_CACHE_DIR=/tiktoken_cache'], dir: '/tiktoken_cache', encodings: ['cl100k_base'], verifyEncoders: ['cl100k_base', 'r50k_base'] },
  { name: 'an image holding two encodings (set read from the image)', env: ['TIKTOKEN_CACHE_DIR=/tiktoken_cache'], dir: '/tiktoken_cache', encodings: ['p50k_base', 'r50k_base'] },
  { name: 'wrong bytes in one file', env: ['TIKTOKEN_CACHE_DIR=/tiktoken_cache'], dir: '/tiktoken_cache', encodings: ['r50k_base'], tamper: 'byte' },
  { name: 'wrong bytes that still parse: two ranks swapped (tiktoken-go never checks)', env: ['TIKTOKEN_CACHE_DIR=/tiktoken_cache'], dir: '/tiktoken_cache', encodings: ['r50k_base'], tamper: 'swap-ranks' },
  { name: 'relative TIKTOKEN_CACHE_DIR against WorkingDir', env: ['TIKTOKEN_CACHE_DIR=cache'], dir: '/app/cache', encodings: ['r50k_base'] },
];

async function layerFor(layout: Layout): Promise<Buffer> {
  const files = selectFiles(layout.encodings);
  const dir = layout.dir.replace(/^\//, '');
  const items: TarItem[] = [...(layout.extra ?? []), { type: 'dir', name: `${dir}/` }];
  for (const [i, f] of files.entries()) {
    let bytes = Buffer.from(await encoderBytes(f.id as PinnedFileId));
    if (layout.tamper === 'byte' && i === 0) bytes[10] = (bytes[10] ?? 0) ^ 1;
    if (layout.tamper === 'swap-ranks' && i === 0) {
      const lines = bytes.toString('utf8').trimEnd().split('\n').map((l) => l.split(' '));
      const [a, b] = [lines.at(-2) as string[], lines.at(-1) as string[]];
      [a[1], b[1]] = [b[1] as string, a[1] as string];
      bytes = Buffer.from(`${lines.map((l) => l.join(' ')).join('\n')}\n`);
    }
    items.push({ type: 'file', name: `${dir}/${f.cacheFile}`, data: bytes });
  }
  const manifest = buildManifest(files);
  items.push({ type: 'file', name: `${dir}/${MANIFEST_FILE}`, data: serializeManifest(manifest) });
  return tar(items);
}

async function verdict(ref: string, layout: Layout): Promise<VerificationReport> {
  const expectations = expectationsOf('/tiktoken_cache', undefined, { encodings: [...(layout.verifyEncoders ?? layout.encodings)], extras: [] }, {
    consumers: [...READERS],
    encodersFromImage: layout.verifyEncoders === undefined,
  });
  return verifyImage({ kind: 'registry', reference: ref, insecure: true }, expectations, { log: memoryLogger() });
}

const pushed = new Map<string, string>();
/** One row per case: what verify says and what each reader does. */
const table: Array<{ layout: string; platform: string; verify: Record<ConsumerName, boolean>; reader: Record<ConsumerName, boolean> }> = [];

beforeAll(async () => {
  await requireEngine();
  await requireTiktokenBase();
  requireGoReader();
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

describe('verify agrees with each real reader run offline: python3-tiktoken and the Go reader', () => {
  const cases = LAYOUTS.flatMap((layout, i) => (layout.arm64 ? ['linux/amd64', 'linux/arm64'] : ['linux/amd64']).map((platform) => ({ layout, i, platform })));
  it.each(cases)('$layout.name on $platform', async ({ layout, i, platform }) => {
    const ref = pushed.get(`${i} ${platform}`) as string;
    const [report, runs] = await Promise.all([verdict(ref, layout), runReaders(ref, platform, layout.verifyEncoders ?? layout.encodings)]);
    const verify = {} as Record<ConsumerName, boolean>;
    const reader = {} as Record<ConsumerName, boolean>;
    const why: Record<string, unknown> = {};
    for (const run of runs) {
      const consumer = report.platforms[0]?.consumers.find((c) => c.consumer === run.reader);
      verify[run.reader] = consumer?.ok ?? false;
      reader[run.reader] = run.problem === undefined;
      why[run.reader] = { folder: consumer?.directory, because: consumer?.why, findings: consumer?.findings.map((f) => f.problem), reader: run.problem };
    }
    table.push({ layout: layout.name, platform, verify, reader });
    // tiktoken-go takes the swapped table without a word: only its rank table's digest shows it.
    if (layout.tamper === 'swap-ranks') expect(runs.find((r) => r.reader === 'tiktoken-go')?.code).toBe(0);
    expect({ verify, why }).toMatchObject({ verify: reader });
    expect(report.ok).toBe(Object.values(reader).every(Boolean));
  });

  it('covered layouts that work and that do not, for each reader, and where the readers disagree', () => {
    const rows = table.map((r) => r.reader);
    console.log(
      [
        'verify vs the real readers (verify/reader, + works offline, - does not):',
        ...table.map((r) => `  ${READERS.map((c) => `${c} ${r.verify[c] ? '+' : '-'}/${r.reader[c] ? '+' : '-'}`).join('  ')}  ${r.platform}  ${r.layout}`),
      ].join('\n'),
    );
    expect(table).toHaveLength(cases.length);
    for (const reader of READERS) {
      expect(rows.filter((r) => r[reader]).length, reader).toBeGreaterThanOrEqual(4);
      expect(rows.filter((r) => !r[reader]).length, reader).toBeGreaterThanOrEqual(3);
    }
    expect(rows.some((r) => r.tiktoken && !r['tiktoken-go'])).toBe(true);
    expect(rows.some((r) => !r.tiktoken && r['tiktoken-go'])).toBe(true);
  });
});
