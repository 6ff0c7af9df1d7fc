// Hostile layers written by hand and pushed to the registry on top of a static busybox layer
// (also written here): for every path a consumer would read, verify's hash equals `sha256sum` of that path in
// a container of the image (what the engine really unpacked), and an image that would serve
// wrong bytes fails verification.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyImage } from '../../src/image/verify-image.js';
import type { FileCheck } from '../../src/image/report.js';
import { memoryLogger } from '../../src/log/logger.js';
import { readFile } from 'node:fs/promises';
import { pushImage } from '../support/append-layers.js';
import { requireEngine, runDocker, uniqueTag } from '../support/docker.js';
import { tar, type TarItem } from '../unit/image/build-tar.js';
import { AMD64_BUSYBOX } from './build-support.js';

const REPO = 'oneapi-offline-test/hostile-layers';
const tag = uniqueTag();
const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
const GOOD = 'the pinned bytes\n';
const EVIL = 'an attacker’s bytes\n';
const F = 'f'.repeat(40);
const G = 'e'.repeat(40);

interface Case {
  readonly name: string;
  readonly layers: TarItem[][];
  /** File names under /tiktoken_cache compared with the container. */
  readonly files: readonly string[];
  /** Whether verification must pass (expected bytes: GOOD for every file). */
  readonly passes: boolean;
  /** Podman (containers/storage) refuses a layer of it: verify fails naming it, though Docker reads these bytes. */
  readonly podmanRefuses?: true;
}

const dir: TarItem = { type: 'dir', name: 'tiktoken_cache/' };
const CASES: readonly Case[] = [
  { name: '`..` inside a path', layers: [[dir, { type: 'file', name: `tiktoken_cache/x/../${F}`, data: EVIL }]], files: [F], passes: false },
  { name: '`..` at the start of a path', layers: [[dir, { type: 'file', name: `tiktoken_cache/${F}`, data: GOOD }], [{ type: 'file', name: `../../tiktoken_cache/${F}`, data: EVIL }]], files: [F], passes: false },
  {
    name: 'a write through a parent symlinked in a lower layer',
    layers: [[dir, { type: 'file', name: `tiktoken_cache/${F}`, data: GOOD }, { type: 'symlink', name: 'innocent', target: '/tiktoken_cache' }], [{ type: 'file', name: `innocent/${F}`, data: EVIL }]],
    files: [F],
    passes: true,
  },
  {
    name: 'a write through a parent symlinked in the same layer',
    layers: [[dir, { type: 'file', name: `tiktoken_cache/${F}`, data: GOOD }, { type: 'symlink', name: 'innocent', target: '/tiktoken_cache' }, { type: 'file', name: `innocent/${F}`, data: EVIL }]],
    files: [F],
    passes: false,
  },
  {
    name: 'a pax global header',
    layers: [[dir, { type: 'file', name: `tiktoken_cache/${F}`, data: GOOD }, { type: 'pax', global: true, records: { path: `tiktoken_cache/${G}` } }, { type: 'file', name: `tiktoken_cache/${G}`, data: GOOD }]],
    files: [F, G],
    // The header and the file share a name: a duplicate path to containers/storage.
    passes: false,
    podmanRefuses: true,
  },
  {
    name: 'a pax global header named after a file',
    layers: [
      [dir, { type: 'file', name: `tiktoken_cache/${F}`, data: GOOD }, { type: 'file', name: `tiktoken_cache/${G}`, data: GOOD }, { type: 'pax', global: true, records: { path: `tiktoken_cache/${G}` } }],
      [{ type: 'pax', global: true, records: { path: `tiktoken_cache/${F}` } }, { type: 'file', name: 'other', data: 'x' }],
    ],
    files: [F, G],
    passes: false,
    podmanRefuses: true,
  },
  {
    name: 'a hard link to a file outside the folder',
    layers: [[{ type: 'file', name: 'opt/payload', data: EVIL }, dir, { type: 'hardlink', name: `tiktoken_cache/${F}`, target: 'opt/payload' }]],
    files: [F],
    passes: false,
  },
  { name: 'a symlink loop', layers: [[dir, { type: 'symlink', name: `tiktoken_cache/${F}`, target: G }, { type: 'symlink', name: `tiktoken_cache/${G}`, target: F }]], files: [F], passes: false },
  {
    name: 'whiteouts and an opaque folder',
    layers: [
      [dir, { type: 'file', name: `tiktoken_cache/${F}`, data: EVIL }, { type: 'file', name: `tiktoken_cache/${G}`, data: GOOD }, { type: 'file', name: 'tiktoken_cache/secret', data: 'x' }],
      [{ type: 'file', name: `tiktoken_cache/.wh.${F}`, data: '' }],
      [{ type: 'file', name: 'tiktoken_cache/.wh..wh..opq', data: '' }, { type: 'file', name: `tiktoken_cache/${F}`, data: GOOD }, { type: 'file', name: `tiktoken_cache/${G}`, data: GOOD }],
    ],
    files: [F, G],
    passes: true,
  },
];

