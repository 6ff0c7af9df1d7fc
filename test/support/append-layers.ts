// Test helper: a new image in the loopback registry made of one platform of a base image plus
// hand-written layers (uncompressed tars, gzipped here), with the base's blobs mounted across
// repositories and the config's Env rewritten. Cheap (no build, no emulation) and exact: the
// layers are byte for byte what the test wrote, hostile ones included.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { REGISTRY, fetchBlob, fetchManifest, imageEntries, platformOf } from './docker.js';

const sha256 = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function check(response: Response, what: string): Promise<Response> {
  if (!response.ok) throw new Error(`${what} → HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return response;
}

async function uploadBlob(repo: string, bytes: Buffer): Promise<string> {
  const digest = sha256(bytes);
  const start = await check(await fetch(`http://${REGISTRY}/v2/${repo}/blobs/uploads/`, { method: 'POST', signal: AbortSignal.timeout(30_000) }), `start upload to ${repo}`);
  const location = new URL(start.headers.get('location') ?? '', `http://${REGISTRY}`);
  location.searchParams.set('digest', digest);
  await check(await fetch(location, { method: 'PUT', body: bytes, headers: { 'content-type': 'application/octet-stream' }, signal: AbortSignal.timeout(60_000) }), `upload ${digest} to ${repo}`);
  return digest;
}

async function mountBlob(repo: string, from: string, digest: string): Promise<void> {
  const r = await fetch(`http://${REGISTRY}/v2/${repo}/blobs/uploads/?mount=${digest}&from=${from}`, { method: 'POST', signal: AbortSignal.timeout(30_000) });
  if (r.status !== 201) {
    // The registry may refuse the mount: copy the blob instead.
    await r.body?.cancel();
    await uploadBlob(repo, await fetchBlob(from, digest));
  }
}

export interface AppendOptions {
  readonly baseRepo: string;
  readonly baseRef: string;
  readonly platform: string;
  /** Target repository (under the registry) and tag. */
  readonly repo: string;
  readonly tag: string;
  /** Uncompressed layer tars, bottom to top. */
  readonly layers: readonly Buffer[];
  /** Rewrites the config's Env (default: unchanged). */
  readonly env?: (env: readonly string[]) => string[];
  readonly workingDir?: string;
  /** Replace the config's Entrypoint, Cmd and Labels (a stand-in for a gateway's image). */
  readonly entrypoint?: readonly string[];
  readonly cmd?: readonly string[];
  readonly labels?: Readonly<Record<string, string>>;
}

/** Pushes base + layers; returns `127.0.0.1:5000/repo@sha256:…`. */
export async function appendLayers(o: AppendOptions): Promise<string> {
  const index = await fetchManifest(o.baseRepo, o.baseRef);
  const entry = index.json.manifests ? imageEntries(index).find((m) => platformOf(m) === o.platform) : undefined;
  if (index.json.manifests && !entry) throw new Error(`${o.baseRepo}:${o.baseRef} has no ${o.platform}`);
  const manifest = entry ? await fetchManifest(o.baseRepo, entry.digest) : index;
  const baseLayers = manifest.json.layers ?? [];
  const configDescriptor = manifest.json.config;
  if (!configDescriptor) throw new Error(`${o.baseRepo}: no config`);
  const config = JSON.parse((await fetchBlob(o.baseRepo, configDescriptor.digest)).toString('utf8')) as {
    config?: { Env?: string[]; WorkingDir?: string; Entrypoint?: readonly string[]; Cmd?: readonly string[]; Labels?: Readonly<Record<string, string>> };
    rootfs: { diff_ids: string[] };
    history?: unknown[];
  };
  for (const layer of baseLayers) await mountBlob(o.repo, o.baseRepo, layer.digest);
  const docker = manifest.mediaType.includes('docker');
  const layerType = docker ? 'application/vnd.docker.image.rootfs.diff.tar.gzip' : 'application/vnd.oci.image.layer.v1.tar+gzip';
  const added = [];
  for (const tarBytes of o.layers) {
    const gz = gzipSync(tarBytes);
    const digest = await uploadBlob(o.repo, gz);
    config.rootfs.diff_ids.push(sha256(tarBytes));
    config.history = [...(config.history ?? []), { created_by: 'test: hand-written layer' }];
    added.push({ mediaType: layerType, digest, size: gz.length });
  }
  config.config = { ...(config.config ?? {}), Env: o.env ? o.env(config.config?.Env ?? []) : (config.config?.Env ?? []) };
  if (o.workingDir !== undefined) config.config.WorkingDir = o.workingDir;
  if (o.entrypoint !== undefined) config.config.Entrypoint = o.entrypoint;
  if (o.cmd !== undefined) config.config.Cmd = o.cmd;
  if (o.labels !== undefined) config.config.Labels = o.labels;
  const configBytes = Buffer.from(JSON.stringify(config));
  const configDigest = await uploadBlob(o.repo, configBytes);
  const newManifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: manifest.mediaType,
      config: { mediaType: configDescriptor.mediaType, digest: configDigest, size: configBytes.length },
      layers: [...baseLayers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size })), ...added],
    }),
  );
  await check(
    await fetch(`http://${REGISTRY}/v2/${o.repo}/manifests/${o.tag}`, { method: 'PUT', body: newManifest, headers: { 'content-type': manifest.mediaType }, signal: AbortSignal.timeout(30_000) }),
    `put manifest ${o.repo}:${o.tag}`,
  );
  return `${REGISTRY}/${o.repo}@${sha256(newManifest)}`;
}

/** Pushes an image made only of `layers` (no base); returns `127.0.0.1:5000/repo@sha256:…`. */
export async function pushImage(o: { repo: string; tag: string; platform: string; layers: readonly Buffer[]; env: readonly string[] }): Promise<string> {
  const [os, architecture] = o.platform.split('/');
  const added = [];
  const diffIds: string[] = [];
  for (const tarBytes of o.layers) {
    const gz = gzipSync(tarBytes);
    added.push({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: await uploadBlob(o.repo, gz), size: gz.length });
    diffIds.push(sha256(tarBytes));
  }
  const config = Buffer.from(JSON.stringify({ os, architecture, config: { Env: o.env }, rootfs: { type: 'layers', diff_ids: diffIds }, history: diffIds.map(() => ({ created_by: 'test' })) }));
  const configDigest = await uploadBlob(o.repo, config);
  const type = 'application/vnd.oci.image.manifest.v1+json';
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: type, config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length }, layers: added }));
  await check(await fetch(`http://${REGISTRY}/v2/${o.repo}/manifests/${o.tag}`, { method: 'PUT', body: manifest, headers: { 'content-type': type }, signal: AbortSignal.timeout(30_000) }), `put manifest ${o.repo}:${o.tag}`);
  return `${REGISTRY}/${o.repo}@${sha256(manifest)}`;
}
