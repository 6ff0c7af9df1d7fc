// Test helper: writes small tars the way real tools do (ustar, pax long names, GNU long
// names, hard/symlinks, whiteouts) and OCI layouts around them, into real temp dirs.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Permission bits (with setuid/setgid/sticky) and numeric owner; default 0644 (dirs 0755), root. */
export interface Owned {
  mode?: number;
  uid?: number;
  gid?: number;
}

export type TarItem =
  | ({ type: 'file'; name: string; data: Buffer | string; longName?: 'pax' | 'gnu' } & Owned)
  | ({ type: 'dir'; name: string } & Owned)
  | ({ type: 'symlink'; name: string; target: string } & Owned)
  | ({ type: 'hardlink'; name: string; target: string } & Owned)
  /** Pax records for the next entry (`x`) or a pax global header (`g`), written by hand. */
  | { type: 'pax'; records: Record<string, string>; global?: boolean; name?: string }
  /** Any header as written: a type flag, a size field that may differ from the data, device numbers. */
  | ({ type: 'raw'; flag: string; name: string; data?: Buffer | string; size?: number; linkname?: string; devmajor?: number; devminor?: number } & Owned);

const octal = (value: number, width: number): string => `${value.toString(8).padStart(width - 1, '0')}\0`;

function header(name: string, size: number, flag: string, linkname = '', owned: Owned & { devmajor?: number; devminor?: number } = {}): Buffer {
  const block = Buffer.alloc(512);
  block.write(name.slice(0, 100), 0, 'utf8');
  block.write(octal(owned.mode ?? (flag === '5' ? 0o755 : 0o644), 8), 100);
  block.write(octal(owned.uid ?? 0, 8), 108);
  block.write(octal(owned.gid ?? 0, 8), 116);
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  block.write('00000000000\0', 136);
  block.write(flag, 156);
  block.write(linkname.slice(0, 100), 157);
  block.write('ustar\0', 257);
  block.write('00', 263);
  block.write(octal(owned.devmajor ?? 0, 8), 329);
  block.write(octal(owned.devminor ?? 0, 8), 337);
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of block) sum += b;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return block;
}

function pad(data: Buffer): Buffer[] {
  const rest = (512 - (data.length % 512)) % 512;
  return [data, Buffer.alloc(rest)];
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = body.length + 1;
  while (`${len}${body}`.length !== len) len = `${len}${body}`.length;
  return `${len}${body}`;
}

