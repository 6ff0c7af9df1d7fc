import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  blobExists,
  getManifest,
  manifestExists,
  putManifest,
  uploadBlob,
  withRetry
} from "./chunk-TDMJSE4D.mjs";
import {
  RegistryFailure
} from "./chunk-RUAZ4UUQ.mjs";
import {
  MediaType
} from "./chunk-37GEL7R4.mjs";
import {
  VERSION
} from "./chunk-SOVTOUKX.mjs";
import {
  sha256Digest
} from "./chunk-LMSPCY74.mjs";
import {
  AttestError
} from "./chunk-SENFWAUD.mjs";

// src/attest/canonical-json.ts
function canonical(value, path) {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`internal: ${path} is ${value}, which JSON cannot hold`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item, i) => canonical(item, `${path}[${i}]`)).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== void 0).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v, `${path}.${k}`)}`).join(",")}}`;
  }
  throw new Error(`internal: ${path} is a ${typeof value}, which JSON cannot hold`);
}
function canonicalJson(value) {
  return canonical(value, "$");
}

// src/attest/cosign-layout.ts
var DSSE_MEDIA_TYPE = "application/vnd.dsse.envelope.v1+json";
var COSIGN_SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
var CONFIG_MEDIA_TYPE = "application/vnd.oci.image.config.v1+json";
var ZERO_TIME = "0001-01-01T00:00:00Z";
function attestationTag(digest) {
  if (!/^sha256:[0-9a-f]{64}$/.test(digest)) throw new Error(`internal: ${digest} is not a sha256 digest`);
  return `${digest.replace(":", "-")}.att`;
}
function envelopeLayer(envelope, predicateType) {
  return { mediaType: DSSE_MEDIA_TYPE, size: envelope.length, digest: sha256Digest(envelope), annotations: { [COSIGN_SIGNATURE_ANNOTATION]: "", predicateType } };
}
function attestationManifest(layers) {
  const config = Buffer.from(JSON.stringify({ architecture: "", created: ZERO_TIME, history: layers.map(() => ({ created: ZERO_TIME })), os: "", rootfs: { type: "layers", diff_ids: layers.map((l) => l.digest) }, config: {} }), "utf8");
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.ociManifest,
      config: { mediaType: CONFIG_MEDIA_TYPE, size: config.length, digest: sha256Digest(config) },
      layers: layers.map((l) => ({ mediaType: l.mediaType, size: l.size, digest: l.digest, ...l.annotations ? { annotations: l.annotations } : {} }))
    }),
    "utf8"
  );
  return { manifest, config };
}
async function existingLayers(http, tag) {
  if (!await manifestExists(http, tag)) return [];
  const { bytes } = await getManifest(http, tag);
  const layers = JSON.parse(bytes.toString("utf8")).layers;
  if (!Array.isArray(layers)) throw new RegistryFailure(`${tag} in ${http.endpoint.repository} is not an attestation manifest`, "remove that tag, or push to another repository");
  return layers;
}
async function ensureBlob(http, bytes, log) {
  const digest = sha256Digest(bytes);
  if (await withRetry(`HEAD ${digest}`, () => blobExists(http, digest), { log })) return;
  await withRetry(`upload ${digest}`, () => uploadBlob(http, digest, bytes.length, async () => bytes), { log });
}
async function attachCosignAttestation(http, digest, envelope, predicateType, log) {
  const tag = attestationTag(digest);
  const ours = envelopeLayer(envelope, predicateType);
  const kept = (await existingLayers(http, tag)).filter((l) => l.annotations?.["predicateType"] !== predicateType && l.digest !== ours.digest);
  const { manifest, config } = attestationManifest([...kept, ours]);
  await ensureBlob(http, envelope, log);
  await ensureBlob(http, config, log);
  return withRetry(`PUT ${tag}`, () => putManifest(http, tag, manifest, MediaType.ociManifest), { log });
}

