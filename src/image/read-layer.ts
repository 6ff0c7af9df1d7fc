// One layer's tar applied to the image tree. Regular files are hashed while they stream by
// when the policy says a consumer may read them; the others are skipped unread and keep only
// where they are (layer, entry number), so a later pass can hash exactly the ones it needs.
import { createHash } from 'node:crypto';
import { TarType } from '../tar/tar-header.js';
import { tarEntries } from '../tar/tar-entries.js';
import { layerApplier } from './apply-layer.js';
import type { Content, LayerTree } from './layer-tree.js';

export interface HashPolicy {
  /** Whether the file at this physical path is hashed now. */
  hash(path: string): boolean;
  /** Whether its bytes are kept too (manifest.json), given its size. */
  keep(path: string, size: number): boolean;
}

async function digest(body: AsyncIterable<Buffer>, content: Content, keep: boolean): Promise<void> {
  const hash = createHash('sha256');
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of body) {
    hash.update(part);
    size += part.length;
    if (keep) parts.push(part);
  }
  content.sha256 = hash.digest('hex');
  content.size = size;
  if (keep) content.bytes = Buffer.concat(parts);
}

export async function readLayer(tar: AsyncIterable<Buffer | Uint8Array>, layer: number, tree: LayerTree, policy: HashPolicy): Promise<void> {
  const applier = layerApplier(tree);
  let ordinal = 0;
  for await (const entry of tarEntries(tar)) {
    const at = ordinal++;
    await applier.apply(entry, async (path) => {
      const content: Content = { size: entry.size, layer, ordinal: at };
      if (entry.type === TarType.file && policy.hash(path)) await digest(entry.body, content, policy.keep(path, entry.size));
      return content;
    });
  }
}

/** Second pass over a layer: hashes (and keeps, when asked) the entries named by number. */
export async function hashEntries(tar: AsyncIterable<Buffer | Uint8Array>, wanted: ReadonlyMap<number, { content: Content; keep: boolean }>): Promise<void> {
  let ordinal = 0;
  let left = wanted.size;
  for await (const entry of tarEntries(tar)) {
    const want = wanted.get(ordinal++);
    if (!want) continue;
    await digest(entry.body, want.content, want.keep);
    if (--left === 0) {
      // Read to the end anyway: the blob's digest is checked on the last byte.
    }
  }
}
