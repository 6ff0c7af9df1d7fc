import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  DSSE_MEDIA_TYPE,
  MAX_STATEMENT_BYTES,
  PREDICATE_TYPE,
  STATEMENT_MEDIA_TYPE,
  attestationTag,
  canonicalJson,
  envelopeSignedBy
} from "./chunk-GGSWY6FC.mjs";
import {
  getManifest,
  manifestExists,
  repositoryName
} from "./chunk-TDMJSE4D.mjs";
import {
  sha256Digest
} from "./chunk-LMSPCY74.mjs";
import {
  VerifyError
} from "./chunk-SENFWAUD.mjs";

// src/attest/check-attestation.ts
var ATTESTATION_MODES = ["required", "if-present", "ignore"];
var STATEMENT_TYPES = ["https://in-toto.io/Statement/v1", "https://in-toto.io/Statement/v0.1"];
function fail(image, mismatch) {
  return new VerifyError({ what: `the attestation of ${image} does not hold: ${mismatch.field}`, got: mismatch.found, expected: mismatch.expected, fix: "do not trust this image: rebuild it, or re-attach the attestation its build made" });
}
var show = (value) => value === void 0 ? "(absent)" : canonicalJson(value);
function platformFacts(p) {
  return {
    digest: p.digest,
    variables: { ...p.env.TIKTOKEN_CACHE_DIR !== void 0 ? { TIKTOKEN_CACHE_DIR: p.env.TIKTOKEN_CACHE_DIR } : {}, ...p.env.DATA_GYM_CACHE_DIR !== void 0 ? { DATA_GYM_CACHE_DIR: p.env.DATA_GYM_CACHE_DIR } : {} },
    files: p.files.filter((f) => f.status === "ok").map((f) => ({ cacheFile: f.cacheFile, sha256: f.actualSha256 ?? f.expectedSha256, size: f.actualSize ?? f.expectedSize })).sort((a, b) => a.cacheFile < b.cacheFile ? -1 : 1),
    ok: p.ok
  };
}
function statementMismatch(statement, report) {
  const s = statement;
  if (!STATEMENT_TYPES.includes(String(s._type))) return { field: "_type", expected: STATEMENT_TYPES.join(" or "), found: show(s._type) };
  if (s.predicateType !== PREDICATE_TYPE) return { field: "predicateType", expected: PREDICATE_TYPE, found: show(s.predicateType) };
  const subjects = Array.isArray(s.subject) ? s.subject : [];
  const digests = subjects.map((x) => `sha256:${String(x.digest?.sha256)}`);
  if (!digests.includes(report.digest)) return { field: "subject", expected: `a subject with the image's digest ${report.digest}`, found: digests.join(", ") || "(none)" };
  if (new Set(digests).size !== digests.length) return { field: "subject", expected: "each digest once", found: digests.join(", ") };
  const platforms = Array.isArray(s.predicate?.platforms) ? s.predicate.platforms : [];
  const stated = platforms.map((p) => String(p["platform"])).sort();
  const read = report.platforms.map((p) => p.platform).sort();
  if (stated.join() !== read.join()) return { field: "predicate.platforms", expected: read.join(", "), found: stated.join(", ") || "(none)" };
  for (const p of report.platforms) {
    const found = platforms.find((x) => x["platform"] === p.platform) ?? {};
    const facts = platformFacts(p);
    const foundFiles = Array.isArray(found["files"]) ? found["files"].map((f) => ({ cacheFile: f["cacheFile"], sha256: f["sha256"], size: f["size"] })).sort((a, b) => String(a.cacheFile) < String(b.cacheFile) ? -1 : 1) : found["files"];
    const gateway = found["gateway"];
    const pairs = [
      ["digest", facts["digest"], found["digest"]],
      ["cachePath", report.cachePath, found["cachePath"]],
      ["variables", facts["variables"], found["variables"]],
      ["files", facts["files"], foundFiles],
      ["gateway.ok", facts["ok"], gateway?.ok]
    ];
    for (const [name, expected, got] of pairs) {
      if (show(expected) !== show(got)) return { field: `predicate.platforms[${p.platform}].${name}`, expected: show(expected), found: show(got) };
    }
  }
  return void 0;
}
function parseEnvelope(bytes) {
  try {
    const e = JSON.parse(bytes.toString("utf8"));
    return typeof e.payload === "string" && typeof e.payloadType === "string" && Array.isArray(e.signatures) ? e : void 0;
  } catch {
    return void 0;
  }
}
async function checkAttestation(http, report, check, log) {
  if (check.mode === "ignore") return "skipped";
  const image = `${repositoryName(http)}@${report.digest}`;
  const tag = attestationTag(report.digest);
  const absent = (why) => {
    if (check.mode === "required") throw new VerifyError({ what: `attestation required, but ${image} has none: ${why}`, expected: `a ${PREDICATE_TYPE} attestation signed by --attest-key at ${tag}`, fix: "build with attest-key (or attach one with cosign attest --type \u2026), or verify with --attestation if-present" });
    log.notice(`${image}: ${why}; nothing to check (--attestation if-present)`);
    return "absent";
  };
  if (!await manifestExists(http, tag)) return absent(`no ${tag} in ${repositoryName(http)}`);
  const manifest = JSON.parse((await getManifest(http, tag)).bytes.toString("utf8"));
  const ours = (manifest.layers ?? []).filter((l) => l.mediaType === DSSE_MEDIA_TYPE && l.annotations?.["predicateType"] === PREDICATE_TYPE);
  if (ours.length === 0) return absent(`${tag} holds no ${PREDICATE_TYPE} attestation`);
  if (!check.key) {
    log.notice(`${image} carries ${ours.length} ${PREDICATE_TYPE} attestation(s), not checked: pass --attest-key cosign.pub to check them`);
    return "skipped";
  }
  let signed = 0;
  for (const layer of ours) {
    if (layer.size > MAX_STATEMENT_BYTES * 2) throw fail(image, { field: "envelope size", expected: `at most ${MAX_STATEMENT_BYTES * 2} B`, found: `${layer.size} B` });
    const response = await http.request(`/blobs/${layer.digest}`, { timeoutMs: 6e4, what: `GET attestation ${layer.digest} of ${image}` });
    const bytes = await response.bytes();
    if (sha256Digest(bytes) !== layer.digest) throw fail(image, { field: "envelope digest", expected: layer.digest, found: sha256Digest(bytes) });
    const envelope = parseEnvelope(bytes);
    if (!envelope || envelope.payloadType !== STATEMENT_MEDIA_TYPE || !envelopeSignedBy(envelope, check.key)) continue;
    signed++;
    let statement;
    try {
      statement = JSON.parse(Buffer.from(envelope.payload, "base64").toString("utf8"));
    } catch {
      throw fail(image, { field: "payload", expected: "an in-toto Statement (JSON)", found: "not JSON" });
    }
    const mismatch = statementMismatch(statement, report);
    if (mismatch) throw fail(image, mismatch);
  }
  if (signed === 0) throw fail(image, { field: "signature", expected: "a DSSE signature by the --attest-key key", found: `${ours.length} envelope(s), none signed by that key` });
  log.info(`${image}: ${signed} attestation(s) signed by --attest-key hold: subject, platforms, files, paths and verdicts equal what the layers hold now`);
  return "checked";
}

export {
  ATTESTATION_MODES,
  statementMismatch,
  checkAttestation
};
