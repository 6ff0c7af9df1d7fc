// The platform images of a base, read from its index (or its one manifest) and matched to the
// requested platforms: each platform's manifest and config, digest-checked. Attestation
// manifests are counted and left out (they attest the base's bytes, not the image we make).
// A base without an index is one platform, named from its config; a platform the base lacks
// and a media type we cannot append to are errors that name what the base has.
import type { ImageSource } from './image-source.js';
import { IMAGE_MANIFEST_TYPES, MediaType, isAttestation, manifestKind, parseManifest, type Descriptor } from './media-types.js';
import { configPlatform, platformName, samePlatform, type Platform } from './platform.js';
import { sha256Digest } from './digest.js';
import { dockerCredentials } from './docker-credentials.js';
import { parseImageReference } from './reference.js';
import { registrySource } from './registry-source.js';
import { httpTransport, type HttpTransport } from '../http/http-request.js';

export class BaseImageProblem extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
  }
}

export interface BasePlatform {
  readonly platform: Platform;
  readonly name: string;
  readonly manifest: { readonly descriptor: Descriptor; readonly json: Record<string, unknown> };
  readonly config: { readonly descriptor: Descriptor; readonly json: Record<string, unknown> };
}

export interface BaseImage {
  /** The base's root digest (index or single manifest). */
  readonly digest: string;
  /** The root's media type (the new index keeps the base's family). */
  readonly mediaType: string;
  /** True when the base is one manifest, not an index. */
  readonly single: boolean;
  readonly attestations: number;
  readonly platforms: readonly BasePlatform[];
  /** Every image platform the base has, for messages. */
  readonly available: readonly string[];
}



async function checkedDocument(source: ImageSource, descriptor: Descriptor, what: string): Promise<Buffer> {
  const bytes = await source.document(descriptor);
  if (!bytes) throw new BaseImageProblem(`${source.label} does not hold the ${what} ${descriptor.digest}`, 'check that the base image (or archive) is complete');
  if (sha256Digest(bytes) !== descriptor.digest) throw new BaseImageProblem(`${source.label}: the ${what} ${descriptor.digest} arrived as ${sha256Digest(bytes)}`, 'the base is corrupt or tampered with: do not build on it');
  return bytes;
}

