// A local `source` for air-gapped sites: a folder or a .tar/.tar.gz/.tgz. Files are found by
// their sha1 cache name (an existing TIKTOKEN_CACHE_DIR) or their upstream file name
// (`cl100k_base.tiktoken`, `vocab.bpe`, `encoder.json`), at the top or one folder down.
// Never touches the network; nothing here is trusted until checkPin has seen it.
import { constants } from 'node:fs';
import { access, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { InputError } from '../errors.js';
import type { ByteSource } from './copy-verified.js';
import type { SelectedFile } from './selection.js';
import { tarEntries } from './tar-entries.js';

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
const MAX_UNPACKED = 256 * 1024 * 1024;
const unzip = promisify(gunzip);

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
      else if (entry.isFile() || (entry.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isFile()))
        found.push({ display: path, from: { path }, name: entry.name, depth });
    }
  };
  await walk(root, 0);
  return found;
}

async function tarballFiles(path: string): Promise<SourceCandidate[]> {
  let archive = await readFile(path);
  if (archive[0] === 0x1f && archive[1] === 0x8b) archive = await unzip(archive, { maxOutputLength: MAX_UNPACKED });
  return (await tarEntries(archive)).flatMap((entry) => {
    const parts = entry.name.split('/').filter((part) => part !== '' && part !== '.');
    if (parts.length === 0 || parts.length > 2 || parts.includes('..')) return [];
    return [{ display: `${path}:${entry.name}`, from: { bytes: entry.bytes }, name: parts.at(-1) ?? '', depth: parts.length - 1 }];
  });
}

/** Reads the folder listing or the whole tarball (a few MB); throws InputError naming `source`. */
export async function openSource(path: string): Promise<LocalSource> {
  const kind = await checkSource(path);
  let files: SourceCandidate[];
  try {
    files = kind === 'folder' ? await folderFiles(path) : await tarballFiles(path);
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
