// Standard OCI annotations as image labels (version, revision, source, created) plus the
// user's, which win on a clash. `created` comes from SOURCE_DATE_EPOCH, never the clock, so
// two builds of the same inputs carry the same labels. Pure.

export type Pair = readonly [string, string];

/** RFC 3339 UTC, seconds precision: 1700000000 → 2023-11-14T22:13:20Z. */
export function rfc3339(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function ociLabels(facts: {
  readonly version?: string | undefined;
  readonly revision?: string | undefined;
  readonly source?: string | undefined;
  readonly sourceDateEpoch?: number | undefined;
}): Pair[] {
  const labels: Pair[] = [];
  if (facts.version) labels.push(['org.opencontainers.image.version', facts.version]);
  if (facts.revision) labels.push(['org.opencontainers.image.revision', facts.revision]);
  if (facts.source) labels.push(['org.opencontainers.image.source', facts.source]);
  if (facts.sourceDateEpoch !== undefined) labels.push(['org.opencontainers.image.created', rfc3339(facts.sourceDateEpoch)]);
  return labels;
}

/** `base` then `overrides`; a key in both keeps the override's value at the base's place. */
export function mergePairs(base: readonly Pair[], overrides: readonly Pair[]): Pair[] {
  const merged = new Map<string, string>(base);
  for (const [key, value] of overrides) merged.set(key, value);
  return [...merged];
}
