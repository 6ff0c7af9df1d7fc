// The manifest.json already in a cache folder, read as untrusted input: only a regular file
// (not a symlink, FIFO or folder), at most 1 MiB, decides who owns the folder's files.
import { join } from 'node:path';
import { MANIFEST_FILE, manifestOwnership, type Ownership } from './manifest.js';
import { openRegular, readChunks, UnreadableFile } from './regular-file.js';

const MAX_MANIFEST_BYTES = 1 << 20;

export type FolderOwnership =
  | { readonly kind: 'none' }
  | (Extract<Ownership, { kind: 'ours' }> & { readonly text: string })
  | Extract<Ownership, { kind: 'foreign' }>;

export async function readOwnership(dir: string): Promise<FolderOwnership> {
  const path = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of readChunks(await openRegular(path, { noFollow: true }), MAX_MANIFEST_BYTES, path)) {
      chunks.push(chunk);
      size += chunk.length;
    }
    if (size > MAX_MANIFEST_BYTES) return { kind: 'foreign', reason: `it is larger than ${MAX_MANIFEST_BYTES} bytes` };
    text = Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    if (error instanceof UnreadableFile) {
      if (error.code === 'ENOENT') return { kind: 'none' };
      return { kind: 'foreign', reason: error.message.slice(path.length + 2) };
    }
    throw error;
  }
  const ownership = manifestOwnership(text);
  return ownership.kind === 'ours' ? { ...ownership, text } : ownership;
}
