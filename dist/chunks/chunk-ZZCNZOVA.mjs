import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  parseBoolean,
  parseLines,
  parseList
} from "./chunk-QE6PONKV.mjs";
import {
  InputError
} from "./chunk-ZWN2JR2B.mjs";

// src/build/build-flags.ts
var CACHE_CONTEXT = "tiktoken";
var STAGE = /^[A-Za-z][A-Za-z0-9_.-]*$/;
var NETWORKS = ["default", "none", "host"];
var HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/;
var ADDRESS = /^(host-gateway|[0-9]{1,3}(\.[0-9]{1,3}){3}|\[?[0-9A-Fa-f:.]+\]?)$/;
function oneLine(input, value) {
  if (/[\r\n\0]/.test(value)) throw new InputError(input, { got: JSON.stringify(value), expected: "a single line", fix: `remove the line break from ${input}` });
  return value;
}
function parseContexts(raw) {
  const seen = /* @__PURE__ */ new Set();
  return parseLines(raw).map((line) => {
    const eq = line.indexOf("=");
    const name = eq > 0 ? line.slice(0, eq).trim() : "";
    const value = eq > 0 ? line.slice(eq + 1).trim() : "";
    if (name === "" || value === "" || /\s/.test(name)) {
      throw new InputError("build-contexts", { got: JSON.stringify(line), expected: "one name=path per line (or name=docker-image://ref, name=https://\u2026)", fix: "write each context as name=path" });
    }
    if (name.toLowerCase() === CACHE_CONTEXT) {
      throw new InputError("build-contexts", {
        got: JSON.stringify(line),
        expected: `no context named "${CACHE_CONTEXT}": this action passes the verified encoder cache under that name`,
        fix: `rename your context and its COPY --from; COPY --from=${CACHE_CONTEXT} already gives the verified files`
      });
    }
    if (seen.has(name)) throw new InputError("build-contexts", { got: `the name ${JSON.stringify(name)} twice`, expected: "each context name once", fix: "remove one of them" });
    seen.add(name);
    return [name, value];
  });
}
function parseCacheSpecs(input, raw) {
  return parseLines(raw).map((line) => {
    if (/\s/.test(line.replace(/"[^"]*"/g, ""))) {
      throw new InputError(input, { got: JSON.stringify(line), expected: "one buildx cache spec per line, e.g. type=registry,ref=ghcr.io/org/app:buildcache", fix: `write each ${input} entry on its own line without spaces` });
    }
    return line;
  });
}
function parseAddHosts(raw) {
  return parseList(raw).map((item) => {
    const sep = item.search(/[:=]/);
    const host = sep > 0 ? item.slice(0, sep) : "";
    const address = sep > 0 ? item.slice(sep + 1) : "";
    if (!HOST.test(host) || !ADDRESS.test(address)) {
      throw new InputError("add-hosts", { got: JSON.stringify(item), expected: "host:ip, e.g. docker:10.180.0.1 (or host-gateway)", fix: "write each entry as host:ip" });
    }
    return `${host}:${address}`;
  });
}
function parseSbom(raw) {
  const value = oneLine("sbom", raw.trim());
  if (value === "") return void 0;
  if (value === "true" || value === "false" || /^[a-z-]+=[^\s,]+(,[a-z-]+=[^\s,]+)*$/.test(value)) return value;
  throw new InputError("sbom", { got: JSON.stringify(raw), expected: "true, false or attributes such as generator=<image>", fix: "set sbom: true (or leave it empty)" });
}
function parseBuildFlags(raw, overlay) {
  const target = oneLine("target", raw("target").trim());
  if (target !== "" && !STAGE.test(target)) {
    throw new InputError("target", { got: JSON.stringify(target), expected: "a stage name from the Dockerfile (FROM \u2026 AS <name>)", fix: "give the name of a build stage" });
  }
  if (target !== "" && overlay) {
    throw new InputError("target", { got: JSON.stringify(target), expected: "no target in overlay mode (base-image is set; the generated Dockerfile has one stage)", fix: "remove target, or build your Dockerfile (file/context) instead of base-image" });
  }
  const network = oneLine("network", raw("network").trim());
  if (network !== "" && !NETWORKS.includes(network)) {
    throw new InputError("network", { got: JSON.stringify(network), expected: NETWORKS.join(", "), fix: "set network to default, none or host (host needs the network.host entitlement on the builder)" });
  }
  const sbom = parseSbom(raw("sbom"));
  return {
    ...target !== "" ? { target } : {},
    buildContexts: parseContexts(raw("build-contexts")),
    cacheFrom: parseCacheSpecs("cache-from", raw("cache-from")),
    cacheTo: parseCacheSpecs("cache-to", raw("cache-to")),
    ...sbom !== void 0 ? { sbom } : {},
    noCache: parseBoolean("no-cache", raw("no-cache"), false),
    pull: parseBoolean("pull", raw("pull"), false),
    ...network !== "" ? { network } : {},
    addHosts: parseAddHosts(raw("add-hosts"))
  };
}
function buildFlagArgs(flags) {
  const argv = [];
  if (flags.target) argv.push("--target", flags.target);
  for (const [name, value] of flags.buildContexts) argv.push("--build-context", `${name}=${value}`);
  for (const spec of flags.cacheFrom) argv.push("--cache-from", spec);
  for (const spec of flags.cacheTo) argv.push("--cache-to", spec);
  for (const host of flags.addHosts) argv.push("--add-host", host);
  if (flags.network) argv.push("--network", flags.network);
  if (flags.noCache) argv.push("--no-cache");
  if (flags.pull) argv.push("--pull");
  if (flags.sbom !== void 0) argv.push("--sbom", flags.sbom);
  return argv;
}

export {
  CACHE_CONTEXT,
  parseBuildFlags,
  buildFlagArgs
};
