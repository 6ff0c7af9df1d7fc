// Build inputs → a typed BuildOptions, every check done before buildx runs (like
// docker/build-push-action's context.ts). Pure: git facts, proxy settings, the cache folder
// and the engine's capabilities are passed in. Errors name the input and the fix.
import { InputError } from '../errors.js';
import type { RawInputs } from '../inputs/names.js';
import { parseBoolean, parseKeyValues, parseList } from '../inputs/scalars.js';
import { mergePairs, ociLabels, type Pair } from './labels.js';
import { parsePlatforms } from './platforms.js';
import { chooseProvenance, PROVENANCE_VALUES, proxyBuildArgs, proxyOfBuildArgs, proxySecrets, type BuildProxy, type ProvenanceInput } from './proxy-args.js';
import { parseFullTag, parseImageName, TAG_RE } from './reference.js';
import { defaultVersion, imageTags, sanitizeTag, versionTags } from './tags.js';

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
  /** Full `name:tag` references, every version tag on every image plus the explicit ones. */
  readonly tags: readonly string[];
  readonly push: boolean;
  readonly pushByDigest: boolean;
  readonly load: boolean;
  readonly archive?: string;
  readonly provenance?: 'false' | 'mode=min' | 'mode=max';
  /** Set when the requested provenance was changed to keep credentials out of it. */
  readonly provenanceNotice?: string;
  readonly sourceDateEpoch?: number;
  readonly verify: boolean;
  /** Values the logger must mask (proxy credentials). */
  readonly secrets: readonly string[];
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

