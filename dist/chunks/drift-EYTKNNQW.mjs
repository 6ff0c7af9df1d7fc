import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  DriftError
} from "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/prepare/drift.ts
function reason(error) {
  return error instanceof Error ? error.message.split("\n")[0] ?? "" : String(error);
}
function driftReport(mismatches, failures) {
  const expected = (file) => file.size === void 0 ? { sha256: file.sha256 } : { sha256: file.sha256, size: file.size };
  return [
    ...mismatches.map(
      (m) => ({ id: m.file.id, url: m.file.url, from: m.from, expected: expected(m.file), actual: m.measured })
    ),
    ...failures.map(
      (f) => ({ id: f.file.id, url: f.file.url, from: f.from, expected: expected(f.file), error: reason(f.error) })
    )
  ].sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
function driftError(drifted) {
  const lines = drifted.map(
    (d) => d.actual ? `${d.id} (${d.from}): sha256 ${d.actual.sha256}, ${d.actual.size} bytes` : `${d.id} (${d.from}): not fetched: ${d.error ?? "unknown error"}`
  );
  const expected = drifted.map((d) => `${d.id}: sha256 ${d.expected.sha256}${d.expected.size === void 0 ? "" : `, ${d.expected.size} bytes`}`);
  return new DriftError(
    {
      what: `refresh: upstream bytes of ${drifted.filter((d) => d.actual).length} pinned file(s) no longer match the pins (drift); nothing was kept`,
      got: lines.join("\n            "),
      expected: expected.join("\n            "),
      fix: "review the new upstream files; if the change is genuine, update their sha256 and size in src/pins.ts (or extra-encoders) and release; until then builds keep using the cached, pinned bytes"
    },
    drifted
  );
}
export {
  driftError,
  driftReport
};
