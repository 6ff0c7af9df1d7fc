// Prepare treats cache-dir and every file it reads as possibly hostile: it changes only what a
// manifest of its own listed (and says so), refuses a folder that is not its own, reads only
// regular files and never past the pinned size (FIFOs, /dev/zero and huge files fail fast and
// named), and turns what the environment refuses (a full disk, a dangling symlink) into an
// error naming the input and the fix. Real parts: loopback mirror, real tool cache, real disks.
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, symlink, truncate, writeFile, open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode, IntegrityError, InputError } from '../../src/errors.js';
import { MAX_UNPACKED } from '../../src/encoders/local-source.js';
import { prepare } from '../../src/prepare/prepare.js';
import { PINNED_FILES } from '../../src/pins.js';
import { encoderBytes } from '../support/encoder-bytes.js';
import { caught, deps, mirror, options, sandboxRoot, sha1Name } from './prepare-sandbox.js';

const R50K = PINNED_FILES.r50k_base;
const offline = () => deps({ download: () => Promise.reject(new Error('network used')) });

describe('prepare changes only what it wrote', () => {
  it('fails on a foreign manifest.json before any download, and deletes or rewrites nothing', async () => {
    const server = await mirror();
    const dir = join(sandboxRoot(), 'cache-dir');
    await mkdir(dir, { recursive: true });
    const theirs = JSON.stringify({ name: 'another tool', files: [{ cacheFile: sha1Name('r50k_base') }] });
    await writeFile(join(dir, 'manifest.json'), theirs);
    await writeFile(join(dir, sha1Name('r50k_base')), 'their bytes');
    await writeFile(join(dir, '.oneapi-offline-notes'), 'a user file with our prefix');
    const error = await caught(prepare(options({ encoders: 'r50k_base', mirror: server.origin }), deps()), InputError);
    expect(error.exitCode).toBe(ExitCode.badInput);
    expect(error.message).toMatch(/cache-dir .*manifest\.json was not written by this action[\s\S]*fix: /);
    expect(server.requests).toHaveLength(0);
    expect((await readdir(dir)).sort()).toEqual(['.oneapi-offline-notes', 'manifest.json', sha1Name('r50k_base')].sort());
    expect(await readFile(join(dir, 'manifest.json'), 'utf8')).toBe(theirs);
    expect(await readFile(join(dir, sha1Name('r50k_base')), 'utf8')).toBe('their bytes');
  });

  it('removes and replaces only files its earlier manifest listed, reporting each; foreign files stay', async () => {
    const server = await mirror();
    const dir = join(sandboxRoot(), 'cache-dir');
    await prepare(options({ encoders: 'r50k_base,gpt2', mirror: server.origin, cache: 'false' }), deps());
    await writeFile(join(dir, sha1Name('r50k_base')), 'damaged since');
    await writeFile(join(dir, '.oneapi-offline-notes'), 'a user file with our prefix');
    await writeFile(join(dir, '.env'), 'TOKEN=x');
    const run = deps();
    await prepare(options({ encoders: 'r50k_base', mirror: server.origin, cache: 'false' }), run);
    expect((await readdir(dir)).sort()).toEqual(['.env', '.oneapi-offline-notes', 'manifest.json', sha1Name('r50k_base')].sort());
    const log = run.log.lines.join('\n');
    expect(log).toContain(`replaced ${sha1Name('r50k_base')} (listed by this action's earlier manifest.json)`);
    for (const id of ['gpt2-vocab-bpe', 'gpt2-encoder-json'] as const) expect(log).toContain(`removed ${sha1Name(id)} (listed by this action's earlier manifest.json`);
    expect(log).toMatch(/left 2 file\(s\) that are not this action's alone .*\.env, \.oneapi-offline-notes/);
    expect(await readFile(join(dir, '.oneapi-offline-notes'), 'utf8')).toBe('a user file with our prefix');
  });
});

describe('prepare reads only regular files, never past the pinned size', () => {
  async function sourceWith(name: string, make: (path: string) => Promise<void>): Promise<string> {
    const dir = join(sandboxRoot(), 'source');
    await mkdir(dir, { recursive: true });
    await make(join(dir, name));
    return dir;
  }

  it.each([
    ['a FIFO', async (path: string) => void execFileSync('mkfifo', [path]), /FIFO/],
    ['a symlink to /dev/zero', (path: string) => symlink('/dev/zero', path), /a device/],
    ['a dangling symlink', (path: string) => symlink('/nowhere/at/all', path), /does not exist \(or is a symlink to nothing\)/],
  ])('a source holding %s under an encoder name: an input error naming it, at once', async (_name, make, reason) => {
    const source = await sourceWith('r50k_base.tiktoken', make);
    const error = await caught(prepare(options({ encoders: 'r50k_base', source }), offline()), InputError);
    expect(error.input).toBe('source');
    expect(error.message).toContain(join(source, 'r50k_base.tiktoken'));
    expect(error.message).toMatch(reason);
  });

  it('a huge source file is refused by its size, without reading it', async () => {
    const source = await sourceWith('r50k_base.tiktoken', (path) => writeFile(path, '').then(() => truncate(path, 64 * 1024 ** 3)));
    const error = await caught(prepare(options({ encoders: 'r50k_base', source }), offline()), IntegrityError);
    expect(error.message).toMatch(/not hashed \(larger than the limit\), 68719476736 bytes/);
  });

  it('a FIFO in cache-dir under an encoder name: named at once, before any download', async () => {
    const server = await mirror();
    const dir = join(sandboxRoot(), 'cache-dir');
    await mkdir(dir, { recursive: true });
    execFileSync('mkfifo', [join(dir, sha1Name('r50k_base'))]);
    const error = await caught(prepare(options({ encoders: 'r50k_base', mirror: server.origin }), deps()), InputError);
    expect(error.message).toMatch(/cache-dir .*FIFO/);
    expect(server.requests).toHaveLength(0);
  });

  it('a plain .tar with a large member is streamed: only the pinned size is held, and bad bytes are refused', async () => {
    // A 300 MiB member named like the encoder: the tarball is sparse on disk.
    const tarball = join(sandboxRoot(), 'big.tar');
    const handle = await open(tarball, 'w');
    const header = Buffer.alloc(512);
    header.write('r50k_base.tiktoken', 0);
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(`${(200 * 1024 * 1024).toString(8).padStart(11, '0')}\0`, 124);
    header.write('00000000000\0', 136);
    header.write('        ', 148);
    header.write('0', 156);
    header.write('ustar\0', 257);
    header.write('00', 263);
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    await handle.write(header, 0, 512, 0);
    await handle.close();
    await truncate(tarball, 512 + 200 * 1024 * 1024 + 1024);
    const error = await caught(prepare(options({ encoders: 'r50k_base', source: tarball }), offline()), IntegrityError);
    expect(error.message).toContain(`big.tar:r50k_base.tiktoken`);
    expect(error.message).toContain(`not hashed (larger than the limit), ${R50K.size + 1} bytes`);
  });

  it('a tarball past the unpacked cap is refused, named (a gzip bomb)', async () => {
    const bomb = join(sandboxRoot(), 'bomb.tar.gz');
    execFileSync('sh', ['-c', `head -c ${MAX_UNPACKED + (1 << 20)} /dev/zero | gzip -1 > ${bomb}`]);
    const error = await caught(prepare(options({ encoders: 'r50k_base', source: bomb }), offline()), InputError);
    expect(error.message).toMatch(/input "source"[\s\S]*unpacks to more than 268435456 bytes/);
  });
});

describe('the environment: errors that name the input and the fix', () => {
  it('a full disk (ENOSPC, a 256 KiB tmpfs) is an input error on cache-dir, with nothing half-written left', async () => {
    const mount = join(sandboxRoot(), 'small');
    await mkdir(mount);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mount]);
    try {
      const source = join(sandboxRoot(), 'source');
      await mkdir(source);
      await writeFile(join(source, 'r50k_base.tiktoken'), await encoderBytes('r50k_base'));
      const error = await caught(prepare(options({ encoders: 'r50k_base', source, 'cache-dir': join(mount, 'cache') }), offline()), InputError);
      expect(error.exitCode).toBe(ExitCode.badInput);
      expect(error.input).toBe('cache-dir');
      expect(error.message).toMatch(/no space left on the device \(ENOSPC\)[\s\S]*fix: +free space/);
      expect(await readdir(join(mount, 'cache'))).toEqual([]);
    } finally {
      execFileSync('umount', [mount]);
    }
  });

  it('a cache-dir that is a dangling symlink is an input error before anything is read', async () => {
    const link = join(sandboxRoot(), 'cache-link');
    await symlink(join(sandboxRoot(), 'gone'), link);
    const error = await caught(prepare(options({ encoders: 'r50k_base', 'cache-dir': link }), offline()), InputError);
    expect(error.message).toMatch(/cache-dir[\s\S]*symlink to nothing/);
  });

  it.each([
    ['a filesystem root', () => '/', /is a filesystem root/],
    ['RUNNER_TEMP itself', () => join(sandboxRoot(), 'temp'), /is RUNNER_TEMP/],
    ['a folder holding RUNNER_TEMP', () => sandboxRoot(), /contains RUNNER_TEMP/],
    ['a folder inside the staging root', () => join(sandboxRoot(), 'temp', 'oneapi-offline-staging', 'x'), /inside the staging folder/],
  ])('cache-dir may not be %s: an input error before any fetch', async (_name, dir, reason) => {
    const server = await mirror();
    await mkdir(join(sandboxRoot(), 'temp'), { recursive: true });
    const error = await caught(prepare(options({ encoders: 'r50k_base', mirror: server.origin, 'cache-dir': dir() }), deps()), InputError);
    expect(error.input).toBe('cache-dir');
    expect(error.message).toMatch(reason);
    expect(error.message).toContain('fix:');
    expect(server.requests).toHaveLength(0);
  });
});
