import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  isAttestation
} from "./chunk-37GEL7R4.mjs";
import {
  platformName
} from "./chunk-DOLB5LDS.mjs";

// src/oci/image-index.ts
function indexImages(index) {
  return index.manifests.filter((m) => !isAttestation(m)).map((m) => ({ platform: platformName(m.platform), digest: m.digest, descriptor: m }));
}

export {
  indexImages
};
