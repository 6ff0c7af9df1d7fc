// Summaries of layers already read, on disk, so a later verification of an image on the same
// base reads only the layers it has not seen (the overlay's new layer), not the whole base.
// A summary is what reading a layer records (read-layer.ts): every entry's header and, for
// regular files, their size, entry number, the sha256 of those that were hashed and the bytes
// of the small ones a reader kept (manifest.json, /etc/passwd). It is
// written only after the whole layer was read and its digest and size matched the descriptor,
// keyed by that digest, its media type and the folders hashed. It is used only if it names
// exactly that layer and those folders and its own checksum holds; anything else (a missing,
// torn, edited or foreign file) is ignored and the layer is read again, and so is every summary
// in a folder that is not this user's own, or that others may write to. Files a summary holds
// no hash for are hashed by the verifier's second pass, from the layer itself.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TarType } from '../tar/tar-header.js';
import { sha256Hex } from '../oci/digest.js';
import type { Descriptor } from '../oci/media-types.js';
import { folderTrust } from '../cache/private-folder.js';
import type { RecordedEntry } from './read-layer.js';

/** Bump when the recorded model changes: older summaries are then ignored. 2: modes, owners, devices, kept bytes. */
const FORMAT = 2;
const TYPES = new Set<string>(Object.values(TarType));
/** Bytes a reader keeps (manifest.json, /etc/passwd) are stored up to this size, so a later run need not read the layer again. */
const MAX_STORED_BYTES = 64 * 1024;

export interface LayerSummaries {
  get(layer: Descriptor, roots: readonly string[]): Promise<RecordedEntry[] | undefined>;
  /** Call only with entries recorded from a read whose digest check passed. */
  put(layer: Descriptor, roots: readonly string[], entries: readonly RecordedEntry[]): Promise<void>;
}

/** The header's fields in order (see HEADER_FIELDS); regular files add [ordinal, sha256 | null, base64 bytes | null]. */
type HeaderRow = [string, string, number, string, number, number, number, string, number, number];
type Row = HeaderRow | [...HeaderRow, number, string | null, string | null];
const HEADER_FIELDS = 10;

interface Body {
  readonly format: number;
  readonly digest: string;
  readonly size: number;
  readonly mediaType: string;
  readonly roots: readonly string[];
  readonly rows: readonly Row[];
}

const sha256 = (text: string): string => sha256Hex(text);

function keyOf(layer: Descriptor, roots: readonly string[]): string {
  return sha256(JSON.stringify([FORMAT, layer.digest, layer.size, layer.mediaType, roots]));
}

function rowsOf(entries: readonly RecordedEntry[]): Row[] {
  return entries.map(({ header: h, content }): Row => {
    const row: HeaderRow = [h.name, h.linkname, h.size, h.type, h.mode, h.uid, h.gid, h.device, h.devmajor, h.devminor];
    if (!content) return row;
    const bytes = content.bytes && content.bytes.length <= MAX_STORED_BYTES ? content.bytes.toString('base64') : null;
    return [...row, content.ordinal, content.sha256 ?? null, bytes];
  });
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

function entriesOf(rows: readonly unknown[]): RecordedEntry[] | undefined {
  const out: RecordedEntry[] = [];
  for (const row of rows) {
    if (!Array.isArray(row) || (row.length !== HEADER_FIELDS && row.length !== HEADER_FIELDS + 3)) return undefined;
    const [name, linkname, size, type, mode, uid, gid, device, devmajor, devminor, ordinal, hash, bytes] = row as unknown[];
    if (typeof name !== 'string' || typeof linkname !== 'string' || !isCount(size) || typeof type !== 'string' || !TYPES.has(type)) return undefined;
    if (!isCount(mode) || mode > 0o7777 || !isCount(uid) || !isCount(gid) || typeof device !== 'string' || !isCount(devmajor) || !isCount(devminor)) return undefined;
    const header = { name, linkname, size, type: type as TarType, mode, uid, gid, device, devmajor, devminor };
    if (row.length === HEADER_FIELDS) {
      if (type === TarType.file) return undefined;
      out.push({ header });
      continue;
    }
    if (type !== TarType.file || !isCount(ordinal) || !(hash === null || (typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash)))) return undefined;
    if (!(bytes === null || (typeof bytes === 'string' && hash !== null))) return undefined;
    const kept = typeof bytes === 'string' ? Buffer.from(bytes, 'base64') : undefined;
    if (kept && (kept.length !== size || sha256Hex(kept) !== hash)) return undefined;
    // The layer index is the reader's to set (the same layer sits at different depths in different images).
    out.push({ header, content: { size, ordinal, layer: -1, ...(typeof hash === 'string' ? { sha256: hash } : {}), ...(kept ? { bytes: kept } : {}) } });
  }
  return out;
}

export function layerSummaries(dir: string, onIgnored: (why: string) => void = () => undefined): LayerSummaries {
  /** Whether the folder is a real folder of this user that nobody else may write to. */
  const private_ = async (): Promise<boolean> => {
    const trust = await folderTrust(dir);
    if (trust === 'foreign') onIgnored(`layer summaries in ${dir} ignored: the folder is not a folder only this user may write to; reading every layer`);
    return trust === 'private';
  };
  let trusted: Promise<boolean> | undefined;
  return {
    async get(layer, roots) {
      if (!(await (trusted ??= private_()))) return undefined;
      const file = join(dir, `${keyOf(layer, roots)}.json`);
      const text = await readFile(file, 'utf8').catch(() => undefined);
      if (text === undefined) return undefined;
      const ignore = (why: string): undefined => {
        onIgnored(`layer summary ${file} for ${layer.digest} ignored: ${why}; reading the layer`);
        return undefined;
      };
      let parsed: { body?: Body; check?: string };
      try {
        parsed = JSON.parse(text) as { body?: Body; check?: string };
      } catch {
        return ignore('not JSON');
      }
      const body = parsed.body;
      if (!body || typeof parsed.check !== 'string' || parsed.check !== sha256(JSON.stringify(body))) return ignore('its checksum does not hold');
      if (body.format !== FORMAT || body.digest !== layer.digest || body.size !== layer.size || body.mediaType !== layer.mediaType || JSON.stringify(body.roots) !== JSON.stringify(roots)) {
        return ignore('it summarizes another layer or other folders');
      }
      const entries = Array.isArray(body.rows) ? entriesOf(body.rows) : undefined;
      return entries ?? ignore('an entry is malformed');
    },
    async put(layer, roots, entries) {
      const body: Body = { format: FORMAT, digest: layer.digest, size: layer.size, mediaType: layer.mediaType, roots: [...roots], rows: rowsOf(entries) };
      const file = join(dir, `${keyOf(layer, roots)}.json`);
      const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
      try {
        await mkdir(dir, { recursive: true, mode: 0o700 });
        await writeFile(temp, JSON.stringify({ body, check: sha256(JSON.stringify(body)) }), { mode: 0o600 });
        await rename(temp, file); // whole or not at all: a reader never sees half a summary
      } catch (error) {
        onIgnored(`cannot keep a summary of ${layer.digest} in ${dir}: ${(error as Error).message}`);
      }
    },
  };
}
