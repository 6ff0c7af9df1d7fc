// The regular files of a local `source` tarball (a few MB), read from memory with the shared
// streaming tar reader (src/tar). Pure: nothing is extracted, so no path in the archive can
// reach the filesystem. Links, devices and folders are skipped; a damaged archive is an error.
import { tarEntries as streamEntries } from '../tar/tar-entries.js';
import { TarType } from '../tar/tar-header.js';

export interface TarEntry {
  /** Path inside the archive, as written (e.g. `./cl100k_base.tiktoken`, `cache/9b5a…`). */
  readonly name: string;
  readonly bytes: Buffer;
}

async function* once(archive: Buffer): AsyncGenerator<Buffer> {
  yield archive;
}

/** Rejects with an Error describing the damage when `archive` is not a readable tar. */
export async function tarEntries(archive: Buffer): Promise<TarEntry[]> {
  const entries: TarEntry[] = [];
  for await (const entry of streamEntries(once(archive))) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry.body) chunks.push(chunk);
    if (entry.type === TarType.file) entries.push({ name: entry.name, bytes: Buffer.concat(chunks) });
  }
  return entries;
}
