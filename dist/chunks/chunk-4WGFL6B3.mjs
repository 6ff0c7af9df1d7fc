import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  rfc3339
} from "./chunk-C5YV2EB3.mjs";

// src/build/created.ts
var CREATED_KEY = "org.opencontainers.image.created";
function pinCreated(input, epoch, keep) {
  if (keep || epoch === void 0) return { labels: input.labels, annotations: input.annotations };
  const created = rfc3339(epoch);
  const replaced = [];
  const labels = input.labels.map(([key, value]) => {
    if (key !== CREATED_KEY || value === created) return [key, value];
    replaced.push(`label ${value}`);
    return [key, created];
  });
  const annotations = input.annotations.map((a) => {
    if (a.key !== CREATED_KEY || a.value === created) return a;
    replaced.push(`annotation ${a.value}`);
    return { ...a, value: created };
  });
  if (replaced.length === 0) return { labels, annotations };
  const notice = `${CREATED_KEY} given in labels/annotations (${[...new Set(replaced)].join(", ")}) was replaced by the build's SOURCE_DATE_EPOCH time ${created} (a clock time would give a new digest on every run); set keep-created: true to keep the given value`;
  return { labels, annotations, notice };
}

export {
  CREATED_KEY,
  pinCreated
};