export function tar(items: readonly TarItem[]): Buffer {
  const parts: Buffer[] = [];
  for (const item of items) {
    if (item.type === 'pax') {
      const body = Buffer.from(Object.entries(item.records).map(([k, v]) => paxRecord(k, v)).join(''));
      parts.push(header(item.name ?? (item.global ? 'pax_global_header' : 'PaxHeaders/x'), body.length, item.global ? 'g' : 'x'), ...pad(body));
      continue;
    }
    if (item.type === 'raw') {
      const body = Buffer.from(item.data ?? '');
      parts.push(header(item.name, item.size ?? body.length, item.flag, item.linkname ?? '', item), ...pad(body));
      continue;
    }
    const data = item.type === 'file' ? Buffer.from(item.data) : Buffer.alloc(0);
    const link = item.type === 'symlink' || item.type === 'hardlink' ? item.target : '';
    let name = item.name;
    if (item.type === 'file' && item.longName === 'pax') {
      const pax = Buffer.from(paxRecord('path', item.name));
      parts.push(header('PaxHeaders/x', pax.length, 'x'), ...pad(pax));
      name = 'truncated-by-pax';
    } else if (item.type === 'file' && item.longName === 'gnu') {
      const long = Buffer.from(`${item.name}\0`);
      parts.push(header('././@LongLink', long.length, 'L'), ...pad(long));
      name = item.name.slice(0, 99);
    }
    const flag = { file: '0', dir: '5', symlink: '2', hardlink: '1' }[item.type];
    parts.push(header(name, data.length, flag, link, item), ...pad(data));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface Blob {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly bytes: Buffer;
  readonly platform?: { os: string; architecture: string; variant?: string };
  readonly annotations?: Record<string, string>;
}

export function blob(mediaType: string, bytes: Buffer | string, extra: Partial<Pick<Blob, 'platform' | 'annotations'>> = {}): Blob {
  const b = Buffer.from(bytes);
  return { mediaType, digest: `sha256:${sha256(b)}`, size: b.length, bytes: b, ...extra };
}

export function descriptor(b: Blob): Record<string, unknown> {
  const { bytes: _bytes, ...rest } = b;
  return rest;
}

export const LAYER_TAR = 'application/vnd.oci.image.layer.v1.tar';
export const LAYER_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';

export function layer(items: readonly TarItem[], compression: 'none' | 'gzip' = 'gzip'): Blob {
  const raw = tar(items);
  return compression === 'gzip' ? blob(LAYER_GZIP, gzipSync(raw)) : blob(LAYER_TAR, raw);
}

export function image(platform: { os: string; architecture: string }, env: readonly string[], layers: readonly Blob[], workingDir?: string, user?: string): { manifest: Blob; blobs: Blob[] } {
  const config = blob('application/vnd.oci.image.config.v1+json', JSON.stringify({ ...platform, config: { Env: env, ...(workingDir ? { WorkingDir: workingDir } : {}), ...(user ? { User: user } : {}) }, rootfs: { type: 'layers', diff_ids: [] } }));
  const manifest = blob(
    'application/vnd.oci.image.manifest.v1+json',
    JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: descriptor(config), layers: layers.map(descriptor) }),
    { platform },
  );
  return { manifest, blobs: [config, ...layers, manifest] };
}

/** An index over the manifests (plus an attestation manifest when asked), as buildx writes it. */
export function index(manifests: readonly Blob[], withAttestation: boolean): { index: Blob; blobs: Blob[] } {
  const blobs: Blob[] = [];
  const entries = manifests.map(descriptor);
  if (withAttestation) {
    const att = image({ os: 'unknown', architecture: 'unknown' }, [], [blob('application/vnd.in-toto+json', '{}')]);
    blobs.push(...att.blobs);
    entries.push({
      ...descriptor(att.manifest),
      platform: { os: 'unknown', architecture: 'unknown' },
      annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': manifests[0]?.digest ?? '' },
    });
  }
  const idx = blob('application/vnd.oci.image.index.v1+json', JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: entries }));
  return { index: idx, blobs: [...blobs, idx] };
}

/** Writes an OCI layout folder; returns its path. */
export async function writeLayout(dir: string, root: Blob, blobs: readonly Blob[]): Promise<string> {
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  await writeFile(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  await writeFile(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [descriptor(root)] }));
  for (const b of blobs) await writeFile(join(dir, 'blobs', 'sha256', b.digest.slice('sha256:'.length)), b.bytes);
  return dir;
}

/** The same layout as one tar file, as `type=oci,dest=…` writes it. */
export async function writeLayoutTar(file: string, root: Blob, blobs: readonly Blob[]): Promise<string> {
  const items: TarItem[] = [
    { type: 'file', name: 'oci-layout', data: '{"imageLayoutVersion":"1.0.0"}' },
    { type: 'file', name: 'index.json', data: JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [descriptor(root)] }) },
    { type: 'dir', name: 'blobs/' },
    { type: 'dir', name: 'blobs/sha256/' },
  ];
  const seen = new Set<string>();
  for (const b of blobs) {
    if (seen.has(b.digest)) continue;
    seen.add(b.digest);
    items.push({ type: 'file', name: `blobs/sha256/${b.digest.slice('sha256:'.length)}`, data: b.bytes });
  }
  await writeFile(file, tar(items));
  return file;
}
