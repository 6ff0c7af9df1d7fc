import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  splitTag
} from "./chunk-NVZCJQUL.mjs";
import {
  parseLines,
  parseList
} from "./chunk-QE6PONKV.mjs";
import {
  InputError
} from "./chunk-ZWN2JR2B.mjs";

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
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
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
  chooseRoute,
  needsArchive,
  targetRepositories,
  destPath,
  buildxOutputs,
  parseSecrets,
  secretArgs,
  writeSecretValues
};
