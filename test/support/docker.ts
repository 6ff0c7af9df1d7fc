// Helpers for suites that need the real Docker engine, the loopback registry or the proxy that
// scripts/provision-engine.sh starts. A missing service is a failure naming that script, never
// a skip. Everything here talks to 127.0.0.1 only.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';

export const REGISTRY = '127.0.0.1:5000' as const;
export const PROXY = { host: '127.0.0.1', port: 8888, user: 'proxyuser', password: 's3cr3t-proxy-pass' } as const;
/** The docker CLI the suites run (the one on PATH, which finds the buildx plugin). */
export const DOCKER = process.env['OFFLINE_E2E_DOCKER'] ?? 'docker';

const PROVISION = 'run `sudo bash scripts/provision-engine.sh` (it starts the Docker engine, the registry on 127.0.0.1:5000 and tinyproxy on 127.0.0.1:8888)';

export interface DockerRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `docker <args>` (argv, no shell). Throws with stderr on a non-zero exit unless `allowFailure`. */
export function runDocker(
  args: readonly string[],
  options: { allowFailure?: boolean; input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<DockerRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(DOCKER, args, { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new Error(`cannot start ${DOCKER}: ${error.message}; ${PROVISION}`, { cause: error })));
    child.on('close', (code) => {
      const result = { code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
      if (result.code !== 0 && !options.allowFailure) {
        reject(new Error(`docker ${args.join(' ')} exited ${result.code}:\n${result.stderr.slice(-4000)}`));
      } else {
        resolve(result);
      }
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Fails (never skips) unless the engine, buildx and the registry answer. */
export async function requireEngine(): Promise<void> {
  const info = await runDocker(['info', '--format', '{{.ServerVersion}}'], { allowFailure: true }).catch((e: unknown) => ({
    code: -1,
    stdout: '',
    stderr: String(e),
  }));
  if (info.code !== 0) throw new Error(`the Docker engine is not reachable (${info.stderr.trim().split('\n').at(-1)}); ${PROVISION}`);
  const buildx = await runDocker(['buildx', 'version'], { allowFailure: true });
  if (buildx.code !== 0) throw new Error(`docker buildx is missing (${buildx.stderr.trim()}); ${PROVISION}`);
  // arm64 images run under qemu emulation, and multi-platform loads need containerd's store.
  if (!existsSync('/proc/sys/fs/binfmt_misc/qemu-aarch64')) throw new Error(`arm64 emulation (binfmt qemu-aarch64) is not registered; ${PROVISION}`);
  const store = await runDocker(['info', '--format', '{{json .DriverStatus}}'], { allowFailure: true });
  if (!store.stdout.includes('io.containerd.snapshotter')) throw new Error(`the engine does not use the containerd image store; ${PROVISION}`);
  await requireRegistry();
}

/** Fails unless the registry on 127.0.0.1:5000 answers /v2/. */
export async function requireRegistry(): Promise<void> {
  try {
    const response = await fetch(`http://${REGISTRY}/v2/`, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    throw new Error(`the registry on ${REGISTRY} is not reachable (${String(error)}); ${PROVISION}`, { cause: error });
  }
}

/** Fails unless tinyproxy listens on 127.0.0.1:8888. */
export function requireProxy(): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: PROXY.host, port: PROXY.port, timeout: 3000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    const fail = (why: string) => {
      socket.destroy();
      reject(new Error(`the proxy on ${PROXY.host}:${PROXY.port} is not reachable (${why}); ${PROVISION}`));
    };
    socket.once('timeout', () => fail('timeout'));
    socket.once('error', (error) => fail(error.message));
  });
}

/** A tag no other run uses, e.g. `t1732612345-ab12cd`. */
export function uniqueTag(): string {
  return `t${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** `127.0.0.1:5000/oneapi-offline-test/<name>`. */
export function testImage(name: string): string {
  return `${REGISTRY}/oneapi-offline-test/${name}`;
}

export const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
] as const;

export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly platform?: { readonly os: string; readonly architecture: string; readonly variant?: string };
  readonly annotations?: Record<string, string>;
}

export interface FetchedManifest {
  readonly digest: string;
  readonly mediaType: string;
  readonly raw: string;
  readonly json: {
    readonly mediaType?: string;
    readonly manifests?: readonly Descriptor[];
    readonly config?: Descriptor;
    readonly layers?: readonly Descriptor[];
    readonly [key: string]: unknown;
  };
}

/** Splits `127.0.0.1:5000/a/b:tag` or `…@sha256:…` into the repository path and reference. */
export function splitRef(ref: string): { repository: string; reference: string } {
  const withoutHost = ref.startsWith(`${REGISTRY}/`) ? ref.slice(REGISTRY.length + 1) : ref;
  const at = withoutHost.indexOf('@');
  if (at >= 0) return { repository: withoutHost.slice(0, at), reference: withoutHost.slice(at + 1) };
  const colon = withoutHost.lastIndexOf(':');
  if (colon > withoutHost.lastIndexOf('/')) return { repository: withoutHost.slice(0, colon), reference: withoutHost.slice(colon + 1) };
  return { repository: withoutHost, reference: 'latest' };
}

/** GET a manifest or index from the loopback registry (by tag or digest). */
export async function fetchManifest(repository: string, reference: string): Promise<FetchedManifest> {
  const response = await fetch(`http://${REGISTRY}/v2/${repository}/manifests/${reference}`, {
    headers: { accept: MANIFEST_TYPES.join(', ') },
    signal: AbortSignal.timeout(15_000),
  });
  const raw = await response.text();
  if (!response.ok) throw new Error(`GET manifest ${repository}:${reference} → HTTP ${response.status}: ${raw.slice(0, 500)}`);
  return {
    digest: response.headers.get('docker-content-digest') ?? '',
    mediaType: response.headers.get('content-type') ?? '',
    raw,
    json: JSON.parse(raw) as FetchedManifest['json'],
  };
}

/** `GET /v2/<repo>/tags/list` on the loopback registry: its tags ([] when the registry knows no tag of it). */
export async function tagList(repository: string): Promise<string[]> {
  const response = await fetch(`http://${REGISTRY}/v2/${repository}/tags/list`, { signal: AbortSignal.timeout(15_000) });
  const body = (await response.json()) as { tags?: string[] | null; errors?: Array<{ code: string }> };
  if (response.status === 404 && body.errors?.[0]?.code === 'NAME_UNKNOWN') return [];
  if (!response.ok) throw new Error(`tags/list ${repository} → HTTP ${response.status}`);
  return body.tags ?? [];
}

/** GET a blob (config or layer) from the loopback registry. */
export async function fetchBlob(repository: string, digest: string): Promise<Buffer> {
  const response = await fetch(`http://${REGISTRY}/v2/${repository}/blobs/${digest}`, { signal: AbortSignal.timeout(60_000) });
  if (!response.ok) throw new Error(`GET blob ${repository}@${digest} → HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

/** Platform string (`linux/arm64`) of an index entry. */
export function platformOf(descriptor: Descriptor): string {
  const p = descriptor.platform;
  if (!p) return 'unknown/unknown';
  return [p.os, p.architecture, p.variant].filter((x) => x !== undefined && x !== '').join('/');
}

/** Index entries that are images (not BuildKit's attestation manifests). */
export function imageEntries(index: FetchedManifest): Descriptor[] {
  return (index.json.manifests ?? []).filter((m) => m.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest');
}
