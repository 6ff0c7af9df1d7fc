// Build inputs → a typed BuildOptions, every check done before buildx runs (like
// docker/build-push-action's context.ts), in two steps: `readBuildInputs` checks every input
// with no git, engine or registry facts (so a bad input fails before any of them is asked);
// `resolveBuildOptions` adds those facts (default version, commit time, multi-platform load,
// the base's platforms for `platforms: auto`). Pure. Errors name the input and the fix.
import { InputError } from '../errors.js';
import type { RawInputs } from '../inputs/names.js';
import { parseBoolean, parseKeyValues } from '../inputs/scalars.js';
import { annotationArgs, parseAnnotations, type Annotation } from './annotations.js';
import { parseBuildFlags, type BuildFlags } from './build-flags.js';
import { mergePairs, ociLabels, type Pair } from './labels.js';
import { nameTags, readNaming, type Naming } from './naming.js';
import { parsePlatforms } from './platforms.js';
import { chooseProvenance, PROVENANCE_VALUES, proxyBuildArgs, proxyOfBuildArgs, proxySecrets, type BuildProxy, type ProvenanceInput } from './proxy-args.js';
import { parseSecrets, type BuildSecret } from './secrets.js';
import { checkOverlayCachePath } from './cache-path-guard.js';
import { pinCreated } from './created.js';
import { LAYOUT_SCHEMES } from '../oci/base-reference.js';
import { lowercaseName } from '../oci/reference.js';

export type BuildMode =
  | { readonly kind: 'dockerfile'; readonly context: string; readonly file?: string }
  | { readonly kind: 'overlay'; readonly baseImage: string };

export interface BuildOptions {
  readonly mode: BuildMode;
  /** Folder holding the verified cache, passed as the named build context `tiktoken`. */
  readonly cacheDir: string;
  /** Where the files land in the image; TIKTOKEN_CACHE_DIR and DATA_GYM_CACHE_DIR point here. */
  readonly cachePath: string;
  readonly platforms: readonly string[];
  readonly builder?: string;
  /** Build-args in argv order: proxy ones, then the user's (which win), then SOURCE_DATE_EPOCH. */
  readonly buildArgs: readonly Pair[];
  readonly labels: readonly Pair[];
  readonly images: readonly string[];
  readonly version?: string;
  /** The version's main tag (`offline-v1.2.3`), the `version` output as metadata-action's (naming.ts). */
  readonly versionTag?: string;
  /** Full `name:tag` references, every version tag on every image plus the explicit ones. */
  readonly tags: readonly string[];
  readonly push: boolean;
  readonly pushByDigest: boolean;
  readonly load: boolean;
  readonly archive?: string;
  readonly provenance?: 'false' | 'mode=min' | 'mode=max';
  /** Set when the requested provenance was changed to keep credentials out of it. */
  readonly provenanceNotice?: string;
  /** Set when a given org.opencontainers.image.created label or annotation was replaced (created.ts). */
  readonly createdNotice?: string;
  readonly sourceDateEpoch?: number;
  readonly verify: boolean;
  /** `--annotation` values, levels resolved (annotations.ts). */
  readonly annotations: readonly string[];
  /** build-push-action's flags: target, build-contexts, cache-from/to, sbom, no-cache, pull, network, add-hosts. */
  readonly flags: BuildFlags;
  /** `secrets`, `secret-files`, `secret-envs` (values reach buildx through 0600 files, never argv). */
  readonly buildSecrets: readonly BuildSecret[];
  /** Values the logger must mask (proxy credentials, secret values). */
  readonly secrets: readonly string[];
  /** Overlay mode: the variables the image gets, when the gateway reads more than TIKTOKEN_CACHE_DIR/DATA_GYM_CACHE_DIR (src/gateways/image-env.ts). */
  readonly imageEnv?: ReadonlyArray<readonly [string, string]>;
}