// src/attest/dsse.ts
import { sign, verify } from "node:crypto";
function pae(payloadType, body) {
  const type = Buffer.from(payloadType, "utf8");
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `, "utf8"), type, Buffer.from(` ${body.length} `, "utf8"), body]);
}
function signEnvelope(payloadType, body, key) {
  const sig = sign("sha256", pae(payloadType, body), { key, dsaEncoding: "der" });
  return { payloadType, payload: body.toString("base64"), signatures: [{ keyid: "", sig: sig.toString("base64") }] };
}
function envelopeBytes(envelope) {
  return Buffer.from(JSON.stringify({ payloadType: envelope.payloadType, payload: envelope.payload, signatures: envelope.signatures.map((s) => ({ keyid: s.keyid, sig: s.sig })) }), "utf8");
}
function envelopeSignedBy(envelope, key) {
  const message = pae(envelope.payloadType, Buffer.from(envelope.payload, "base64"));
  return envelope.signatures.some((s) => {
    try {
      return verify("sha256", message, { key, dsaEncoding: "der" }, Buffer.from(s.sig, "base64"));
    } catch {
      return false;
    }
  });
}

// src/attest/statement.ts
var STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
var PREDICATE_TYPE = "https://github.com/oneapi-offline-action/attestations/encoder-cache/v1";
var STATEMENT_MEDIA_TYPE = "application/vnd.in-toto+json";
var MAX_STATEMENT_BYTES = 1024 * 1024;
var INDEX_SUBJECT = "index";
function hexOf(digest) {
  const match = /^sha256:([0-9a-f]{64})$/.exec(digest);
  if (!match) throw new AttestError({ what: "cannot attest an image without sha256 digests", got: digest, expected: "sha256:<64 hex>", fix: "report this: the verifier read an image it could not name by digest" });
  return match[1];
}
function byName(a, b) {
  return a.cacheFile < b.cacheFile ? -1 : a.cacheFile > b.cacheFile ? 1 : 0;
}
function buildStatement(input) {
  const { report } = input;
  if (!report.ok) throw new AttestError({ what: `cannot attest ${report.digest}: it did not pass verification`, fix: "fix what verification reported first; only a verified image is attested" });
  const known = new Map(input.files.map((f) => [f.cacheFile, f]));
  const platforms = report.platforms.map((p) => {
    const files = p.files.map((check) => {
      const file = known.get(check.cacheFile);
      if (!file || file.sha256 !== check.expectedSha256) throw new AttestError({ what: `cannot attest ${p.platform}: the verifier checked ${check.cacheFile}, which the build's files do not list with that hash`, got: check.expectedSha256, fix: "report this: the verified files differ from the built ones" });
      return { cacheFile: file.cacheFile, url: file.url, sha256: file.sha256, size: file.size, encodings: [...file.encodings] };
    });
    const base = input.base?.platforms[p.platform];
    hexOf(p.digest);
    return {
      platform: p.platform,
      digest: p.digest,
      gateway: { profile: input.gateway, verdict: p.verdict ?? "", ok: p.ok },
      cachePath: report.cachePath,
      variables: {
        ...p.env.TIKTOKEN_CACHE_DIR !== void 0 ? { TIKTOKEN_CACHE_DIR: p.env.TIKTOKEN_CACHE_DIR } : {},
        ...p.env.DATA_GYM_CACHE_DIR !== void 0 ? { DATA_GYM_CACHE_DIR: p.env.DATA_GYM_CACHE_DIR } : {}
      },
      files: files.sort(byName),
      decidedBy: [...p.decidedBy ?? []],
      ...base ? { base: { digest: base } } : {}
    };
  });
  platforms.sort((a, b) => a.platform < b.platform ? -1 : a.platform > b.platform ? 1 : 0);
  const subject = [{ name: INDEX_SUBJECT, digest: { sha256: hexOf(report.digest) } }];
  for (const p of platforms) {
    if (!subject.some((s) => s.digest.sha256 === hexOf(p.digest))) subject.push({ name: p.platform, digest: { sha256: hexOf(p.digest) } });
  }
  const run = {
    ...input.run.repository ? { repository: input.run.repository } : {},
    ...input.run.commit ? { commit: input.run.commit } : {},
    ...input.run.workflowRef ? { workflowRef: input.run.workflowRef } : {},
    ...input.run.runId ? { runId: input.run.runId } : {}
  };
  return {
    _type: STATEMENT_TYPE,
    subject,
    predicateType: PREDICATE_TYPE,
    predicate: {
      verifier: { name: "oneapi-offline-action", version: VERSION },
      index: { digest: report.digest },
      ...input.base ? { base: { digest: input.base.digest } } : {},
      ...input.carried && input.carried.length > 0 ? { carriedFromBase: [...new Set(input.carried)].sort() } : {},
      platforms,
      run,
      ...input.sourceDateEpoch !== void 0 ? { created: new Date(input.sourceDateEpoch * 1e3).toISOString().replace(".000Z", "Z") } : {}
    }
  };
}
function statementBytes(statement) {
  const digests = statement.subject.map((s) => s.digest.sha256);
  const twice = digests.find((d, i) => digests.indexOf(d) !== i);
  if (twice) throw new AttestError({ what: "the Statement names a subject twice", got: `sha256:${twice}`, expected: "each digest once", fix: "report this: subjects are deduplicated when built" });
  const bytes = Buffer.from(canonicalJson(statement), "utf8");
  if (bytes.length > MAX_STATEMENT_BYTES) throw new AttestError({ what: "the Statement is too large", got: `${bytes.length} B`, expected: `at most ${MAX_STATEMENT_BYTES} B`, fix: "attest fewer platforms or files per image" });
  return bytes;
}

export {
  canonicalJson,
  DSSE_MEDIA_TYPE,
  attestationTag,
  attachCosignAttestation,
  signEnvelope,
  envelopeBytes,
  envelopeSignedBy,
  PREDICATE_TYPE,
  STATEMENT_MEDIA_TYPE,
  MAX_STATEMENT_BYTES,
  buildStatement,
  statementBytes
};