function parseEpoch(raw: string, fallback: number | undefined): number | undefined {
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

function parseVersion(raw: string, prefix: string, facts: BuildContextFacts): string | undefined {
  const given = raw.trim();
  if (given === '') {
    const fallback = defaultVersion({ ref: facts.gitRef, sha: facts.sha });
    return fallback === undefined ? undefined : sanitizeTag(fallback);
  }
  if (!TAG_RE.test(`${prefix}${given}`) || !/^[\w.-]+$/.test(given)) {
    throw new InputError('version', {
      got: JSON.stringify(raw),
      expected: 'letters, digits, "_", "." and "-" (a tag must be [A-Za-z0-9_][A-Za-z0-9_.-]{0,127} with the prefix)',
      fix: 'give a version a tag can hold, e.g. v1.2.3 (build metadata such as +sha is not allowed in tags)',
    });
  }
  return given;
}

function parseBuildArgs(raw: string, proxy: BuildProxy, epoch: number | undefined): Pair[] {
  const user = parseKeyValues('build-args', raw).map(([key, value]) => {
    if (!ARG_NAME.test(key)) {
      throw new InputError('build-args', { got: JSON.stringify(key), expected: 'an ARG name like NODE_VERSION', fix: 'use letters, digits and "_" in build-arg names' });
    }
    if (key === 'SOURCE_DATE_EPOCH') {
      throw new InputError('build-args', { got: `SOURCE_DATE_EPOCH=${value}`, expected: 'no SOURCE_DATE_EPOCH here', fix: 'set the source-date-epoch input instead' });
    }
    return [key, value] as const;
  });
  const args = mergePairs(proxyBuildArgs(proxy), user);
  if (epoch !== undefined) args.push(['SOURCE_DATE_EPOCH', String(epoch)]);
  return args;
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
    return { kind: 'overlay', baseImage };
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

export function parseBuildInputs(raw: RawInputs, facts: BuildContextFacts): BuildOptions {
  const mode = parseMode(raw);
  const cachePath = parseCachePath(raw('cache-path'));
  const platforms = parsePlatforms(raw('platforms') || 'linux/amd64,linux/arm64');
  const builder = noControl('builder', raw('builder').trim());
  const images = parseList(raw('images')).map((item) => parseImageName('images', item));
  const prefix = raw('tag-prefix');
  if (prefix !== '' && !/^[\w.-]+$/.test(prefix)) {
    throw new InputError('tag-prefix', { got: JSON.stringify(prefix), expected: 'letters, digits, "_", "." and "-"', fix: 'use a prefix a tag can hold, e.g. offline-' });
  }
  const version = parseVersion(raw('version'), prefix, facts);
  const extraTags = parseList(raw('tags')).map((item) => (item.includes(':') || item.includes('/') ? parseFullTag('tags', item) : bareTag(item)));
  const bare = extraTags.filter((item) => !item.includes(':') && !item.includes('/'));
  if (bare.length > 0 && images.length === 0) {
    throw new InputError('tags', {
      got: JSON.stringify(bare.join(', ')),
      expected: 'full references (name:tag), or bare tags together with images',
      fix: 'set images (the names bare tags go on) or write the tags as name:tag',
    });
  }
  const push = parseBoolean('push', raw('push'), false);
  const pushByDigest = parseBoolean('push-by-digest', raw('push-by-digest'), false);
  const load = parseBoolean('load', raw('load'), false);
  const archive = noControl('archive', raw('archive').trim());
  if (/[,"]/.test(archive)) {
    throw new InputError('archive', { got: JSON.stringify(archive), expected: 'a file path without "," or \'"\'', fix: 'choose an archive path without commas or quotes (buildx reads it as CSV)' });
  }
  const epoch = parseEpoch(raw('source-date-epoch'), facts.commitTime);
  const provenanceRaw = raw('provenance').trim();
  if (!(PROVENANCE_VALUES as readonly string[]).includes(provenanceRaw)) {
    throw new InputError('provenance', { got: JSON.stringify(provenanceRaw), expected: 'false, true, mode=min or mode=max', fix: 'leave provenance empty for buildx\'s default or pick one of those' });
  }
  if ((push || pushByDigest) && images.length === 0) {
    throw new InputError(pushByDigest ? 'push-by-digest' : 'push', { got: 'true with no images', expected: 'at least one image name in "images"', fix: 'set images (e.g. ghcr.io/org/one-api) or push: false' });
  }
  if (load && platforms.length > 1 && !facts.engineLoadsMultiPlatform) {
    throw new InputError('load', {
      got: `true with ${platforms.length} platforms (${platforms.join(', ')})`,
      expected: 'one platform, unless the engine uses the containerd image store',
      fix: 'load a single platform, push instead, write an archive, or enable the containerd image store',
    });
  }
  const tags = version === undefined && extraTags.length === 0 ? [] : imageTags(images, version === undefined ? [] : versionTags(version, prefix), extraTags);
  if (images.length > 0 && tags.length === 0 && !pushByDigest) {
    throw new InputError('version', { got: '(empty, and no git tag or commit known)', expected: 'a version to make tags from', fix: 'set version (e.g. v1.2.3) or tags' });
  }
  const buildArgs = parseBuildArgs(raw('build-args'), facts.proxy, epoch);
  // What the build really gets decides provenance and masking (user build-args may carry a proxy too).
  const buildProxy = proxyOfBuildArgs(buildArgs);
  const provenance = chooseProvenance(provenanceRaw as ProvenanceInput, buildProxy);
  const labels = mergePairs(
    ociLabels({ version, revision: facts.sha, source: facts.repositoryUrl, sourceDateEpoch: epoch }),
    parseKeyValues('labels', raw('labels')),
  );
  return {
    mode,
    cacheDir: facts.cacheDir,
    cachePath,
    platforms,
    ...(builder ? { builder } : {}),
    buildArgs,
    labels,
    images,
    ...(version !== undefined ? { version } : {}),
    tags,
    push: push || pushByDigest,
    pushByDigest,
    load,
    ...(archive ? { archive } : {}),
    ...(provenance.flag ? { provenance: provenance.flag } : {}),
    ...(provenance.notice ? { provenanceNotice: provenance.notice } : {}),
    ...(epoch !== undefined ? { sourceDateEpoch: epoch } : {}),
    verify: parseBoolean('verify', raw('verify'), true),
    secrets: [...new Set([...proxySecrets(facts.proxy), ...proxySecrets(buildProxy)])],
  };
}

function bareTag(item: string): string {
  if (!TAG_RE.test(item)) {
    throw new InputError('tags', { got: JSON.stringify(item), expected: 'name:tag, or a bare tag [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}', fix: 'fix the tag' });
  }
  return item;
}
