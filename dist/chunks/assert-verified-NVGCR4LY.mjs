import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  normalizeLayerPath
} from "./chunk-ART2IT2O.mjs";
import {
  VerifyError
} from "./chunk-22DLFXIZ.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/image/assert-verified.ts
function platformLines(p, cachePath) {
  const lines = [`${p.platform} (${p.digest}):`];
  for (const problem of p.problems) lines.push(`    ${problem}`);
  for (const f of p.files) {
    if (f.status === "missing") lines.push(`    ${cachePath}/${f.cacheFile}: missing (expected sha256 ${f.expectedSha256}${f.expectedSize === void 0 ? "" : `, ${f.expectedSize} B`})`);
    if (f.status === "mismatch") {
      const actual = f.actualSha256 ? `sha256 ${f.actualSha256}, ${f.actualSize ?? "?"} B` : f.detail ?? "unreadable";
      lines.push(`    ${cachePath}/${f.cacheFile}: mismatch: expected sha256 ${f.expectedSha256}${f.expectedSize === void 0 ? "" : ` (${f.expectedSize} B)`}, got ${actual}`);
    }
  }
  if (!p.env.ok) {
    for (const key of ["TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR"]) {
      const value = p.env[key];
      const same = value !== void 0 && value.startsWith("/") && normalizeLayerPath(value) === normalizeLayerPath(cachePath);
      if (!same) lines.push(`    env ${key}: expected ${cachePath}, got ${value === void 0 ? "(unset)" : value}`);
    }
  }
  return lines;
}
function assertVerified(report) {
  if (report.ok) return;
  const failing = report.platforms.filter((p) => !p.ok);
  const lines = failing.flatMap((p) => platformLines(p, report.cachePath.replace(/\/+$/, "")));
  if (report.platforms.length === 0) lines.push("no platform image could be read");
  throw new VerifyError({
    what: `image ${report.image} (${report.digest}) failed offline verification on ${failing.length ? failing.map((p) => p.platform).join(", ") : "every platform"}`,
    got: `
  ${lines.join("\n  ")}`,
    expected: `every platform to hold each encoder file under ${report.cachePath} with its pinned sha256, and TIKTOKEN_CACHE_DIR = DATA_GYM_CACHE_DIR = ${report.cachePath}`,
    fix: "rebuild from a verified cache folder (prepare again, with refresh: true if a cache is suspect) and check that no later Dockerfile step deletes or overwrites cache-path or its ENV"
  });
}
export {
  assertVerified
};
