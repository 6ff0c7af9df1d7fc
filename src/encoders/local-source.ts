// A local `source` for air-gapped sites: a folder or a .tar/.tar.gz/.tgz. Files are found by
// their sha1 cache name (an existing TIKTOKEN_CACHE_DIR) or their upstream file name
// (`cl100k_base.tiktoken`, `vocab.bpe`, `encoder.json`), at the top or one folder down.
// Never touches the network; nothing here is trusted until checkPin has seen it. A tarball is
// streamed (plain or gzip, under one cap on the unpacked bytes), holding only candidate files.
import { constants } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from '../errors.js';
import { readLimit } from './check-pin.js';
import type { ByteSource } from './copy-verified.js';
import { openRegular, readChunks } from './regular-file.js';
import type { SelectedFile } from './selection.js';
import { tarEntries, type KeepFn } from './tar-entries.js';

export interface SourceCandidate {
  /** Where the bytes are, for messages: a path, or `archive.tar.gz:inner/path`. */
  readonly display: string;
  readonly from: ByteSource;
  /** File name (last path part) and how many folders down it is. */
  readonly name: string;
  readonly depth: number;
}

export interface LocalSource {
  readonly path: string;
  readonly kind: 'folder' | 'tarball';
  /** Files that may hold `file`, best first (sha1 name, then upstream names; shallow first). */
  candidates(file: SelectedFile): SourceCandidate[];
}

const TARBALL = /\.(tar|tar\.gz|tgz)$/i;
/** Most bytes of tar stream (after gunzip, for a .tar.gz) read from a source tarball. */
export const MAX_UNPACKED = 256 * 1024 * 1024;

function sourceError(path: string, got: string, cause?: unknown): InputError {
  return new InputError(
    'source',
    {
      got: `${JSON.stringify(path)} (${got})`,
      expected: 'a readable folder, .tar, .tar.gz or .tgz holding the encoder files',
      fix: 'point source at the folder or tarball that holds the files (named like cl100k_base.tiktoken or by their sha1 cache name), or leave source empty to download',
    },
    cause === undefined ? undefined : { cause },
  );
}

/** Validates `source` before any network call: it exists, is readable, is a folder or tarball. */
export async function checkSource(path: string): Promise<'folder' | 'tarball'> {
  let kind: 'folder' | 'tarball';
  try {
    const info = await stat(path);
    if (info.isDirectory()) kind = 'folder';
    else if (info.isFile() && TARBALL.test(path)) kind = 'tarball';
    else throw sourceError(path, info.isFile() ? 'a file that is not .tar, .tar.gz or .tgz' : 'not a file or folder');
    await access(path, kind === 'folder' ? constants.R_OK | constants.X_OK : constants.R_OK);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw sourceError(path, code === 'ENOENT' ? 'does not exist' : `not readable: ${code ?? String(error)}`, error);
  }
  return kind;
}

async function folderFiles(root: string): Promise<SourceCandidate[]> {
  const found: SourceCandidate[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && depth === 0) await walk(path, 1);
      // Anything but a folder is a candidate: a FIFO, a device or a dangling symlink under an
      // encoder's name is then reported by name (prepare opens files without blocking).
      else if (!entry.isDirectory() && !(entry.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isDirectory()))
        found.push({ display: path, from: { path }, name: entry.name, depth });
    }
  };
  await walk(root, 0);
  return found;
}

/** The tar stream of `path`: gunzipped when it starts like gzip; throws past MAX_UNPACKED bytes. */
async function* tarStream(path: string): AsyncGenerator<Buffer> {
  const raw = readChunks(await openRegular(path), Number.MAX_SAFE_INTEGER, path);
  try {
    const first = await raw.next();
    if (first.done) throw new Error('the file is empty');
    const head = first.value;
    const bytes = (async function* () {
      yield head;
      yield* raw;
    })();
    const gzip = head[0] === 0x1f && head[1] === 0x8b;
    const unpacked: AsyncIterable<Buffer> = gzip ? Readable.from(bytes).pipe(createGunzip()) : bytes;
    let total = 0;
    for await (const chunk of unpacked) {
      total += chunk.length;
      if (total > MAX_UNPACKED) throw new Error(`it unpacks to more than ${MAX_UNPACKED} bytes; the encoder files are far smaller`);
      yield chunk;
    }
  } finally {
    await raw.return(undefined);
  }
}

async function tarballFiles(path: string, keep: KeepFn): Promise<SourceCandidate[]> {
  return (await tarEntries(tarStream(path), keep)).flatMap((entry) => {
    const parts = entry.name.split('/').filter((part) => part !== '' && part !== '.');
    if (parts.length === 0 || parts.length > 2 || parts.includes('..')) return [];
    return [{ display: `${path}:${entry.name}`, from: { bytes: entry.bytes }, name: parts.at(-1) ?? '', depth: parts.length - 1 }];
  });
}

/** For a tarball: keep entries named like a selected file, each up to that file's read limit. */
function keepFor(files: readonly SelectedFile[] | undefined): KeepFn {
  if (files === undefined) return () => MAX_UNPACKED;
  const limits = new Map<string, number>();
  for (const file of files) {
    for (const name of [file.cacheFile, ...file.sourceNames]) limits.set(name, Math.max(limits.get(name) ?? 0, readLimit(file)));
  }
  return (name) => limits.get(name.split('/').filter((part) => part !== '' && part !== '.').at(-1) ?? '');
}

/**
 * Reads the folder listing, or streams the tarball keeping the candidates for `wanted` (all
 * regular files when absent); throws InputError naming `source`.
 */
export async function openSource(path: string, wanted?: readonly SelectedFile[]): Promise<LocalSource> {
  const kind = await checkSource(path);
  let files: SourceCandidate[];
  try {
    files = kind === 'folder' ? await folderFiles(path) : await tarballFiles(path, keepFor(wanted));
  } catch (error) {
    throw sourceError(path, `cannot read it: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  const byName = new Map<string, SourceCandidate[]>();
  for (const file of files) {
    byName.set(file.name, [...(byName.get(file.name) ?? []), file]);
  }
  return {
    path,
    kind,
    candidates: (file) =>
      [file.cacheFile, ...file.sourceNames].flatMap((name) =>
        [...(byName.get(name) ?? [])].sort((a, b) => a.depth - b.depth),
      ),
  };
}