export interface BuildContextFacts {
  readonly gitRef?: string | undefined;
  readonly sha?: string | undefined;
  readonly commitTime?: number | undefined;
  readonly repositoryUrl?: string | undefined;
  readonly proxy: BuildProxy;
  readonly cacheDir: string;
  /** The engine can `--load` a multi-platform image (Docker with the containerd image store). */
  readonly engineLoadsMultiPlatform: boolean;
}

const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function noControl(input: Parameters<RawInputs>[0], value: string): string {
  if (/[\r\n\0]/.test(value)) {
    throw new InputError(input, { got: JSON.stringify(value), expected: 'a single line', fix: `remove the line break from ${input}` });
  }
  return value;
}

/** The `source-date-epoch` input: Unix seconds, or `fallback` when empty. */
export function parseEpoch(raw: string, fallback: number | undefined): number | undefined {
  const value = raw.trim();
  if (value === '') return fallback;
  if (!/^\d{1,12}$/.test(value)) {
    throw new InputError('source-date-epoch', {
      got: JSON.stringify(raw),
      expected: 'Unix seconds, e.g. 1700000000',
      fix: 'set source-date-epoch to an integer number of seconds (git log -1 --format=%ct)',
    });
  }
  return Number(value);
}

function parseUserBuildArgs(raw: string): Pair[] {
  return parseKeyValues('build-args', raw).map(([key, value]) => {
    if (!ARG_NAME.test(key)) {
      throw new InputError('build-args', { got: JSON.stringify(key), expected: 'an ARG name like NODE_VERSION', fix: 'use letters, digits and "_" in build-arg names' });
    }
    if (key === 'SOURCE_DATE_EPOCH') {
      throw new InputError('build-args', { got: `SOURCE_DATE_EPOCH=${value}`, expected: 'no SOURCE_DATE_EPOCH here', fix: 'set the source-date-epoch input instead' });
    }
    return [key, value] as const;
  });
}

function parseMode(raw: RawInputs): BuildMode {
  const baseImage = noControl('base-image', raw('base-image').trim());
  const file = noControl('file', raw('file').trim());
  const context = noControl('context', raw('context').trim()) || '.';
  if (baseImage && file) {
    throw new InputError('base-image', {
      got: `base-image ${JSON.stringify(baseImage)} and file ${JSON.stringify(file)}`,
      expected: 'either base-image (overlay mode) or file/context (Dockerfile mode)',
      fix: 'remove one of the two inputs',
    });
  }
  if (baseImage) {
    if (/\s/.test(baseImage) || baseImage.includes(',')) {
      throw new InputError('base-image', { got: JSON.stringify(baseImage), expected: 'one image reference, e.g. justsong/one-api:v0.6.10', fix: 'give a single image reference' });
    }
    // Registries take only lowercase names, as for `images`; a layout or archive path is kept as written.
    return { kind: 'overlay', baseImage: LAYOUT_SCHEMES.some((scheme) => baseImage.startsWith(scheme)) ? baseImage : lowercaseName(baseImage) };
  }
  return file ? { kind: 'dockerfile', context, file } : { kind: 'dockerfile', context };
}

