// Where containers/storage (Podman, CRI-O) unpacks a layer differently from containerd, found
// with the runtime corpus (test/e2e/runtime-corpus.test.ts) on Podman 4.3:
// - it refuses the whole layer ("duplicates of file paths not supported") when two headers carry
//   the same name after Go's filepath.Clean: the layer is read through tar-split, whose packer
//   keeps every header's name. Any type counts: a folder entry twice, a hard link and a file, a
//   pax global header named by its `path` record. `x` and `./x` or `x/` are the same name; `/x`
//   and `x` are not (both are unpacked, the last one winning as in containerd);
// - folders a layer only makes as missing parents are 0755 root (user-access.ts), where
//   containerd copies them from the layers below;
// - a hard link's target is cleaned lexically before symlinks are followed (apply-layer.ts,
//   LinkTargets): `opt/sym/../f` is `opt/f`, where containerd goes up from sym's target.
// Otherwise it unpacked every corpus case as containerd does. Pure.
import { TarType } from '../tar/tar-header.js';
import { applyRecorded, type RecordedEntry } from './read-layer.js';
import { LayerTree, UnpackError } from './layer-tree.js';
import { goClean } from './layer-paths.js';

/** Why containers/storage refuses this layer, or undefined. */
export function storageRefusal(entries: readonly RecordedEntry[]): string | undefined {
  const seen = new Map<string, string>();
  for (const { header } of entries) {
    const name = goClean(header.name);
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      const which = earlier === header.name ? `two entries named ${JSON.stringify(name)}` : `entries ${JSON.stringify(earlier)} and ${JSON.stringify(header.name)} both name ${JSON.stringify(name)}`;
      return `${which} (containers/storage refuses a path twice in one layer; write each path once)`;
    }
    seen.set(name, header.name);
  }
  return undefined;
}

/** Whether containers/storage unpacks this layer into another tree than containerd (a hard link target with `..`). */
function treeDiffers(entries: readonly RecordedEntry[]): boolean {
  return entries.some(({ header }) => header.type === TarType.hardlink && header.linkname.split('/').includes('..'));
}

/**
 * The layer as containers/storage unpacks it: containerd's tree where they agree (shared, not
 * copied), and why it refuses the layer, if it does.
 */
export async function storageLayer(entries: readonly RecordedEntry[], containerd: LayerTree): Promise<{ tree: LayerTree; refused?: string }> {
  const refused = storageRefusal(entries);
  if (!treeDiffers(entries)) return { tree: containerd, ...(refused ? { refused } : {}) };
  const tree = new LayerTree();
  try {
    await applyRecorded(tree, entries, 'lexical');
  } catch (error) {
    if (!(error instanceof UnpackError)) throw error;
    return { tree, refused: refused ?? error.message };
  }
  return { tree, ...(refused ? { refused } : {}) };
}
