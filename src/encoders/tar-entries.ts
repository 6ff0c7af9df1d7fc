// The regular files of a local `source` tarball, streamed with the shared tar reader (src/tar):
// only entries `keep` asks for are held in memory, and each only up to its limit + 1 bytes
// (enough to tell that it is too large); everything else streams past. Pure: nothing is
// extracted, so no path in the archive can reach the filesystem. Links, devices and folders
// are skipped; a damaged archive is an error.
import { tarEntries as streamEntries } from '../tar/tar-entries.js';
import { TarType } from '../tar/tar-header.js';

export interface TarEntry {
  /** Path inside the archive, as written (e.g. `./cl100k_base.tiktoken`, `cache/9b5a…`). */
  readonly name: string;
  readonly bytes: Buffer;
}

/** How many bytes of the entry at `name` to keep, or undefined to skip it. */
export type KeepFn = (name: string) => number | undefined;

async function* once(archive: Buffer): AsyncGenerator<Buffer> {
  yield archive;
}

/** Rejects with an Error describing the damage when `archive` is not a readable tar. */
export async function tarEntries(archive: Buffer | AsyncIterable<Buffer>, keep: KeepFn = () => Number.MAX_SAFE_INTEGER): Promise<TarEntry[]> {
  const entries: TarEntry[] = [];
  for await (const entry of streamEntries(Buffer.isBuffer(archive) ? once(archive) : archive)) {
    const limit = entry.type === TarType.file ? keep(entry.name) : undefined;
    if (limit === undefined) continue; // the reader skips the body
    const chunks: Buffer[] = [];
    let held = 0;
    for await (const chunk of entry.body) {
      if (held > limit) continue; // over the limit: read past, keep nothing more
      const part = chunk.subarray(0, limit + 1 - held);
      chunks.push(part);
      held += part.length;
    }
    entries.push({ name: entry.name, bytes: Buffer.concat(chunks) });
  }
  return entries;
}
