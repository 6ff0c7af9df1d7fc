import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/pins.ts
var CANONICAL_ORIGIN = "https://openaipublic.blob.core.windows.net";
var PINNED_FILES = {
  r50k_base: {
    id: "r50k_base",
    path: "/encodings/r50k_base.tiktoken",
    sha256: "306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930",
    size: 835554
  },
  p50k_base: {
    id: "p50k_base",
    path: "/encodings/p50k_base.tiktoken",
    sha256: "94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069",
    size: 836186
  },
  cl100k_base: {
    id: "cl100k_base",
    path: "/encodings/cl100k_base.tiktoken",
    sha256: "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    size: 1681126
  },
  o200k_base: {
    id: "o200k_base",
    path: "/encodings/o200k_base.tiktoken",
    sha256: "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    size: 3613922
  },
  "gpt2-vocab-bpe": {
    id: "gpt2-vocab-bpe",
    path: "/gpt-2/encodings/main/vocab.bpe",
    sha256: "1ce1664773c50f3e0cc8842619a93edc4624525b728b188a9e0be33b7726adc5",
    size: 456318
  },
  "gpt2-encoder-json": {
    id: "gpt2-encoder-json",
    path: "/gpt-2/encodings/main/encoder.json",
    sha256: "196139668be63f3b5d6574427317ae82f612a97c5d1cdaf36ed2256dbf636783",
    size: 1042301
  }
};
var ENCODINGS = {
  r50k_base: ["r50k_base"],
  p50k_base: ["p50k_base"],
  p50k_edit: ["p50k_base"],
  cl100k_base: ["cl100k_base"],
  o200k_base: ["o200k_base"],
  o200k_harmony: ["o200k_base"],
  gpt2: ["gpt2-vocab-bpe", "gpt2-encoder-json"]
};
var ENCODING_NAMES = Object.keys(ENCODINGS);
var DEFAULT_ENCODINGS = ["r50k_base", "p50k_base", "cl100k_base", "o200k_base"];
function isEncodingName(name) {
  return Object.hasOwn(ENCODINGS, name);
}
function canonicalUrl(file) {
  return `${CANONICAL_ORIGIN}${file.path}`;
}

export {
  CANONICAL_ORIGIN,
  PINNED_FILES,
  ENCODINGS,
  ENCODING_NAMES,
  DEFAULT_ENCODINGS,
  isEncodingName,
  canonicalUrl
};
