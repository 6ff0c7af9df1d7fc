// The plan reads what an overlay's base serves once every input is valid, on both engines, and
// a base that cannot be trusted stops the plan. Then readBaseFloor itself, on OCI layouts
// written here: what it logs, carries and refuses.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BaseFloor } from '../../../src/base-floor/decide.js';
import { readBaseFloor, type FloorRequest } from '../../../src/base-floor/plan-floor.js';
import { selectFiles } from '../../../src/encoders/selection.js';
import { BuildError, InputError } from '../../../src/errors.js';
import { httpTransport } from '../../../src/http/http-request.js';
import { INPUT_DEFAULTS, rawInputsFrom, type InputName } from '../../../src/inputs/names.js';
import { memoryLogger } from '../../../src/log/logger.js';
import { plan } from '../../../src/pipeline/plan.js';
import { DEFAULT_ENCODINGS } from '../../../src/pins.js';
import { encoderBytes } from '../../support/encoder-bytes.js';
import { blob, image, index, layer, writeLayoutTar, type TarItem } from '../image/build-tar.js';

const DIFY = '/app/api/.tiktoken_cache';
const FLOOR: BaseFloor = { baseImage: 'r.io/dify:1', served: [], carried: [] };
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'plan-floor-test-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function planWith(values: Partial<Record<InputName, string>>, readFloor: (r: FloorRequest) => Promise<BaseFloor | undefined>, platforms: Record<string, string[]> = {}) {
  return plan(
    rawInputsFrom({ ...INPUT_DEFAULTS, ...values }),
    { defaultCacheRoot: join(root, 'cache-root'), processEnv: {}, git: async () => ({ sha: 'a'.repeat(40), ref: 'refs/tags/v1.0.0', commitTime: 1_700_000_000 }) },
    {
      log: memoryLogger(),
      addSecret: () => undefined,
      probeEngine: async () => ({ driver: 'docker', containerdStore: true, loadsMultiPlatform: true }),
      readPlatforms: async (ref) => platforms[ref] ?? ['linux/amd64', 'linux/arm64', 'linux/s390x'],
      readFloor,
    },
  );
}

describe('the plan reads the base floor', () => {
  it('buildx overlay: once, with the build platforms, cache-path, readers and encoder set; the floor is in the plan', async () => {
    const asked: FloorRequest[] = [];
    const p = await planWith({ 'base-image': 'r.io/dify:1', images: 'r.io/x', push: 'true', 'cache-path': '/opt/tk' }, async (r) => (asked.push(r), FLOOR));
    expect(asked).toEqual([{ baseImage: 'r.io/dify:1', engine: 'buildx', platforms: ['linux/amd64', 'linux/arm64'], cachePath: '/opt/tk', readers: ['tiktoken', 'tiktoken-go'], selection: expect.objectContaining({ encodings: [...DEFAULT_ENCODINGS], extras: [] }) }]);
    expect(p).toMatchObject({ mode: 'build', buildEngine: 'buildx', baseFloor: FLOOR });
  });

  it('platforms: auto reads the platforms the base has; consumers names the readers', async () => {
    const asked: FloorRequest[] = [];
    await planWith({ 'base-image': 'r.io/dify:1', images: 'r.io/x', push: 'true', platforms: 'auto', consumers: 'tiktoken-go' }, async (r) => (asked.push(r), undefined), { 'r.io/dify:1': ['linux/arm64'] });
    expect(asked.map((r) => [r.platforms, r.readers])).toEqual([[['linux/arm64'], ['tiktoken-go']]]);
  });

  it('registry engine: after every input check (a bad input never reads the base)', async () => {
    const asked: FloorRequest[] = [];
    const read = async (r: FloorRequest) => (asked.push(r), FLOOR);
    const p = await planWith({ engine: 'registry', 'base-image': 'r.io/dify:1', images: 'r.io/x', push: 'true', encoders: 'cl100k_base' }, read);
    expect(p).toMatchObject({ mode: 'build', buildEngine: 'registry', baseFloor: FLOOR });
    expect(asked.map((r) => [r.engine, r.selection.encodings])).toEqual([['registry', ['cl100k_base']]]);
    await expect(planWith({ engine: 'registry', 'base-image': 'r.io/dify:1', images: 'r.io/x', push: 'true', load: 'true' }, read)).rejects.toThrow(InputError);
    expect(asked).toHaveLength(1);
  });

  it('not in Dockerfile mode, nor without a build', async () => {
    const asked: FloorRequest[] = [];
    const read = async (r: FloorRequest) => (asked.push(r), FLOOR);
    const context = await mkdtemp(join(root, 'ctx-'));
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(context, 'Dockerfile'), 'FROM r.io/lib/base:1\n');
    const p = await planWith({ context, images: 'r.io/x', push: 'true' }, read);
    expect(p.mode).toBe('build');
    expect('baseFloor' in p).toBe(false);
    await planWith({ build: 'false' }, read);
    expect(asked).toEqual([]);
  });

  it("the floor's error stops the plan", async () => {
    const refused = new InputError('base-image', { what: 'base-image r.io/dify:1 holds a pinned file name with other bytes', fix: 'rebuild the base' });
    await expect(planWith({ 'base-image': 'r.io/dify:1', images: 'r.io/x', push: 'true' }, async () => Promise.reject(refused))).rejects.toBe(refused);
  });
});

