import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  splitTag
} from "./chunk-2PSOF6JL.mjs";
import {
  parseBoolean,
  parseLines,
  parseList
} from "./chunk-5NV5H2XR.mjs";
import {
  InputError
} from "./chunk-SENFWAUD.mjs";

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

// src/build/secrets.ts
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

// src/build/outputs.ts
function chooseRoute(options, driver) {
  if (driver !== "docker" && options.push && !options.load && options.archive === void 0) return "registry";
  return "archive";
}
function needsArchive(options, route) {
  return route === "archive" && (options.push || options.load || options.archive !== void 0 || options.verify);
}
function targetRepositories(options) {
  const tags = options.pushByDigest ? [] : options.tags;
  return [.../* @__PURE__ */ new Set([...options.images, ...tags.map((tag) => splitTag(tag).name)])];
}
function csvField(field) {
  return /[,"]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
function rewrite(options) {
  return options.sourceDateEpoch === void 0 || options.mode.kind === "overlay" ? [] : ["rewrite-timestamp=true"];
}
function destPath(dest) {
  return "layout" in dest ? dest.layout : dest.archive;
}
function buildxOutputs(options, route, dest) {
  if (route === "registry") {
    const names = targetRepositories(options).join(",");
    return [["type=image", `name=${names}`, "push-by-digest=true", "name-canonical=true", "push=true", "oci-mediatypes=true", ...rewrite(options)].map(csvField).join(",")];
  }
  if (options.archive !== void 0) return [["type=oci", `dest=${options.archive}`, ...rewrite(options)].map(csvField).join(",")];
  if (dest === void 0) return [];
  if ("layout" in dest) return [["type=oci", `dest=${dest.layout}`, "tar=false", ...rewrite(options)].map(csvField).join(",")];
  return [["type=oci", `dest=${dest.archive}`, ...rewrite(options)].map(csvField).join(",")];
}

// src/build/secrets.ts
var ID = /^[A-Za-z0-9_.-]{1,128}$/;
var ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function pair(input, item, example) {
  const eq = item.indexOf("=");
  const id = eq > 0 ? item.slice(0, eq).trim() : "";
  if (!ID.test(id) || eq === item.length - 1) {
    throw new InputError(input, {
      got: eq > 0 ? `an entry with id ${JSON.stringify(id.slice(0, 64))}` : 'an entry without "="',
      expected: `one ${example} per line; ids of letters, digits, "_", "." and "-"`,
      fix: `write each ${input} entry as ${example}`
    });
  }
  return [id, item.slice(eq + 1)];
}
function parseSecrets(raw) {
  const secrets = [
    ...parseLines(raw("secrets")).map((line) => {
      const [id, value] = pair("secrets", line, "id=value");
      return { id, from: "value", value };
    }),
    ...parseLines(raw("secret-files")).map((line) => {
      const [id, path] = pair("secret-files", line, "id=path");
      if (/[\r\n\0]/.test(path)) throw new InputError("secret-files", { got: JSON.stringify(line), expected: "id=path", fix: "give a file path" });
      return { id, from: "file", path: path.trim() };
    }),
    ...parseList(raw("secret-envs")).map((item) => {
      const [id, env] = pair("secret-envs", item, "id=ENVNAME");
      if (!ENV_NAME.test(env.trim())) {
        throw new InputError("secret-envs", { got: JSON.stringify(item), expected: "id=ENVNAME with a variable name such as GH_TOKEN", fix: "name the environment variable that holds the secret" });
      }
      return { id, from: "env", env: env.trim() };
    })
  ];
  const seen = /* @__PURE__ */ new Set();
  for (const secret of secrets) {
    if (seen.has(secret.id)) {
      throw new InputError(secret.from === "value" ? "secrets" : secret.from === "file" ? "secret-files" : "secret-envs", {
        got: `the id ${JSON.stringify(secret.id)} twice`,
        expected: "each secret id once across secrets, secret-files and secret-envs",
        fix: "rename or remove one of them"
      });
    }
    seen.add(secret.id);
  }
  return secrets;
}
function secretArgs(secrets, valueFiles) {
  return secrets.flatMap((secret) => {
    if (secret.from === "env") return ["--secret", `id=${secret.id},env=${secret.env}`];
    const src = secret.from === "file" ? secret.path : valueFiles.get(secret.id);
    if (src === void 0) throw new Error(`secret ${secret.id}: its value was not written to a file`);
    return ["--secret", [`id=${secret.id}`, `src=${src}`].map(csvField).join(",")];
  });
}
async function writeSecretValues(secrets, dir) {
  const files = /* @__PURE__ */ new Map();
  const values = secrets.filter((s) => s.from === "value");
  if (values.length === 0) return files;
  await mkdir(dir, { recursive: true, mode: 448 });
  await chmod(dir, 448);
  for (const [n, secret] of values.entries()) {
    const file = join(dir, String(n));
    await writeFile(file, secret.value, { mode: 384, flag: "w" });
    await chmod(file, 384);
    files.set(secret.id, file);
  }
  return files;
}

export {
  CACHE_CONTEXT,
  parseBuildFlags,
  buildFlagArgs,
  chooseRoute,
  needsArchive,
  targetRepositories,
  destPath,
  buildxOutputs,
  parseSecrets,
  secretArgs,
  writeSecretValues
};
