// The action's outputs from a run's result. Pure; every output is set, '' when it does not apply,
// so later steps can test them without guarding. Names equal action.yml's outputs (a test
// keeps them equal).
import type { PipelineResult } from './pipeline.js';

export const OUTPUT_NAMES = [
  'cache-dir',
  'cache-hit',
  'source',
  'manifest',
  'drift',
  'digest',
  'imageid',
  'metadata',
  'version',
  'tags',
  'labels',
  'annotations',
  'archive',
  'verification',
  'cache-image',
  'gateway',
  'verdict',
  'attestation',
  'subject-digest',
] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];

export function actionOutputs(result: PipelineResult): Record<OutputName, string> {
  const { prepared, built, merged, verification, stamp } = result;
  return {
    'cache-dir': prepared?.cacheDir ?? '',
    // As actions/cache: 'true' when nothing had to be downloaded.
    'cache-hit': prepared ? String(prepared.cacheHit) : '',
    source: prepared?.source ?? '',
    manifest: prepared ? JSON.stringify(prepared.manifest) : '',
    drift: result.drift && result.drift.length > 0 ? 'true' : 'false',
    digest: merged?.digest ?? built?.digest ?? '',
    imageid: built?.imageid ?? '',
    metadata: built ? JSON.stringify(built.metadata) : '',
    version: built || merged ? (stamp?.version ?? '') : '',
    tags: (merged?.tags ?? built?.tags ?? []).join('\n'),
    labels: built || merged ? (stamp?.labels ?? []).join('\n') : '',
    annotations: built || merged ? (stamp?.annotations ?? []).join('\n') : '',
    archive: built?.archive ?? '',
    verification: verification ? JSON.stringify(verification) : '',
    'cache-image': result.cacheImage?.tagged ? `${result.cacheImage.reference}@${result.cacheImage.digest}` : '',
    gateway: result.gateway?.profile.name ?? '',
    verdict: (verification?.platforms ?? []).flatMap((p) => (p.verdict ? [p.verdict] : [])).join('\n'),
    attestation: result.attestation?.path ?? '',
    'subject-digest': result.attestation?.subjectDigest ?? '',
  };
}
