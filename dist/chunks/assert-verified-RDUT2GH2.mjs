import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  VerifyError
} from "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/image/assert-verified.ts
function platformLines(p) {
  const lines = [`${p.platform} (${p.digest}):`];
  const fixes = [];
  for (const problem of p.problems) lines.push(`    ${problem}`);
  if (p.problems.length > 0) fixes.push("rebuild or re-push the image; a layer the engine cannot unpack or a store serving other bytes is not an offline image");
  for (const c of p.consumers) {
    if (!c.required || c.ok || p.problems.length > 0) continue;
    lines.push(`    ${c.consumer} reads ${c.directory ?? "no folder"} (${c.why}):`);
    for (const f of c.findings) {
      lines.push(`      - ${f.problem}`);
      lines.push(`        fix: ${f.fix}`);
      fixes.push(f.fix);
    }
  }
  return { lines, fixes };
}
function assertVerified(report) {
  if (report.ok) return;
  const failing = report.platforms.filter((p) => !p.ok);
  const parts = failing.map(platformLines);
  const lines = parts.flatMap((p) => p.lines);
  if (report.platforms.length === 0) lines.push("no platform image could be read");
  const fixes = [...new Set(parts.flatMap((p) => p.fixes))];
  throw new VerifyError({
    what: `image ${report.image} (${report.digest}) would not work offline on ${failing.length ? failing.map((p) => p.platform).join(", ") : "every platform"}`,
    got: `
  ${lines.join("\n  ")}`,
    expected: `every required consumer to read each encoder file with its pinned sha256 from its folder (${report.cachePath} as built), and nothing else there`,
    fix: fixes.length > 0 ? fixes.join("; ") : "rebuild from the verified cache folder"
  });
}
export {
  assertVerified
};
