// What the job summary is rendered from: plain objects the entry copies out of the prepare,
// build, merge and verify results. Kept here so the renderer depends on no other core module.

/** One encoder file as prepared (a row of the prepare result). */
export interface EncoderFileRow {
  readonly id: string;
  /** Encodings that read this file (p50k_edit shares p50k_base's file). */
  readonly encodings: readonly string[];
  /** Canonical URL (already redacted; it never carries credentials). */
  readonly url: string;
  /** sha1(canonical URL): the file name tiktoken looks for. */
  readonly cacheFile: string;
  readonly sha256: string;
  readonly size: number;
  /** Where the verified bytes came from: source, tool-cache, actions-cache or download. */
  readonly source: string;
}

/** The image that was built (or merged). */
export interface ImageRow {
  readonly digest: string;
  readonly tags: readonly string[];
  readonly platforms: readonly string[];
  /** Path of the OCI archive, when one was written. */
  readonly archive?: string;
  /** Per tag: created (after verification) or not, and why not. */
  readonly published?: readonly TagRow[];
  /** The buildx builder that built it and its driver (builds only). */
  readonly builder?: { readonly name: string; readonly driver: string };
}

/** One tag of the image: where it goes and whether it exists now. */
export interface TagRow {
  readonly ref: string;
  /** `registry` or `local` (the engine's image store, after a load). */
  readonly where: string;
  readonly published: boolean;
  readonly reason?: string;
}

/** One file checked inside one platform's image. */
export interface VerifiedFile {
  readonly cacheFile: string;
  /** `ok`, or what went wrong (`missing`, `mismatch`, …). */
  readonly status: string;
}

/** The offline check of one platform. */
export interface PlatformVerification {
  readonly platform: string;
  readonly digest: string;
  readonly ok: boolean;
  readonly files: readonly VerifiedFile[];
  /** The gateway's verdict on this platform, one line. */
  readonly verdict?: string;
}

/** A pinned file whose upstream bytes no longer match (a refresh found drift). */
export interface DriftRow {
  readonly id: string;
  readonly url: string;
  readonly expectedSha256: string;
  /** Pinned size; 0 when only the hash is pinned (extra-encoders). */
  readonly expectedSize: number;
  /** What upstream served now; absent when the download itself failed. */
  readonly actualSha256?: string;
  readonly actualSize?: number;
  /** Why there is no actual hash (HTTP 404, …). */
  readonly error?: string;
  /** Where the bytes were downloaded from (redacted), when not the canonical URL. */
  readonly from?: string;
}

/** Everything one run can report; each part is optional (prepare-only runs have no image). */
export interface SummaryInput {
  readonly encoders: readonly EncoderFileRow[];
  /** Folder laid out for TIKTOKEN_CACHE_DIR on the runner. */
  readonly cacheDir?: string;
  /** Output cache-hit: true when nothing had to be downloaded. */
  readonly cacheHit?: boolean;
  /** Output source: source, tool-cache, actions-cache, download or mixed. */
  readonly source?: string;
  readonly image?: ImageRow;
  /** Path inside the image that TIKTOKEN_CACHE_DIR points at. */
  readonly cachePath?: string;
  readonly verification?: readonly PlatformVerification[];
  /** SOURCE_DATE_EPOCH the build used (seconds since 1970, as text). */
  readonly sourceDateEpoch?: string;
  /** Key of the pinned file set (the Actions cache key / tool-cache version). */
  readonly pinSetKey?: string;
  /** Present when `refresh: true` ran; empty when upstream still matches every pin. */
  readonly drift?: readonly DriftRow[];
  /** What stopped the run (the error's text, secrets already masked), when it failed. */
  readonly failure?: string;
  /** The gateway profile the run followed; `why` says how `auto` chose it. */
  readonly gateway?: { readonly name: string; readonly by: 'input' | 'auto'; readonly why: string };
}
