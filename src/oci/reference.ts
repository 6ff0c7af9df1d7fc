// `host:port/repo/name:tag@sha256:…` → its parts, with Docker's defaults (docker.io,
// library/, latest) and the scheme we may use to reach the registry. Pure.
import { isDigest } from './digest.js';

export interface ImageReference {
  /** Host as written (`ghcr.io`, `127.0.0.1:5000`, `docker.io`). */
  readonly registry: string;
  /** The host the API lives on (`registry-1.docker.io` for Docker Hub). */
  readonly apiHost: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

const TAG = /^[\w][\w.-]{0,127}$/;
const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

/** Throws a plain Error naming the part that is wrong; callers wrap it. */
export function parseImageReference(reference: string): ImageReference {
  let rest = reference.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!isDigest(digest)) throw new Error(`"${digest}" is not a sha256 digest (sha256:<64 hex>)`);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new Error(`"${tag}" is not a valid tag`);
  }
  const slash = rest.indexOf('/');
  const first = slash === -1 ? '' : rest.slice(0, slash);
  const hasHost = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasHost ? first : 'docker.io';
  let repository = hasHost ? rest.slice(slash + 1) : rest;
  if (registry === 'docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  if (!REPOSITORY.test(repository)) throw new Error(`"${repository}" is not a valid repository name`);
  return {
    registry,
    apiHost: registry === 'docker.io' ? 'registry-1.docker.io' : registry,
    repository,
    ...(tag === undefined && digest === undefined ? { tag: 'latest' } : {}),
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

/** Loopback registries speak plain HTTP; anything else HTTPS unless `insecure`. */
export function registryScheme(apiHost: string, insecure: boolean): 'http' | 'https' {
  const host = apiHost.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  return loopback || insecure ? 'http' : 'https';
}

/** What the manifest endpoint is asked for: the digest when there is one (verify what was built). */
export function manifestReference(ref: ImageReference): string {
  return ref.digest ?? ref.tag ?? 'latest';
}

/** The `@sha256:…` a reference ends with, or undefined (never throws: any reference, even an image ID). */
export function pinnedDigest(reference: string): string | undefined {
  const digest = reference.slice(reference.lastIndexOf('@') + 1);
  return reference.includes('@') && isDigest(digest) ? digest : undefined;
}
