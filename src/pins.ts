// The one pinned registry of encoder files: which encodings exist, which files each needs,
// where those files live upstream, and the exact bytes (sha256 + size) we accept.
// Hashes are tiktoken's own (tiktoken_ext/openai_public.py). The action, the CLI, the tests
// and the benchmark all read this file; nothing else may spell a hash or a canonical URL.

/** Host every canonical URL starts with. tiktoken caches a file under sha1(canonical URL). */
export const CANONICAL_ORIGIN = 'https://openaipublic.blob.core.windows.net' as const;

export interface PinnedFile {
  /** Stable key used in manifests, cache keys and logs. */
  readonly id: string;
  /** Path under the origin, kept as-is when a mirror is used. */
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
}

export const PINNED_FILES = {
  r50k_base: {
    id: 'r50k_base',
    path: '/encodings/r50k_base.tiktoken',
    sha256: '306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930',
    size: 835_554,
  },
  p50k_base: {
    id: 'p50k_base',
    path: '/encodings/p50k_base.tiktoken',
    sha256: '94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069',
    size: 836_186,
  },
  cl100k_base: {
    id: 'cl100k_base',
    path: '/encodings/cl100k_base.tiktoken',
    sha256: '223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7',
    size: 1_681_126,
  },
  o200k_base: {
    id: 'o200k_base',
    path: '/encodings/o200k_base.tiktoken',
    sha256: '446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d',
    size: 3_613_922,
  },
  'gpt2-vocab-bpe': {
    id: 'gpt2-vocab-bpe',
    path: '/gpt-2/encodings/main/vocab.bpe',
    sha256: '1ce1664773c50f3e0cc8842619a93edc4624525b728b188a9e0be33b7726adc5',
    size: 456_318,
  },
  'gpt2-encoder-json': {
    id: 'gpt2-encoder-json',
    path: '/gpt-2/encodings/main/encoder.json',
    sha256: '196139668be63f3b5d6574427317ae82f612a97c5d1cdaf36ed2256dbf636783',
    size: 1_042_301,
  },
} as const satisfies Record<string, PinnedFile>;

export type PinnedFileId = keyof typeof PINNED_FILES;

/** Encoding name → the pinned files it reads. Aliases share files (p50k_edit reads p50k_base). */
export const ENCODINGS = {
  r50k_base: ['r50k_base'],
  p50k_base: ['p50k_base'],
  p50k_edit: ['p50k_base'],
  cl100k_base: ['cl100k_base'],
  o200k_base: ['o200k_base'],
  o200k_harmony: ['o200k_base'],
  gpt2: ['gpt2-vocab-bpe', 'gpt2-encoder-json'],
} as const satisfies Record<string, readonly PinnedFileId[]>;

export type EncodingName = keyof typeof ENCODINGS;

export const ENCODING_NAMES = Object.keys(ENCODINGS) as readonly EncodingName[];

/** What `encoders` means when the input is left empty. */
export const DEFAULT_ENCODINGS = ['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base'] as const satisfies readonly EncodingName[];

export function isEncodingName(name: string): name is EncodingName {
  return Object.hasOwn(ENCODINGS, name);
}

/** The URL tiktoken computes the cache name from, whatever host the bytes came from. */
export function canonicalUrl(file: Pick<PinnedFile, 'path'>): string {
  return `${CANONICAL_ORIGIN}${file.path}`;
}
