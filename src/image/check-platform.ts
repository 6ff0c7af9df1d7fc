// One platform's merged cache-path tree and image config against the expectations. Pure.
import { cacheRootProblem, finalFiles, type Tree } from './file-tree.js';
import { normalizeLayerPath } from './layer-paths.js';
import { FileStatus, type EnvCheck, type Expectations, type FileCheck, type PlatformReport } from './report.js';

export const CACHE_ENV = ['TIKTOKEN_CACHE_DIR', 'DATA_GYM_CACHE_DIR'] as const;

/** `KEY=VALUE` lines of an image config → the two cache variables, checked against cache-path. */
export function checkEnv(env: readonly string[] | undefined, cachePath: string): EnvCheck {
  const want = normalizeLayerPath(cachePath);
  const found: { TIKTOKEN_CACHE_DIR?: string; DATA_GYM_CACHE_DIR?: string } = {};
  for (const line of env ?? []) {
    const eq = line.indexOf('=');
    const key = line.slice(0, eq);
    if (eq > 0 && (CACHE_ENV as readonly string[]).includes(key)) found[key as (typeof CACHE_ENV)[number]] = line.slice(eq + 1);
  }
  const ok = CACHE_ENV.every((key) => {
    const value = found[key];
    return value !== undefined && value.startsWith('/') && normalizeLayerPath(value) === want;
  });
  return { ...found, ok };
}

export interface PlatformFacts {
  readonly platform: string;
  readonly digest: string;
  readonly tree: Tree;
  readonly env: readonly string[] | undefined;
  readonly problems: readonly string[];
}

export function checkPlatform(facts: PlatformFacts, expectations: Expectations): PlatformReport {
  const root = normalizeLayerPath(expectations.cachePath) ?? '';
  const present = finalFiles(facts.tree, root);
  const problems = [...facts.problems];
  const rootProblem = cacheRootProblem(facts.tree, root);
  if (rootProblem) problems.push(rootProblem);
  const files: FileCheck[] = expectations.files.map((want) => {
    const base = { cacheFile: want.cacheFile, expectedSha256: want.sha256, expectedSize: want.size };
    const got = present.get(want.cacheFile);
    if (!got) return { ...base, status: FileStatus.missing };
    if (got.kind === 'unreadable') return { ...base, status: FileStatus.mismatch, detail: got.detail };
    const same = got.sha256 === want.sha256 && (want.size === undefined || got.size === want.size);
    return {
      ...base,
      status: same ? FileStatus.ok : FileStatus.mismatch,
      actualSha256: got.sha256,
      actualSize: got.size,
      ...(got.via !== undefined ? { detail: got.via } : {}),
    };
  });
  const wanted = new Set(expectations.files.map((f) => f.cacheFile));
  const extraFiles = [...present.keys()].filter((name) => !wanted.has(name));
  const env = checkEnv(facts.env, expectations.cachePath);
  const ok = problems.length === 0 && env.ok && files.every((f) => f.status === FileStatus.ok);
  return { platform: facts.platform, digest: facts.digest, ok, files, extraFiles, env, problems };
}