function json(bytes: Buffer, what: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(bytes.toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new BaseImageProblem(`${what} is not a JSON object`, 'the base image is damaged');
}

async function readPlatform(source: ImageSource, descriptor: Descriptor, given: Platform | undefined): Promise<BasePlatform> {
  if (!IMAGE_MANIFEST_TYPES.includes(descriptor.mediaType)) {
    throw new BaseImageProblem(`${source.label}: ${descriptor.digest} has media type ${descriptor.mediaType || '(none)'}, which the registry engine cannot append a layer to`, `use a base with OCI or Docker schema 2 image manifests (${IMAGE_MANIFEST_TYPES.join(', ')}), or engine: buildx`);
  }
  const bytes = await checkedDocument(source, descriptor, 'manifest');
  const manifest = json(bytes, `manifest ${descriptor.digest}`);
  parseManifest(bytes, descriptor.mediaType, `${source.label} manifest ${descriptor.digest}`, { strict: true });
  const configDescriptor = manifest['config'] as Descriptor;
  const config = json(await checkedDocument(source, configDescriptor, 'config'), `config ${configDescriptor.digest}`);
  const platform: Platform | undefined = given ?? configPlatform(config);
  if (!platform) throw new BaseImageProblem(`${source.label}: manifest ${descriptor.digest} names no platform (no os/architecture in its config)`, 'use a base image built for a platform');
  return { platform, name: platformName(platform), manifest: { descriptor, json: manifest }, config: { descriptor: configDescriptor, json: config } };
}

export async function readBase(source: ImageSource, requested: readonly string[]): Promise<BaseImage> {
  const root = await source.root();
  if (sha256Digest(root.bytes) !== root.digest) throw new BaseImageProblem(`${source.label}: the root does not match its digest ${root.digest}`, 'the base is corrupt or tampered with');
  const parsed = parseManifest(root.bytes, root.mediaType, source.label, { strict: true });
  if (parsed.kind === 'manifest') {
    const mediaType = root.mediaType && IMAGE_MANIFEST_TYPES.includes(root.mediaType) ? root.mediaType : String((parsed.doc as { mediaType?: string }).mediaType ?? MediaType.ociManifest);
    const only = await readPlatform(source, { mediaType, digest: root.digest, size: root.bytes.length }, undefined);
    const match = requested.filter((p) => samePlatform(p, only.platform));
    if (requested.some((p) => !samePlatform(p, only.platform))) {
      throw new BaseImageProblem(
        `${source.label} is a single-platform image (${only.name}), not a multi-platform index, so it has no ${requested.filter((p) => !samePlatform(p, only.platform)).join(', ')}`,
        `set platforms: ${only.name}, or use a multi-platform base`,
      );
    }
    return { digest: root.digest, mediaType, single: true, attestations: 0, platforms: match.length ? [only] : [], available: [only.name] };
  }
  const images: Array<{ descriptor: Descriptor; platform: Platform }> = [];
  let attestations = 0;
  for (const entry of parsed.doc.manifests) {
    if (isAttestation(entry)) attestations++;
    else if (manifestKind(entry.mediaType, undefined) === 'index') {
      throw new BaseImageProblem(`${source.label}: the index nests another index (${entry.digest})`, 'name the inner index by its digest as base-image');
    } else if (entry.platform) images.push({ descriptor: entry, platform: entry.platform });
  }
  const available = images.map((i) => platformName(i.platform));
  const chosen: Array<{ descriptor: Descriptor; platform: Platform }> = [];
  const missing: string[] = [];
  for (const wanted of requested) {
    const found = images.find((i) => samePlatform(wanted, i.platform));
    if (found) chosen.push(found);
    else missing.push(wanted);
  }
  if (missing.length > 0) {
    throw new BaseImageProblem(`${source.label} has no ${missing.join(', ')} (it has ${available.join(', ') || 'no image platforms'})`, `set platforms to those the base has, e.g. platforms: ${available.join(',')}`);
  }
  const platforms = await Promise.all(chosen.map((c) => readPlatform(source, c.descriptor, c.platform)));
  return { digest: root.digest, mediaType: root.mediaType ?? String((parsed.doc as { mediaType?: string }).mediaType ?? MediaType.ociIndex), single: false, attestations, platforms, available };
}

/** Every image platform an image has (`linux/arm64/v8`…), attestations left out: an index's entries, or its one manifest's config. */
export async function imagePlatforms(source: ImageSource): Promise<string[]> {
  const root = await source.root();
  const parsed = parseManifest(root.bytes, root.mediaType, source.label);
  if (parsed.kind === 'index') return [...new Set(parsed.doc.manifests.filter((m) => !isAttestation(m)).map((m) => platformName(m.platform)))];
  const config = await source.document(parsed.doc.config);
  return [platformName(configPlatform(JSON.parse(config?.toString('utf8') ?? '{}') as Record<string, unknown>))];
}

/** What a container of an image starts with, and its labels: what `gateway: auto` reads (src/gateways/detect.ts). */
export interface ImageConfigFacts {
  /** `KEY=value` lines. */
  readonly env: readonly string[];
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
}

/** An image's platforms and, from one of them, its config facts: one pass over the root. */
export interface ImageFacts {
  readonly platforms: readonly string[];
  readonly config: ImageConfigFacts;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function configFacts(config: Record<string, unknown>): ImageConfigFacts {
  const c = (config['config'] && typeof config['config'] === 'object' ? config['config'] : {}) as Record<string, unknown>;
  const labels = c['Labels'] && typeof c['Labels'] === 'object' && !Array.isArray(c['Labels']) ? (c['Labels'] as Record<string, unknown>) : {};
  return {
    env: strings(c['Env']),
    entrypoint: strings(c['Entrypoint']),
    cmd: strings(c['Cmd']),
    labels: Object.fromEntries(Object.entries(labels).filter((e): e is [string, string] => typeof e[1] === 'string')),
  };
}

/**
 * Every image platform (attestations left out) and the config facts of the first of `prefer`
 * the image has (else its first platform), every document digest-checked.
 */
export async function imageFacts(source: ImageSource, prefer: readonly string[] = []): Promise<ImageFacts> {
  const root = await source.root();
  if (sha256Digest(root.bytes) !== root.digest) throw new BaseImageProblem(`${source.label}: the root does not match its digest ${root.digest}`, 'the image is corrupt or tampered with');
  const parsed = parseManifest(root.bytes, root.mediaType, source.label);
  if (parsed.kind === 'manifest') {
    const config = json(await checkedDocument(source, parsed.doc.config, 'config'), `config ${parsed.doc.config.digest}`);
    return { platforms: [platformName(configPlatform(config))], config: configFacts(config) };
  }
  const entries = parsed.doc.manifests.filter((m) => !isAttestation(m) && manifestKind(m.mediaType, undefined) !== 'index');
  const chosen = prefer.map((p) => entries.find((e) => e.platform && samePlatform(p, e.platform))).find((e) => e !== undefined) ?? entries[0];
  if (!chosen) throw new BaseImageProblem(`${source.label} lists no image manifest`, 'use an image with at least one platform');
  const manifest = json(await checkedDocument(source, chosen, 'manifest'), `manifest ${chosen.digest}`);
  const configDescriptor = manifest['config'] as Descriptor | undefined;
  if (!configDescriptor || typeof configDescriptor.digest !== 'string') throw new BaseImageProblem(`${source.label}: manifest ${chosen.digest} names no config`, 'the image is damaged');
  const config = json(await checkedDocument(source, configDescriptor, 'config'), `config ${configDescriptor.digest}`);
  return { platforms: [...new Set(entries.map((m) => platformName(m.platform)))], config: configFacts(config) };
}

/** The platforms and config facts of a registry image (`gateway: auto`). */
export function registryImageFacts(options: { readonly dockerConfig?: string | undefined; readonly transport?: HttpTransport | undefined }): (reference: string, prefer?: readonly string[]) => Promise<ImageFacts> {
  return async (reference, prefer) => {
    const { registry } = parseImageReference(reference);
    const lookup = dockerCredentials(options.dockerConfig);
    const source = registrySource({ reference, credentials: () => lookup(registry) }, options.transport ?? httpTransport());
    try {
      return await imageFacts(source, prefer);
    } finally {
      await source.close();
    }
  };
}

/** The platforms of a registry image, read before a build (`platforms: auto`, the plan's base check). */
export function registryPlatforms(options: { readonly dockerConfig?: string | undefined; readonly transport?: HttpTransport | undefined }): (reference: string) => Promise<string[]> {
  return async (reference) => {
    const { registry } = parseImageReference(reference);
    const lookup = dockerCredentials(options.dockerConfig);
    const source = registrySource({ reference, credentials: () => lookup(registry) }, options.transport ?? httpTransport());
    try {
      return await imagePlatforms(source);
    } finally {
      await source.close();
    }
  };
}
