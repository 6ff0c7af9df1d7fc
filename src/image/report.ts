// What verification found, per platform. Plain data: the action's outputs and job summary,
// the CLI and assertVerified all read it.

export interface ExpectedFile {
  /** File name under cache-path (the sha1 hex of the canonical URL). */
  readonly cacheFile: string;
  readonly sha256: string;
  /** Absent for files pinned by hash only (extra-encoders checked without a prepare). */
  readonly size?: number | undefined;
}

export interface Expectations {
  /** Absolute path in the image, e.g. `/tiktoken_cache`. */
  readonly cachePath: string;
  readonly files: ReadonlyArray<ExpectedFile>;
}

export const FileStatus = { ok: 'ok', missing: 'missing', mismatch: 'mismatch' } as const;
export type FileStatus = (typeof FileStatus)[keyof typeof FileStatus];

export interface FileCheck {
  readonly cacheFile: string;
  readonly status: FileStatus;
  readonly expectedSha256: string;
  readonly expectedSize?: number | undefined;
  readonly actualSha256?: string;
  readonly actualSize?: number;
  /** Why a file could not be read (symlink out of the tree, special file…), or how it was reached. */
  readonly detail?: string;
}

export interface EnvCheck {
  readonly TIKTOKEN_CACHE_DIR?: string;
  readonly DATA_GYM_CACHE_DIR?: string;
  readonly ok: boolean;
}

export interface PlatformReport {
  /** `linux/amd64`, `linux/arm64/v8`… */
  readonly platform: string;
  /** Digest of this platform's image manifest. */
  readonly digest: string;
  readonly ok: boolean;
  readonly files: readonly FileCheck[];
  /** Files under cache-path nobody asked for (reported, not failed). */
  readonly extraFiles: readonly string[];
  readonly env: EnvCheck;
  /** Anything that stopped the platform from being read (bad blob digest, zstd, corrupt tar…). */
  readonly problems: readonly string[];
}

export interface VerificationReport {
  readonly ok: boolean;
  /** What was read, secrets redacted (`127.0.0.1:5000/x@sha256:…`, an archive path…). */
  readonly image: string;
  /** Digest of the index (or the single manifest) that was verified. */
  readonly digest: string;
  readonly cachePath: string;
  readonly platforms: readonly PlatformReport[];
  /** BuildKit attestation manifests in the index: skipped, counted. */
  readonly attestations: number;
  /** Platforms the index lists that a local store (docker save) does not hold. */
  readonly absent: ReadonlyArray<{ readonly platform: string; readonly digest: string }>;
}
