// What verification found, per platform and per consumer. Plain data: the action's outputs
// and job summary, the CLI and assertVerified all read it.
import type { GatewayProfile } from '../gateways/profiles.js';
import type { ConsumerName } from './consumers.js';

export interface ExpectedFile {
  /** File name in the consumer's folder (the sha1 hex of the canonical URL). */
  readonly cacheFile: string;
  readonly sha256: string;
  /** Absent for files pinned by hash only (extra-encoders checked without a prepare). */
  readonly size?: number | undefined;
  /** Pinned file id or the extra's name, for messages. */
  readonly id?: string;
  /** Encodings that read this file, for messages. */
  readonly encodings?: readonly string[];
}

export interface Expectations {
  /** Where the build put the files, e.g. `/tiktoken_cache`: fixes point consumers here. */
  readonly cachePath: string;
  /** The files every consumer must read (ignored with `fromImage`). */
  readonly files: ReadonlyArray<ExpectedFile>;
  /**
   * The set comes from the manifest.json in each consumer's folder instead, each listed file
   * checked against `known` (never against a hash the image states about itself).
   */
  readonly fromImage?: boolean;
  /**
   * Pinned files the folder's manifest.json lists beyond `files` are expected too, each checked
   * against `known` (merge mode: what the per-platform builds carried from their base).
   */
  readonly listedToo?: boolean;
  /** Files the pins and extra-encoders know, by cache file name (manifest mode, listedToo). */
  readonly known?: ReadonlyArray<ExpectedFile>;
  /** Consumers that must read every file offline (default: tiktoken and tiktoken-go). */
  readonly consumers?: readonly ConsumerName[];
  /** The gateway whose rules and needs the verdict follows (src/gateways/; default: generic). */
  readonly gateway?: GatewayProfile;
}

export const FileStatus = { ok: 'ok', missing: 'missing', wrongBytes: 'wrong-bytes' } as const;
export type FileStatus = (typeof FileStatus)[keyof typeof FileStatus];

export interface FileCheck {
  readonly cacheFile: string;
  readonly status: FileStatus;
  readonly expectedSha256: string;
  readonly expectedSize?: number | undefined;
  readonly actualSha256?: string;
  readonly actualSize?: number;
  /** Why a file could not be read (a directory, a device, a symlink loop…), or how it was reached. */
  readonly detail?: string;
  /** What to change when the cause is the image's user (a mode or owner), not the bytes. */
  readonly fix?: string;
}

/** One thing wrong, and exactly what to change. */
export interface Finding {
  readonly problem: string;
  readonly fix: string;
}

export interface ConsumerReport {
  readonly consumer: ConsumerName;
  /** Named in `consumers`: its failure fails the platform. */
  readonly required: boolean;
  /** The folder as the consumer opens it; absent when it reads none (cache off, no temp dir). */
  readonly directory?: string;
  /** Why that folder (`TIKTOKEN_CACHE_DIR=/x`, Python's temp dir …). */
  readonly why: string;
  readonly ok: boolean;
  readonly files: readonly FileCheck[];
  /** Anything else in the folder: a failure (the image must carry nothing but the encoders). */
  readonly otherFiles: readonly string[];
  readonly findings: readonly Finding[];
}

export interface EnvCheck {
  readonly TIKTOKEN_CACHE_DIR?: string;
  readonly DATA_GYM_CACHE_DIR?: string;
  /** Every required consumer reads a folder that holds the files. */
  readonly ok: boolean;
}

export interface PlatformReport {
  /** `linux/amd64`, `linux/arm64/v8`… */
  readonly platform: string;
  /** Digest of this platform's image manifest. */
  readonly digest: string;
  readonly ok: boolean;
  /** The files as the first failing required consumer (else the first one) reads them. */
  readonly files: readonly FileCheck[];
  readonly consumers: readonly ConsumerReport[];
  readonly env: EnvCheck;
  /** Anything that stopped the platform from being read (bad blob digest, zstd, corrupt tar…). */
  readonly problems: readonly string[];
  /** Layers read of all the manifest lists (top-down reading stops when the files are decided). */
  readonly layersRead?: number;
  /** The digests of those layers, top-down: the ones that decided the verdict. */
  readonly decidedBy?: readonly string[];
  /** One line for people: does the gateway start offline on this platform, with what, from where. */
  readonly verdict?: string;
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
