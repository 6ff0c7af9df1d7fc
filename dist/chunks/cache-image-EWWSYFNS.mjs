import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  imageIndex,
  overlayConfig,
  overlayManifest,
  overlaySource
} from "./chunk-SRPNI7OZ.mjs";
import {
  encoderLayer
} from "./chunk-SNRZY2MY.mjs";
import {
  verifyImage
} from "./chunk-N5GB6H6Z.mjs";
import "./chunk-PORR73YQ.mjs";
import {
  httpTransport
} from "./chunk-Q4HTTC5K.mjs";
import "./chunk-Z35GPKIQ.mjs";
import "./chunk-RPBY7RYD.mjs";
import "./chunk-BJ7SNYSJ.mjs";
import {
  rfc3339
} from "./chunk-C5YV2EB3.mjs";
import {
  blobExists,
  pushByDigest,
  putManifest,
  withRetry
} from "./chunk-TDMJSE4D.mjs";
import {
  RegistryFailure,
  repositoryHttp
} from "./chunk-RUAZ4UUQ.mjs";
import {
  BlobMediaType,
  MediaType
} from "./chunk-37GEL7R4.mjs";
import "./chunk-RQOY37YH.mjs";
import "./chunk-CZKUM3XS.mjs";
import {
  parseImageReference
} from "./chunk-2PSOF6JL.mjs";
import "./chunk-DOLB5LDS.mjs";
import "./chunk-QXO2ADUY.mjs";
import "./chunk-SC7NWMZY.mjs";
import "./chunk-4CAFWHQW.mjs";
import "./chunk-NR5WT3X2.mjs";
import "./chunk-TVM242SN.mjs";
import "./chunk-EOQMFXHM.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-7I65BH5E.mjs";
import "./chunk-AMMJLJJB.mjs";
import {
  BuildError
} from "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/build/cache-image.ts
function platformOf(name) {
  const [os = "", architecture = "", variant] = name.split("/");
  return { os, architecture, ...variant ? { variant } : {} };
}
async function pushCacheImage(options, prepared, expectations, deps) {
  const { log } = deps;
  const ref = parseImageReference(options.reference);
  const layer = await encoderLayer({ cacheDir: prepared.cacheDir, manifest: prepared.manifest, cachePath: options.cachePath, sourceDateEpoch: options.sourceDateEpoch });
  const created = rfc3339(options.sourceDateEpoch ?? 0);
  const own = /* @__PURE__ */ new Map([[layer.digest, layer.blob]]);
  const entries = [];
  for (const name2 of options.platforms) {
    const platform = platformOf(name2);
    const base = { architecture: platform.architecture, os: platform.os, ...platform.variant ? { variant: platform.variant } : {}, config: {}, rootfs: { type: "layers", diff_ids: [] } };
    const config = overlayConfig(base, { diffId: layer.diffId, cachePath: options.cachePath, labels: options.labels, created, createdBy: `COPY encoder cache to ${options.cachePath} (oneapi-offline cache image)` }, BlobMediaType.ociConfig);
    const manifest = overlayManifest({ schemaVersion: 2, mediaType: MediaType.ociManifest, layers: [] }, MediaType.ociManifest, config.descriptor, layer);
    own.set(config.descriptor.digest, config.bytes);
    own.set(manifest.descriptor.digest, manifest.bytes);
    entries.push({ descriptor: manifest.descriptor, platform });
  }
  const index = imageIndex(entries, MediaType.ociIndex);
  own.set(index.descriptor.digest, index.bytes);
  const digest = index.descriptor.digest;
  const credentials = await deps.credentials(ref.registry);
  const http = repositoryHttp({ apiHost: ref.apiHost, repository: ref.repository, credentials }, deps.transport ?? httpTransport());
  const name = `${ref.registry}/${ref.repository}`;
  await blobExists(http, layer.digest).catch(() => void 0);
  const image = overlaySource(void 0, { root: { digest, mediaType: MediaType.ociIndex, bytes: index.bytes }, own, label: `cache image ${digest}` });
  try {
    await log.group(`push cache image ${name}@${digest}`, () => pushByDigest(image, http, { log }));
  } catch (error) {
    throw new BuildError(
      { what: `pushing the cache image ${name}@${digest} failed (no tag was written)`, got: error.message, fix: error instanceof RegistryFailure ? error.fix : "check cache-image and the registry, then run again" },
      { cause: error }
    );
  }
  let verification;
  if (options.verify) {
    verification = await log.group(
      `Verify the cache image ${name}@${digest}`,
      () => verifyImage({ kind: "registry", reference: `${name}@${digest}`, ...credentials ? { credentials } : {} }, expectations, { log, ...deps.transport ? { transport: deps.transport } : {} })
    );
    if (!verification.ok) return { reference: options.reference, digest, tagged: false, verification };
  }
  const tag = ref.tag ?? "latest";
  await withRetry(`PUT ${name}:${tag}`, () => putManifest(http, tag, index.bytes, MediaType.ociIndex), { log });
  log.info(`cache image ${options.reference} \u2192 ${digest}`);
  return { reference: options.reference, digest, tagged: true, ...verification ? { verification } : {} };
}
export {
  pushCacheImage
};
