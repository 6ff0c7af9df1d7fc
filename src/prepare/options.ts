// Every prepare input, validated before any I/O. Pure: the entry passes RUNNER_TEMP, a default
// cache root for machines outside Actions, and the process environment (for proxy defaults).
// The one check that needs the filesystem, `source`, is `checkSource` (encoders/local-source.ts),
// which prepare runs first, before any network call.
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { engineBlobsDir, layerSummariesDir } from '../cache/kept-folders.js';
import { MAX_UNPINNED_BYTES } from '../encoders/check-pin.js';
import type { ExtraEncoder } from '../encoders/selection.js';
import type { RawInputs } from '../inputs/names.js';
import { parseBoolean } from '../inputs/scalars.js';
import type { EncodingName } from '../pins.js';
import { resolveProxySettings, type ProxySettings } from '../proxy/settings.js';
import { parseEncoderList } from './encoder-list.js';
import { parseExtraEncoders } from './extra-encoders.js';
import type { GuardedDir } from './check-cache-dir.js';
import { parseMirror } from './mirror.js';
import { stagingRoot } from './staging.js';

/** Limits for each download; the defaults suit files of a few MB over a slow proxy. */
export interface DownloadLimits {
  readonly attempts: number;
  readonly backoffMs: number;
  readonly idleTimeoutMs: number;
  readonly totalTimeoutMs: number;
  /** Size cap for files pinned by hash only (extras); pinned files are capped near their size. */
  readonly maxBytesUnpinned: number;
}

export const DEFAULT_DOWNLOAD_LIMITS: DownloadLimits = {
  attempts: 4,
  backoffMs: 1_000,
  idleTimeoutMs: 30_000,
  totalTimeoutMs: 300_000,
  maxBytesUnpinned: MAX_UNPINNED_BYTES,
};

export interface PrepareOptions {
  readonly encodings: readonly EncodingName[];
  readonly extras: readonly ExtraEncoder[];
  /** Base URL downloads come from, without a trailing slash (may hold credentials: redact). */
  readonly mirror: string;
  /** Local folder or tarball; when set, the network is never used. */
  readonly source?: string;
  readonly cacheDir: string;
  /** Use the tool cache and the Actions cache. */
  readonly cache: boolean;
  /** Read no cache, download everything, fail with a drift report on any mismatch. */
  readonly refresh: boolean;
  readonly proxy: ProxySettings;
  readonly limits: DownloadLimits;
  /** Folders cache-dir must stay clear of (check-cache-dir.ts). */
  readonly guardedDirs: readonly GuardedDir[];
}

export interface PrepareEnv {
  /** RUNNER_TEMP, when running in Actions. */
  readonly runnerTemp?: string | undefined;
  /** Where the CLI keeps things outside Actions (e.g. the XDG cache folder). */
  readonly defaultCacheRoot: string;
  /** For proxy defaults (HTTP_PROXY, …) and the folders cache-dir must stay clear of. */
  readonly processEnv: Readonly<Record<string, string | undefined>>;
  /** The process's current folder and the run's private work folder, when known. */
  readonly cwd?: string | undefined;
  readonly workDir?: string | undefined;
}

/** The run's working and temp folders: cache-dir may not hold them (nor sit in those it deletes). */
export function guardedDirsOf(env: PrepareEnv): GuardedDir[] {
  const candidates: Array<GuardedDir | undefined> = [
    env.processEnv['GITHUB_WORKSPACE'] ? { label: 'the workspace (GITHUB_WORKSPACE)', path: env.processEnv['GITHUB_WORKSPACE'] } : undefined,
    env.cwd ? { label: 'the current working folder', path: env.cwd } : undefined,
    env.runnerTemp ? { label: 'RUNNER_TEMP', path: env.runnerTemp } : undefined,
    env.processEnv['RUNNER_TEMP'] && env.processEnv['RUNNER_TEMP'] !== env.runnerTemp ? { label: 'RUNNER_TEMP', path: env.processEnv['RUNNER_TEMP'] } : undefined,
    { label: 'the staging folder', path: stagingRoot(env.runnerTemp, env.defaultCacheRoot), ownedByRun: true },
    { label: "the verifier's layer summaries", path: layerSummariesDir(env.runnerTemp, env.defaultCacheRoot) },
    { label: "the image blobs Engine's builds keep", path: engineBlobsDir(env.runnerTemp, env.defaultCacheRoot) },
    env.workDir ? { label: "the run's work folder", path: env.workDir, ownedByRun: true } : undefined,
  ];
  return candidates.filter((dir): dir is GuardedDir => dir !== undefined && dir.path.trim() !== '');
}

function cacheDirOf(raw: string, env: PrepareEnv): string {
  const value = raw.trim();
  if (value !== '') {
    if (value.includes('\n') || value.includes('\0')) {
      throw new InputError('cache-dir', { got: JSON.stringify(raw), expected: 'one folder path', fix: 'set cache-dir to a single path' });
    }
    return value;
  }
  const root = env.runnerTemp?.trim() || env.defaultCacheRoot;
  return join(root, 'tiktoken_cache');
}

function sourceOf(raw: string): string | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  if (value.includes('\n') || value.includes('\0')) {
    throw new InputError('source', { got: JSON.stringify(raw), expected: 'one folder or tarball path', fix: 'set source to a single path' });
  }
  return value;
}

export function parsePrepareInputs(raw: RawInputs, env: PrepareEnv): PrepareOptions {
  const encodings = parseEncoderList(raw('encoders'));
  const extras = parseExtraEncoders(raw('extra-encoders'));
  const mirror = parseMirror(raw('mirror'));
  const source = sourceOf(raw('source'));
  const cacheDir = cacheDirOf(raw('cache-dir'), env);
  const cache = parseBoolean('cache', raw('cache'), true);
  const refresh = parseBoolean('refresh', raw('refresh'), false);
  if (refresh && source !== undefined) {
    throw new InputError('refresh', {
      got: 'refresh: true together with source',
      expected: 'refresh (downloads again) or source (never downloads), not both',
      fix: 'drop refresh to build from the local source, or drop source to check upstream for drift',
    });
  }
  const proxy = resolveProxySettings(
    { httpProxy: raw('http-proxy'), httpsProxy: raw('https-proxy'), noProxy: raw('no-proxy') },
    env.processEnv,
  );
  return {
    encodings,
    extras,
    mirror,
    ...(source !== undefined ? { source } : {}),
    cacheDir,
    cache,
    refresh,
    proxy,
    limits: DEFAULT_DOWNLOAD_LIMITS,
    guardedDirs: guardedDirsOf(env),
  };
}
