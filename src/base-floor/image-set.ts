// The image's encoder set when files are carried from the base (decide.ts): the prepared
// folder's manifest plus the carried entries, which both engines write as the image's
// manifest.json and verification expects; and merge mode's expectations, which never see the
// base: the files the merge job names plus the pinned files each folder's manifest.json lists
// (what the per-platform builds carried), each against its pin. Pure.
import { buildManifest, type Manifest } from '../encoders/manifest.js';
import { selectFiles, type ExtraEncoder } from '../encoders/selection.js';
import { expectedFile } from '../image/expectations.js';
import type { Expectations } from '../image/report.js';
import { ENCODING_NAMES } from '../pins.js';
import type { BaseFloor } from './decide.js';

const byId = <T extends { readonly id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** `manifest` with the carried files added (entries sorted by id, encodings the sorted union), as buildManifest writes it. */
export function imageManifest(manifest: Manifest, floor: BaseFloor | undefined): Manifest {
  if (!floor || floor.carried.length === 0) return manifest;
  const have = new Set(manifest.files.map((f) => f.cacheFile));
  const added = buildManifest(floor.carried.map((c) => c.file).filter((f) => !have.has(f.cacheFile))).files;
  const files = [...manifest.files, ...added].sort(byId);
  return { ...manifest, encodings: [...new Set(files.flatMap((f) => f.encodings))].sort(), files };
}

/** What an engine builds the cache folder from: the prepared folder, the image's manifest, the carried bytes. */
export function imageSet<T extends { readonly cacheDir: string; readonly manifest: Manifest }>(prepared: T, floor: BaseFloor | undefined): T & { readonly carried?: ReadonlyMap<string, Buffer> } {
  if (!floor || floor.carried.length === 0) return prepared;
  return { ...prepared, manifest: imageManifest(prepared.manifest, floor), carried: new Map(floor.carried.map((c) => [c.file.cacheFile, c.bytes])) };
}

/** Merge mode: the named files, and every pinned (or extra-encoders) file a folder's manifest.json lists too. */
export function mergeExpectations(expectations: Expectations, extras: readonly ExtraEncoder[]): Expectations {
  if (expectations.fromImage) return expectations;
  return { ...expectations, listedToo: true, known: selectFiles(ENCODING_NAMES, extras).map(expectedFile) };
}
