// One layer's tar read once into a record of its entries (names, types, links, and content
// records), then applied to an image tree as often as needed. Regular files are hashed while
// they stream by when their name lies in a folder a consumer may read; the others keep only
// where they are (layer, entry number), so a later pass hashes exactly the ones a verdict needs.
import { TarType, type TarHeader } from '../tar/tar-header.js';
import { tarEntries } from '../tar/tar-entries.js';
import { layerApplier, type LinkTargets } from './apply-layer.js';
import { normalizeLayerPath } from './layer-paths.js';
import type { Content, LayerTree } from './layer-tree.js';
import type { LayerSummaries } from './layer-summaries.js';
import type { Descriptor } from '../oci/media-types.js';
import { StreamHash } from '../oci/digest.js';

export interface HashPolicy {
  /** Whether the file named so (cleaned, before symlinks) is hashed on the first pass. */
  hash(path: string): boolean;
  /** Whether its bytes are kept too (manifest.json), given its size. */
  keep(path: string, size: number): boolean;
}

export interface RecordedEntry {
  readonly header: TarHeader;
  readonly content?: Content;
}

async function digest(body: AsyncIterable<Buffer>, content: Content, keep: boolean): Promise<void> {
  const hash = new StreamHash();
  const parts: Buffer[] = [];
  for await (const part of body) {
    hash.update(part);
    if (keep) parts.push(part);
  }
  content.sha256 = hash.hex();
  content.size = hash.size;
  if (keep) content.bytes = Buffer.concat(parts);
}

/** Reads a whole layer (so its digest is checked) into entry records. */
export async function recordLayer(tar: AsyncIterable<Buffer | Uint8Array>, layer: number, policy: HashPolicy): Promise<RecordedEntry[]> {
  const out: RecordedEntry[] = [];
  let ordinal = 0;
  for await (const entry of tarEntries(tar)) {
    const header: TarHeader = {
      name: entry.name,
      linkname: entry.linkname,
      size: entry.size,
      type: entry.type,
      mode: entry.mode,
      uid: entry.uid,
      gid: entry.gid,
      device: entry.device,
      devmajor: entry.devmajor,
      devminor: entry.devminor,
    };
    if (entry.type !== TarType.file) {
      out.push({ header });
      ordinal++;
      continue;
    }
    const content: Content = { size: entry.size, layer, ordinal: ordinal++ };
    const path = normalizeLayerPath(entry.name);
    if (policy.hash(path)) await digest(entry.body, content, policy.keep(path, entry.size));
    out.push({ header, content });
  }
  return out;
}

/**
 * Records of layers already read in one verification, by digest and the folders hashed: a
 * layer shared by several platforms (or read again) is read once. Content-addressed, so the
 * same digest is the same entries; each caller gets its own content records (numbered with
 * its own layer index), so a second pass for one platform never changes another's. With
 * `summaries`, layers read by earlier verifications come from there, and layers read now are
 * kept there once their read (and so their digest check) completed.
 */
export interface LayerRecords {
  read(layer: Descriptor, roots: readonly string[], index: number, record: () => Promise<RecordedEntry[]>): Promise<RecordedEntry[]>;
}

export function layerRecords(summaries?: LayerSummaries): LayerRecords {
  const known = new Map<string, Promise<RecordedEntry[]>>();
  const load = async (layer: Descriptor, roots: readonly string[], record: () => Promise<RecordedEntry[]>): Promise<RecordedEntry[]> => {
    const kept = await summaries?.get(layer, roots);
    if (kept) return kept;
    const entries = await record();
    await summaries?.put(layer, roots, entries);
    return entries;
  };
  return {
    async read(layer, roots, index, record) {
      const key = `${layer.digest}\0${layer.size}\0${layer.mediaType}\0${roots.join('\0')}`;
      let entries = known.get(key);
      if (!entries) {
        entries = load(layer, roots, record);
        known.set(key, entries);
      }
      return (await entries).map((e) => (e.content ? { header: e.header, content: { ...e.content, layer: index } } : e));
    },
  };
}

/** Applies recorded entries to the tree as the runtime would unpack them. */
export async function applyRecorded(tree: LayerTree, entries: readonly RecordedEntry[], linkTargets?: LinkTargets): Promise<void> {
  const applier = layerApplier(tree, linkTargets);
  for (const entry of entries) {
    await applier.apply(entry.header, async () => {
      if (!entry.content) throw new Error('internal: a regular file without a content record');
      return entry.content;
    });
  }
}

/** Reads and applies one layer (bottom-up reading). */
export async function readLayer(tar: AsyncIterable<Buffer | Uint8Array>, layer: number, tree: LayerTree, policy: HashPolicy): Promise<void> {
  await applyRecorded(tree, await recordLayer(tar, layer, policy));
}

/** Second pass over a layer: hashes (and keeps, when asked) the entries named by number. */
export async function hashEntries(tar: AsyncIterable<Buffer | Uint8Array>, wanted: ReadonlyMap<number, { content: Content; keep: boolean }>): Promise<void> {
  let ordinal = 0;
  for await (const entry of tarEntries(tar)) {
    const want = wanted.get(ordinal++);
    if (want) await digest(entry.body, want.content, want.keep);
  }
}
