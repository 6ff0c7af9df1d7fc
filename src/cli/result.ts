// What the CLI prints on stdout: the run's outputs as one JSON object for scripts (jq), with
// nested values as JSON rather than strings and the bulky parts (buildx metadata, per-file
// verification details) left out — they are in the log and the action's outputs. Pure.
import type { PipelineResult } from '../pipeline/pipeline.js';

export function cliResult(result: PipelineResult): Record<string, unknown> {
  const { prepared, built, merged, verification } = result;
  const out: Record<string, unknown> = {};
  if (prepared) {
    out['cache-dir'] = prepared.cacheDir;
    out['cache-hit'] = prepared.cacheHit;
    out['source'] = prepared.source;
    out['manifest'] = prepared.manifestPath;
    out['files'] = prepared.files.map((f) => ({ id: f.id, cacheFile: f.cacheFile, sha256: f.sha256, source: f.source }));
  }
  if (result.drift) out['drift'] = result.drift.length > 0;
  const digest = merged?.digest ?? built?.digest;
  if (digest) out['digest'] = digest;
  const tags = merged?.tags ?? built?.tags;
  if (tags && tags.length > 0) out['tags'] = tags;
  if (built?.archive) out['archive'] = built.archive;
  if (built?.digestRefs) out['digest-refs'] = built.digestRefs;
  if (result.published) out['published'] = result.published.map((t) => ({ tag: t.ref, where: t.where, published: t.published, ...(t.reason ? { reason: t.reason } : {}) }));
  if (built) out['builder'] = { name: built.engine.builder ?? result.buildOptions?.builder ?? 'default', driver: built.engine.driver };
  if (built?.platformDigests) out['platform-digests'] = built.platformDigests;
  if (result.cacheImage) out['cache-image'] = { ...result.cacheImage };
  if (result.gateway) out['gateway'] = { name: result.gateway.profile.name, by: result.gateway.by, why: result.gateway.why };
  if (result.attestation) out['attestation'] = { path: result.attestation.path, 'subject-digest': result.attestation.subjectDigest, attached: result.attestation.attached };
  if (verification) {
    out['verified'] = verification.ok;
    out['platforms'] = Object.fromEntries(verification.platforms.map((p) => [p.platform, { digest: p.digest, ok: p.ok, ...(p.verdict ? { verdict: p.verdict } : {}) }]));
  }
  return out;
}