describe('readBaseFloor', () => {
  const known = selectFiles(['gpt2']);
  let vocab: Buffer;
  let encoder: Buffer;
  beforeAll(async () => {
    [vocab, encoder] = await Promise.all([encoderBytes('gpt2-vocab-bpe'), encoderBytes('gpt2-encoder-json')]);
  });

  async function difyBase(files: ReadonlyArray<readonly [string, Buffer | string]>, platforms = ['amd64', 'arm64']): Promise<string> {
    const items: TarItem[] = [{ type: 'dir', name: 'app/' }, { type: 'dir', name: 'app/api/' }, { type: 'dir', name: 'app/api/.tiktoken_cache/' }, ...files.map(([n, data]): TarItem => ({ type: 'file', name: `app/api/.tiktoken_cache/${n}`, data }))];
    const images = platforms.map((architecture) => image({ os: 'linux', architecture }, [`TIKTOKEN_CACHE_DIR=${DIFY}`, 'PATH=/bin'], [layer([{ type: 'dir', name: 'bin/' }]), layer(items)]));
    const idx = index(images.map((i) => i.manifest), false);
    return writeLayoutTar(join(await mkdtemp(join(root, 'base-')), 'base.oci.tar'), idx.index, [...images.flatMap((i) => i.blobs), ...idx.blobs]);
  }

  const request = (path: string, engine: 'buildx' | 'registry' = 'registry'): FloorRequest => ({
    baseImage: `oci-archive://${path}`, engine, platforms: ['linux/amd64', 'linux/arm64'], cachePath: '/tiktoken_cache', readers: ['tiktoken', 'tiktoken-go'], selection: { encodings: [...DEFAULT_ENCODINGS], extras: [] },
  });
  const deps = (log = memoryLogger()) => ({ log, transport: httpTransport(), summariesDir: join(root, 'summaries') });

  it('a Dify-style base: gpt2 carried with its bytes, what the base serves logged', async () => {
    const log = memoryLogger();
    const floor = await readBaseFloor(request(await difyBase(known.map((f) => [f.cacheFile, f.id === 'gpt2-vocab-bpe' ? vocab : encoder] as const))), deps(log));
    expect(floor?.carried.map((c) => [c.file.id, c.bytes.length])).toEqual([['gpt2-vocab-bpe', vocab.length], ['gpt2-encoder-json', encoder.length]]);
    expect(log.lines.join('\n')).toContain(`the base serves ${DIFY} (TIKTOKEN_CACHE_DIR=${DIFY}; read by tiktoken and tiktoken-go on linux/amd64, linux/arm64)`);
  });

  it('wrong bytes: an input error naming the file and the folder', async () => {
    const path = await difyBase([[known[0]!.cacheFile, 'not the vocabulary'], [known[1]!.cacheFile, encoder]]);
    const error = await readBaseFloor(request(path), deps()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain(`${DIFY}/${known[0]!.cacheFile} (gpt2-vocab-bpe)`);
  });

  it('an unpinned file: a warning that names it', async () => {
    const log = memoryLogger();
    await readBaseFloor(request(await difyBase([['tokenizer.json', '{}']])), deps(log));
    expect(log.lines.filter((l) => l.startsWith('warning:')).join('\n')).toMatch(/holds files that match no pin: tokenizer\.json\..*extra-encoders/);
  });

  it('a base that cannot be opened: a warning, no floor', async () => {
    const log = memoryLogger();
    expect(await readBaseFloor(request(join(root, 'missing.oci.tar'), 'buildx'), deps(log))).toBeUndefined();
    expect(log.lines.join('\n')).toMatch(/warning: could not read what base-image .* serves before the build .* not compared with the base/);
  });

  it('a platform whose layers cannot be read: an error before the build', async () => {
    const bad = image({ os: 'linux', architecture: 'amd64' }, [], [blob('application/vnd.oci.image.layer.v1.tar+gzip', 'not gzip')]);
    const path = await writeLayoutTar(join(root, 'broken.oci.tar'), bad.manifest, bad.blobs);
    const error = await readBaseFloor({ ...request(path), platforms: ['linux/amd64'] }, deps()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).message).toMatch(/cannot read what base-image .* serves.*nothing was built[\s\S]*linux\/amd64/);
  });
});