const refs = new Map<number, string>();

/** A layer with a static busybox as /bin/sha256sum, so the containers can hash what they read. */
async function busyboxLayer(): Promise<Buffer> {
  return tar([
    { type: 'dir', name: 'bin/' },
    { type: 'file', name: 'bin/busybox', data: await readFile(AMD64_BUSYBOX), mode: 0o755 },
    { type: 'symlink', name: 'bin/sha256sum', target: 'busybox' },
  ]);
}

beforeAll(async () => {
  await requireEngine();
  const busybox = await busyboxLayer();
  for (const [i, c] of CASES.entries()) {
    refs.set(i, await pushImage({
      repo: REPO, tag: `${tag}-${i}`, platform: 'linux/amd64',
      layers: [busybox, ...c.layers.map((items) => tar(items))],
      env: ['PATH=/bin', 'TIKTOKEN_CACHE_DIR=/tiktoken_cache', 'DATA_GYM_CACHE_DIR=/tiktoken_cache'],
    }));
  }
});

afterAll(async () => {
  for (const ref of refs.values()) await runDocker(['image', 'rm', ref], { allowFailure: true });
});

/** sha256 of each path in a container, or `unreadable`. */
async function inContainer(ref: string, files: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const f of files) {
    const r = await runDocker(['run', '--rm', '--network', 'none', '--platform', 'linux/amd64', ref, 'sha256sum', `/tiktoken_cache/${f}`], { allowFailure: true });
    out.push(r.code === 0 ? (r.stdout.split(' ')[0] ?? '') : r.stderr.includes('No such file') ? 'missing' : 'unreadable');
  }
  return out;
}

function verifiedAs(check: FileCheck | undefined): string {
  if (!check) return 'absent';
  if (check.status === 'missing') return 'missing';
  return check.actualSha256 ?? 'unreadable';
}

describe('hostile layers: verify hashes what a container reads', () => {
  it.each(CASES.map((c, i) => ({ ...c, i })))('$name', async ({ i, files, passes, podmanRefuses }) => {
    const ref = refs.get(i) as string;
    const expectations = { cachePath: '/tiktoken_cache', files: files.map((f) => ({ cacheFile: f, sha256: sha(GOOD), size: Buffer.byteLength(GOOD) })) };
    const report = await verifyImage({ kind: 'registry', reference: ref, insecure: true }, expectations, { log: memoryLogger() });
    const platform = report.platforms[0];
    const podman = platform?.problems.filter((p) => /Podman would refuse|the runtimes disagree/.test(p)) ?? [];
    expect(platform?.problems.filter((p) => !podman.includes(p))).toEqual([]);
    const said = [...(platform?.problems ?? []), ...(platform?.consumers.flatMap((c) => c.findings.map((f) => f.problem)) ?? [])].join('\n');
    expect(/Podman read no files \(.*Podman would refuse/.test(said)).toBe(podmanRefuses === true);
    const seen = files.map((f) => verifiedAs(platform?.consumers[0]?.files.find((c) => c.cacheFile === f)));
    expect(seen).toEqual(await inContainer(ref, files));
    expect(report.ok).toBe(passes);
  });
});

describe('a layer the engine refuses to unpack', () => {
  it('a hard link into a lower layer: the container does not start, and verify fails naming the layer', async () => {
    const busybox = await busyboxLayer();
    const ref = await pushImage({
      repo: REPO, tag: `${tag}-lower-link`, platform: 'linux/amd64',
      layers: [busybox, tar([{ type: 'file', name: 'opt/payload', data: GOOD }]), tar([dir, { type: 'hardlink', name: `tiktoken_cache/${F}`, target: 'opt/payload' }])],
      env: ['PATH=/bin', 'TIKTOKEN_CACHE_DIR=/tiktoken_cache', 'DATA_GYM_CACHE_DIR=/tiktoken_cache'],
    });
    refs.set(-1, ref);
    const run = await runDocker(['run', '--rm', '--network', 'none', '--platform', 'linux/amd64', ref, 'sha256sum', `/tiktoken_cache/${F}`], { allowFailure: true });
    expect(run.code).not.toBe(0);
    const report = await verifyImage({ kind: 'registry', reference: ref, insecure: true }, { cachePath: '/tiktoken_cache', files: [{ cacheFile: F, sha256: sha(GOOD) }] }, { log: memoryLogger() });
    expect(report.ok).toBe(false);
    expect(report.platforms[0]?.problems.join()).toMatch(/layer 3\/3 .*engine would refuse to unpack this layer: hard link/);
  });
});
