// A run's result as the job summary's input (src/report/types.ts). Pure.
import type { DriftedFile } from '../errors.js';
import { redactUrl, stripCredentials } from '../proxy/redact.js';
import type { DriftRow, SummaryInput } from '../report/types.js';
import type { PipelineResult } from './pipeline.js';

function driftRow(d: DriftedFile): DriftRow {
  return {
    id: d.id,
    url: stripCredentials(d.url),
    expectedSha256: d.expected.sha256,
    // Extras are pinned by hash only: 0 stands for "no pinned size".
    expectedSize: d.expected.size ?? 0,
    ...(d.from !== d.url ? { from: redactUrl(d.from) } : {}),
    ...(d.actual ? { actualSha256: d.actual.sha256, actualSize: d.actual.size } : {}),
    ...(d.error !== undefined ? { error: d.error } : {}),
  };
}

export function summaryInput(result: PipelineResult): SummaryInput {
  const { prepared, built, merged, verification, buildOptions } = result;
  const platformsOf = (): string[] => {
    if (merged) return [...merged.platforms];
    if (built?.platformDigests) return Object.keys(built.platformDigests);
    return [...(buildOptions?.platforms ?? [])];
  };
  const digest = merged?.digest ?? built?.digest;
  return {
    encoders: (prepared?.files ?? []).map((f) => ({ ...f, url: stripCredentials(f.url) })),
    ...(prepared ? { cacheDir: prepared.cacheDir, cacheHit: prepared.cacheHit, source: prepared.source } : {}),
    ...(digest
      ? {
          image: {
            digest,
            tags: merged?.tags ?? built?.tags ?? [],
            platforms: platformsOf(),
            ...(built?.archive ? { archive: built.archive } : {}),
            ...(result.published ? { published: result.published.map((t) => ({ ...t })) } : {}),
            ...(built ? { builder: { name: built.engine.builder ?? buildOptions?.builder ?? 'default', driver: built.engine.driver } } : {}),
          },
        }
      : {}),
    ...(buildOptions ? { cachePath: buildOptions.cachePath } : {}),
    ...(verification
      ? { verification: verification.platforms.map((p) => ({ platform: p.platform, digest: p.digest, ok: p.ok, files: p.files.map((f) => ({ cacheFile: f.cacheFile, status: f.status })), ...(p.verdict ? { verdict: p.verdict } : {}) })) }
      : {}),
    ...(result.gateway ? { gateway: { name: result.gateway.profile.name, by: result.gateway.by, why: result.gateway.why } } : {}),
    ...(buildOptions?.sourceDateEpoch !== undefined ? { sourceDateEpoch: String(buildOptions.sourceDateEpoch) } : {}),
    ...(result.pinSetKey ? { pinSetKey: result.pinSetKey } : {}),
    ...(result.drift ? { drift: result.drift.map(driftRow) } : {}),
    ...(result.error !== undefined ? { failure: result.error instanceof Error ? result.error.message : String(result.error) } : {}),
  };
}
