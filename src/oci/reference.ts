// Docker's image reference grammar (distribution/reference), the project's one: names
// (`host[:port]/path`, lowercase path components), tags (`[\w][\w.-]{0,127}`), digests
// (`sha256:<64 hex>`), and the parts of a full `host:port/repo/name:tag@sha256:…` with Docker's
// defaults (docker.io, library/, latest) and the scheme we may use to reach the registry.
// Used by build, verify, merge, publish, the registry engine and the plan. Pure.
import { isDigest } from './digest.js';

const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;

const PATH_RE = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const DOMAIN_RE = new RegExp(`^${DOMAIN}$`);
export const TAG_RE = /^[\w][\w.-]{0,127}$/;
const NAME_MAX = 255;

/** Docker Hub as people write it; the API lives on registry-1.docker.io. */
const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_ALIASES = ['docker.io', 'index.docker.io', 'registry-1.docker.io'];

export interface ImageReference {
  /** Host as written, Docker Hub's aliases as `docker.io` (`ghcr.io`, `127.0.0.1:5000`, `docker.io`). */
  readonly registry: string;
  /** The host the API lives on (`registry-1.docker.io` for Docker Hub). */
  readonly apiHost: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** Where a name's registry ends, the way Docker decides it: a first part with `.` or `:`, `localhost`, or uppercase. */
function splitDomain(name: string): { domain?: string; path: string } {
  const slash = name.indexOf('/');
  if (slash < 0) return { path: name };
  const first = name.slice(0, slash);
  if (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase()) {
    return { domain: first, path: name.slice(slash + 1) };
  }
  return { path: name };
}

/** Why `name` (no tag, no digest) is not a valid repository name, or undefined when it is. */
export function nameProblem(name: string): string | undefined {
  if (name === '') return 'the name is empty';
  if (name.length > NAME_MAX) return `the name is longer than ${NAME_MAX} characters`;
  const { domain, path } = splitDomain(name);
  // Docker reads an uppercase first part as a registry host; without "." or ":" that is a typo.
  if (domain !== undefined && !/[.:]/.test(domain) && domain !== 'localhost') return 'repository names must be lowercase';
  if (domain !== undefined && !DOMAIN_RE.test(domain)) return `"${domain}" is not a registry host[:port]`;
  if (path !== path.toLowerCase()) return 'repository names must be lowercase';
  if (!PATH_RE.test(path)) return 'each path component must be lowercase letters and digits, separated by ".", "_", "__" or "-"';
  return undefined;
}

/** Splits `name[:tag]` (a digest is not a tag and stays a problem for the caller). */
export function splitTag(ref: string): { name: string; tag?: string } {
  const colon = ref.lastIndexOf(':');
  if (colon > ref.lastIndexOf('/')) return { name: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { name: ref };
}

/**
 * Lowercases the repository part of `name[:tag][@digest]`, keeping the tag's case and the
 * digest: registries take only lowercase names, and `${{ github.repository_owner }}` may not be.
 */
export function lowercaseName(ref: string): string {
  const at = ref.indexOf('@');
  const named = at === -1 ? ref : ref.slice(0, at);
  const { name, tag } = splitTag(named);
  return `${name.toLowerCase()}${tag === undefined ? '' : `:${tag}`}${at === -1 ? '' : ref.slice(at)}`;
}

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
  const split = splitTag(rest);
  const tag = split.tag;
  if (tag !== undefined && !TAG_RE.test(tag)) throw new Error(`"${tag}" is not a valid tag`);
  const problem = nameProblem(split.name);
  if (problem) throw new Error(`"${split.name}" is not a valid repository name: ${problem}`);
  const { domain, path } = splitDomain(split.name);
  const registry = domain === undefined || DOCKER_HUB_ALIASES.includes(domain) ? DOCKER_HUB : domain;
  const repository = registry === DOCKER_HUB && !path.includes('/') ? `library/${path}` : path;
  return {
    registry,
    apiHost: registry === DOCKER_HUB ? 'registry-1.docker.io' : registry,
    repository,
    ...(tag === undefined && digest === undefined ? { tag: 'latest' } : {}),
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}

/** `localhost`, `127.x.x.x` or `::1` (with or without brackets). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Loopback registries speak plain HTTP; anything else HTTPS unless `insecure`. */
export function registryScheme(apiHost: string, insecure: boolean): 'http' | 'https' {
  return isLoopbackHost(apiHost.replace(/:\d+$/, '')) || insecure ? 'http' : 'https';
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