function parseCachePath(raw: string): string {
  const value = noControl('cache-path', raw.trim()) || '/tiktoken_cache';
  if (!value.startsWith('/') || /^\/+$/.test(value) || value.split('/').includes('..') || /[\s,"'$]/.test(value)) {
    throw new InputError('cache-path', {
      got: JSON.stringify(raw),
      expected: 'an absolute folder inside the image (not / itself) without spaces, quotes, "$" or "..", e.g. /tiktoken_cache',
      fix: 'set cache-path to an absolute path such as /tiktoken_cache (keep it outside volumes like /data)',
    });
  }
  return value.length > 1 ? value.replace(/\/+$/, '') : value;
}

/** Every build input, checked without git or the engine (those facts come in `resolveBuildOptions`). */
export interface BuildDraft {
  readonly mode: BuildMode;
  readonly cacheDir: string;
  readonly cachePath: string;
  /** Undefined for `platforms: auto` (overlay mode: the base image's platforms). */
  readonly platforms?: readonly string[];
  readonly builder?: string;
  readonly naming: Naming;
  readonly push: boolean;
  readonly pushByDigest: boolean;
  readonly load: boolean;
  readonly archive?: string;
  readonly givenEpoch?: number;
  readonly provenanceRaw: ProvenanceInput;
  readonly userBuildArgs: readonly Pair[];
  readonly userLabels: readonly Pair[];
  readonly annotations: readonly Annotation[];
  /** `keep-created`: a given org.opencontainers.image.created stays as given. */
  readonly keepCreated: boolean;
  readonly flags: BuildFlags;
  readonly buildSecrets: readonly BuildSecret[];
  readonly proxy: BuildProxy;
  readonly verify: boolean;
}

export function readBuildInputs(raw: RawInputs, facts: Pick<BuildContextFacts, 'proxy' | 'cacheDir'>): BuildDraft {
  const mode = parseMode(raw);
  const cachePath = parseCachePath(raw('cache-path'));
  if (mode.kind === 'overlay') checkOverlayCachePath(cachePath);
  const platformsRaw = raw('platforms').trim() || 'linux/amd64,linux/arm64';
  if (platformsRaw === 'auto' && mode.kind !== 'overlay') {
    throw new InputError('platforms', {
      got: '"auto"',
      expected: 'a platform list in Dockerfile mode (auto follows base-image, in overlay mode)',
      fix: 'list the platforms, e.g. linux/amd64,linux/arm64 (a FROM image lacking one is named before the build)',
    });
  }
  const platforms = platformsRaw === 'auto' ? undefined : parsePlatforms(platformsRaw);
  const builder = noControl('builder', raw('builder').trim());
  const naming = readNaming(raw);
  const push = parseBoolean('push', raw('push'), false);
  const pushByDigest = parseBoolean('push-by-digest', raw('push-by-digest'), false);
  const load = parseBoolean('load', raw('load'), false);
  const archive = noControl('archive', raw('archive').trim());
  if (/[,"]/.test(archive)) {
    throw new InputError('archive', { got: JSON.stringify(archive), expected: 'a file path without "," or \'"\'', fix: 'choose an archive path without commas or quotes (buildx reads it as CSV)' });
  }
  const givenEpoch = parseEpoch(raw('source-date-epoch'), undefined);
  const provenanceRaw = raw('provenance').trim();
  if (!(PROVENANCE_VALUES as readonly string[]).includes(provenanceRaw)) {
    throw new InputError('provenance', { got: JSON.stringify(provenanceRaw), expected: 'false, true, mode=min or mode=max', fix: 'leave provenance empty for buildx\'s default or pick one of those' });
  }
  if ((push || pushByDigest) && naming.images.length === 0) {
    throw new InputError(pushByDigest ? 'push-by-digest' : 'push', { got: 'true with no images', expected: 'at least one image name in "images" (or full name:tag references in "tags")', fix: 'set images (e.g. ghcr.io/org/one-api) or push: false' });
  }
  return {
    mode,
    cacheDir: facts.cacheDir,
    cachePath,
    ...(platforms ? { platforms } : {}),
    ...(builder ? { builder } : {}),
    naming,
    push,
    pushByDigest,
    load,
    ...(archive ? { archive } : {}),
    ...(givenEpoch !== undefined ? { givenEpoch } : {}),
    provenanceRaw: provenanceRaw as ProvenanceInput,
    userBuildArgs: parseUserBuildArgs(raw('build-args')),
    userLabels: parseKeyValues('labels', raw('labels')),
    annotations: parseAnnotations(raw('annotations')),
    keepCreated: parseBoolean('keep-created', raw('keep-created'), false),
    flags: parseBuildFlags(raw, mode.kind === 'overlay'),
    buildSecrets: parseSecrets(raw),
    proxy: facts.proxy,
    verify: parseBoolean('verify', raw('verify'), true),
  };
}

export interface ResolveFacts extends Omit<BuildContextFacts, 'proxy' | 'cacheDir'> {
  /** The base image's platforms, for `platforms: auto`. */
  readonly basePlatforms?: readonly string[] | undefined;
}

/** The draft plus git's and the engine's facts → the options a build runs with. */
export function resolveBuildOptions(draft: BuildDraft, facts: ResolveFacts): BuildOptions {
  const platforms = draft.platforms ?? facts.basePlatforms;
  if (platforms === undefined || platforms.length === 0) {
    throw new InputError('platforms', { got: '"auto"', expected: 'a base image whose platforms can be read', fix: 'list the platforms instead of auto' });
  }
  if (draft.load && platforms.length > 1 && !facts.engineLoadsMultiPlatform) {
    throw new InputError('load', {
      got: `true with ${platforms.length} platforms (${platforms.join(', ')})`,
      expected: 'one platform, unless the engine uses the containerd image store',
      fix: 'load a single platform, push instead, write an archive, or enable the containerd image store',
    });
  }
  const { version, versionTag, tags } = nameTags(draft.naming, { ref: facts.gitRef, sha: facts.sha });
  if (draft.naming.images.length > 0 && tags.length === 0 && !draft.pushByDigest) {
    throw new InputError('version', { got: '(empty, and no git tag or commit known)', expected: 'a version to make tags from', fix: 'set version (e.g. v1.2.3) or tags' });
  }
  const epoch = draft.givenEpoch ?? facts.commitTime;
  const buildArgs = mergePairs(proxyBuildArgs(draft.proxy), draft.userBuildArgs);
  if (epoch !== undefined) buildArgs.push(['SOURCE_DATE_EPOCH', String(epoch)]);
  // What the build really gets decides provenance and masking (user build-args may carry a proxy too).
  const buildProxy = proxyOfBuildArgs(buildArgs);
  const provenance = chooseProvenance(draft.provenanceRaw, buildProxy);
  const given = pinCreated({ labels: draft.userLabels, annotations: draft.annotations }, epoch, draft.keepCreated);
  const labels = mergePairs(ociLabels({ version, revision: facts.sha, source: facts.repositoryUrl, sourceDateEpoch: epoch }), given.labels);
  const secretValues = draft.buildSecrets.flatMap((s) => (s.from === 'value' ? [s.value] : []));
  return {
    mode: draft.mode,
    cacheDir: draft.cacheDir,
    cachePath: draft.cachePath,
    platforms,
    ...(draft.builder ? { builder: draft.builder } : {}),
    buildArgs,
    labels,
    annotations: annotationArgs(given.annotations, platforms.length),
    images: draft.naming.images,
    ...(version !== undefined ? { version } : {}),
    ...(versionTag !== undefined ? { versionTag } : {}),
    tags,
    push: draft.push || draft.pushByDigest,
    pushByDigest: draft.pushByDigest,
    load: draft.load,
    ...(draft.archive ? { archive: draft.archive } : {}),
    ...(provenance.flag ? { provenance: provenance.flag } : {}),
    ...(provenance.notice ? { provenanceNotice: provenance.notice } : {}),
    ...(given.notice ? { createdNotice: given.notice } : {}),
    ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
    verify: draft.verify,
    flags: draft.flags,
    buildSecrets: draft.buildSecrets,
    secrets: [...new Set([...proxySecrets(draft.proxy), ...proxySecrets(buildProxy), ...secretValues])],
  };
}

export function parseBuildInputs(raw: RawInputs, facts: BuildContextFacts & { readonly basePlatforms?: readonly string[] }): BuildOptions {
  return resolveBuildOptions(readBuildInputs(raw, facts), facts);
}

