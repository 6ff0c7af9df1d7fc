// One layer's tar → what it changes under cache-path (and its ancestors). Files under
// cache-path are hashed while they stream by; everything else is skipped unread.
import { createHash } from 'node:crypto';
import { tracks, type LayerChanges, type Node, type Tree } from './file-tree.js';
import { classifyLayerPath, normalizeLayerPath } from './layer-paths.js';
import { TarType } from '../tar/tar-header.js';
import { tarEntries } from '../tar/tar-entries.js';

async function hashBody(body: AsyncIterable<Buffer>): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const part of body) {
    hash.update(part);
    size += part.length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** `cacheRoot` is the normalised cache-path (`tiktoken_cache`); `lower` resolves hard links. */
export async function readLayer(tar: AsyncIterable<Buffer | Uint8Array>, cacheRoot: string, lower: Tree): Promise<LayerChanges> {
  const deleted: string[] = [];
  const opaque: string[] = [];
  const entries: Array<readonly [string, Node]> = [];
  const seen = new Map<string, Node>();
  for await (const entry of tarEntries(tar)) {
    const path = normalizeLayerPath(entry.name);
    if (path === undefined || path === '') continue;
    const what = classifyLayerPath(path);
    if (what.kind === 'whiteout') {
      if (tracks(cacheRoot, what.path)) deleted.push(what.path);
      continue;
    }
    if (what.kind === 'opaque') {
      if (tracks(cacheRoot, what.dir)) opaque.push(what.dir);
      continue;
    }
    if (!tracks(cacheRoot, path)) continue;
    let node: Node;
    switch (entry.type) {
      case TarType.file:
        node = { kind: 'file', ...(await hashBody(entry.body)) };
        break;
      case TarType.directory:
        node = { kind: 'directory' };
        break;
      case TarType.symlink:
        node = { kind: 'symlink', target: entry.linkname };
        break;
      case TarType.hardlink: {
        const target = normalizeLayerPath(entry.linkname);
        const linked = target === undefined ? undefined : (seen.get(target) ?? lower.get(target));
        node = linked ?? { kind: 'other', detail: `hard link to /${entry.linkname}, outside cache-path (not followed)` };
        break;
      }
      default:
        node = { kind: 'other', detail: `/${path} is a special file (device, fifo…)` };
    }
    seen.set(path, node);
    entries.push([path, node]);
  }
  return { deleted, opaque, entries };
}
