import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/build/labels.ts
function rfc3339(epochSeconds) {
  return new Date(epochSeconds * 1e3).toISOString().replace(/\.\d{3}Z$/, "Z");
}
function ociLabels(facts) {
  const labels = [];
  if (facts.version) labels.push(["org.opencontainers.image.version", facts.version]);
  if (facts.revision) labels.push(["org.opencontainers.image.revision", facts.revision]);
  if (facts.source) labels.push(["org.opencontainers.image.source", facts.source]);
  if (facts.sourceDateEpoch !== void 0) labels.push(["org.opencontainers.image.created", rfc3339(facts.sourceDateEpoch)]);
  return labels;
}
function mergePairs(base, overrides) {
  const merged = new Map(base);
  for (const [key, value] of overrides) merged.set(key, value);
  return [...merged];
}

export {
  rfc3339,
  ociLabels,
  mergePairs
};
