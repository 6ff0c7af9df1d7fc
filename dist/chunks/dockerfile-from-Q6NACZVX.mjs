import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import "./chunk-JVZTSKKL.mjs";

// src/build/dockerfile-from.ts
function instructions(text) {
  const lines = text.split(/\r?\n/);
  let escape = "\\";
  for (const line of lines) {
    const directive = /^#\s*escape\s*=\s*([\\`])\s*$/i.exec(line);
    if (directive?.[1]) escape = directive[1];
    else if (!/^#\s*\w+\s*=/.test(line)) break;
  }
  const out = [];
  let current = "";
  for (const line of lines) {
    if (/^\s*#/.test(line)) continue;
    const trimmed = line.replace(/\s+$/, "");
    if (trimmed.endsWith(escape)) {
      current += `${trimmed.slice(0, -1)} `;
      continue;
    }
    current += trimmed;
    const match = /^\s*(\w+)\s*(.*)$/.exec(current);
    if (match?.[1]) out.push([match[1].toUpperCase(), match[2] ?? ""]);
    current = "";
  }
  return out;
}
function substitute(text, args) {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+][^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced, bare) => {
    const name = braced ?? bare ?? "";
    const value = args.get(name);
    if (value !== void 0) return value;
    const dflt = /^\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}$/.exec(whole);
    return dflt ? dflt[1] ?? "" : whole;
  });
}
function dockerfileFromImages(text, buildArgs, contexts) {
  const given = new Map(buildArgs);
  const globals = /* @__PURE__ */ new Map();
  const stages = /* @__PURE__ */ new Set();
  const named = new Set(contexts.map((c) => c.toLowerCase()));
  const images = [];
  const skipped = [];
  let seenFrom = false;
  for (const [keyword, rest] of instructions(text)) {
    if (keyword === "ARG" && !seenFrom) {
      for (const decl of rest.split(/\s+/).filter(Boolean)) {
        const eq = decl.indexOf("=");
        const name = eq < 0 ? decl : decl.slice(0, eq);
        const dflt = eq < 0 ? void 0 : decl.slice(eq + 1).replace(/^"(.*)"$/, "$1").replace(/^'(.*)'$/, "$1");
        const value = given.get(name) ?? (dflt === void 0 ? void 0 : substitute(dflt, globals));
        if (value !== void 0) globals.set(name, value);
      }
      continue;
    }
    if (keyword !== "FROM") continue;
    seenFrom = true;
    const later = [];
    const words = rest.split(/\s+/).filter(Boolean);
    const flags = words.filter((w) => w.startsWith("--"));
    const [ref = "", as, stage] = words.filter((w) => !w.startsWith("--"));
    if (as?.toUpperCase() === "AS" && stage) later.push(stage.toLowerCase());
    const platformFlag = flags.find((f) => f.startsWith("--platform="));
    const resolved = substitute(ref, globals);
    const lower = resolved.toLowerCase();
    if (platformFlag && /\$\{?BUILDPLATFORM\b/.test(platformFlag)) skipped.push({ ref, why: "runs on the build platform (--platform=$BUILDPLATFORM)" });
    else if (resolved.includes("$")) skipped.push({ ref, why: "depends on an ARG with no value" });
    else if (lower === "scratch") skipped.push({ ref, why: "scratch is empty, any platform" });
    else if (stages.has(lower)) skipped.push({ ref, why: "an earlier build stage" });
    else if (named.has(lower)) skipped.push({ ref, why: "a named build context" });
    else if (platformFlag && !/\$\{?TARGETPLATFORM\b/.test(platformFlag)) skipped.push({ ref, why: `pinned to ${platformFlag.slice("--platform=".length)}` });
    else if (!images.includes(resolved)) images.push(resolved);
    for (const name of later) stages.add(name);
  }
  return { images, skipped };
}
export {
  dockerfileFromImages
};
